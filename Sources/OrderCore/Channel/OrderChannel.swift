/// The desk's one way to the order service: learn the channel's state, read the catalog, ask
/// for a quote, seal a card to the vault's key, submit an order, look one up.
///
/// Implementations report the channel's security from the real connection, as a stream: it is
/// the only way the desk learns it. They must refuse to seal or send card data unless the
/// channel is `.secure`, and they fetch the vault's key themselves, over a secure channel,
/// when a card is sealed.
public protocol OrderChannel: Sendable {
  /// Each change of the channel's security, as requests and probes learn it; one reader.
  var securityChanges: AsyncStream<ChannelSecurity> { get }

  /// Connects unless connected, and says what the attempt found; never throws, since every
  /// failure is a state.
  func probe() async -> ChannelSecurity

  /// The service's catalog, which is the one its prices come from.
  func catalog() async throws -> Catalog

  /// Totals for a cart as the service computes them (tax, shipping).
  func quote(_ request: QuoteRequest) async throws -> Quote

  /// Seals a copy of the card's fields to the vault's current key for the order with
  /// `idempotencyKey`. The caller still owns `card` and wipes it.
  func sealCard(
    _ card: CardEntry, idempotencyKey: IdempotencyKey, currentMonth: YearMonth
  ) async throws -> SealedCard

  /// Submits an order, calling `whenSent` once it has been written to the connection.
  /// Retrying with the same submission's key never charges twice.
  func submit(
    _ submission: OrderSubmission, whenSent: (@Sendable () -> Void)?
  ) async throws -> SubmitOutcome

  /// The order with this number, if the email matches the one on it; `nil` otherwise.
  ///
  /// An unknown number and a wrong email give the same answer, so that numbers cannot be probed.
  func lookUp(number: OrderNumber, email: String) async throws -> OrderRecord?

  /// Closes the connection; a later call opens a new one.
  func close() async
}

/// What the desk asks the service to price.
public struct QuoteRequest: Sendable, Hashable, Codable {
  public var currency: Currency
  /// The ISO 3166-1 alpha-2 code of the customer's country, which decides the tax.
  public var country: String
  public var lines: [CartLine]

  public init(currency: Currency, country: String, lines: [CartLine]) {
    self.currency = currency
    self.country = country
    self.lines = lines
  }
}

/// Card data sealed to the vault's public key: only the vault can open it.
public struct SealedCard: Sendable, Hashable, Codable {
  /// Which vault key the card was sealed to.
  public var keyId: String
  /// Standard base64 of the encapsulated key followed by the ciphertext.
  public var sealed: String

  public init(keyId: String, sealed: String) {
    self.keyId = keyId
    self.sealed = sealed
  }
}

/// An order ready to send: everything but the card is plain; the card is sealed.
public struct OrderSubmission: Sendable, Hashable {
  public var idempotencyKey: IdempotencyKey
  public var currency: Currency
  public var source: OrderSource
  public var lines: [CartLine]
  public var customer: Customer
  public var card: SealedCard
  /// Staff's note on a phone, fax or mail order; empty when none.
  public var note: String

  public init(
    idempotencyKey: IdempotencyKey, currency: Currency, source: OrderSource, lines: [CartLine],
    customer: Customer, card: SealedCard, note: String = ""
  ) {
    self.idempotencyKey = idempotencyKey
    self.currency = currency
    self.source = source
    self.lines = lines
    self.customer = customer
    self.card = card
    self.note = note
  }
}

/// The service's answer to a submit: a decline is an answer, not an error.
public enum SubmitOutcome: Sendable, Hashable {
  case accepted(OrderRecord)
  case declined(PaymentDecline)
}

/// Why the card was not authorized, in words for the person at the desk.
public struct PaymentDecline: Sendable, Hashable, Codable {
  /// A stable code such as `card_declined`, `insufficient_funds` or `incorrect_cvc`.
  public var code: String
  public var message: String

  public init(code: String, message: String) {
    self.code = code
    self.message = message
  }
}

/// What a refused submission asks of the desk, beyond showing the error's words.
public enum SubmitRefusal: Sendable, Hashable {
  /// The vault is away for a moment; the same order can be sent again and is charged once.
  case vaultUnavailable
  /// The card was sealed to a vault key that is no longer accepted; it must be sealed again.
  case vaultKeyRetired
  /// Too many card attempts from here lately; the vault takes no card for a while.
  case tooManyAttempts
}

/// An error of an ``OrderChannel`` that can say which ``SubmitRefusal`` it is.
public protocol SubmitRefusalError: Error {
  /// The refusal this error is, or `nil` for any other failure.
  var submitRefusal: SubmitRefusal? { get }
}

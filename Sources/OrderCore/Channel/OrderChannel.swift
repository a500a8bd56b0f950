/// The way the desk reaches an order service: read the catalog, ask for a quote, submit
/// an order, look one up.
///
/// Implementations report `security` from the real connection, and must refuse to send
/// card data unless it is `.secure`.
public protocol OrderChannel: Sendable {
  /// The channel's security as of the last connection attempt.
  var security: ChannelSecurity { get async }

  /// The service's catalog, which is the one its prices come from.
  func catalog() async throws -> Catalog

  /// Totals for a cart as the service computes them (tax, shipping).
  func quote(_ request: QuoteRequest) async throws -> Quote

  /// Submits an order. Retrying with the same submission's key never charges twice.
  func submit(_ submission: OrderSubmission) async throws -> SubmitOutcome

  /// The order with this number, if the email matches the one on it; `nil` otherwise.
  ///
  /// An unknown number and a wrong email give the same answer, so that numbers cannot be probed.
  func lookUp(number: OrderNumber, email: String) async throws -> OrderRecord?
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

  public init(
    idempotencyKey: IdempotencyKey, currency: Currency, source: OrderSource, lines: [CartLine],
    customer: Customer, card: SealedCard
  ) {
    self.idempotencyKey = idempotencyKey
    self.currency = currency
    self.source = source
    self.lines = lines
    self.customer = customer
    self.card = card
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

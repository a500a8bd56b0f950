import OrderCore

/// The order service's one way to card data: the vault, in another process or on another host.
///
/// A narrow port on purpose. It authorizes a sealed card and refunds a charge, and tells the
/// key cards are sealed to; nothing in it returns a card number or a CVC. The order service
/// is given one at its composition root: the mutual-TLS client of a running `orderdesk vault`
/// for real use, the vault itself in process for route tests.
public protocol CardVault: Sendable {
  /// The key cards are sealed to now, and the older keys still accepted.
  func keys() async throws(CardVaultError) -> VaultKeySet

  /// Authorizes the sealed card, once per idempotency key: a repeat returns the first answer.
  func authorize(
    _ request: CardAuthorization
  ) async throws(CardVaultError)
    -> VaultAuthorization

  /// Refunds part or all of a charge, once per idempotency key.
  func refund(_ request: ChargeRefund) async throws(CardVaultError) -> VaultRefund
}

/// What an authorization names: the sealed card, what it pays for, and who is paying.
public struct CardAuthorization: Sendable, Hashable, Codable {
  public var card: SealedCard
  public var idempotencyKey: IdempotencyKey
  /// The order's reference (its number), kept with the authorization: a repeat of the key
  /// must name the same one.
  public var reference: String
  public var amount: Money
  /// The address the order came from, which the vault counts card attempts by.
  ///
  /// The TCP peer of the request as the service saw it, never a header the client wrote.
  public var clientAddress: String?
  /// The customer's email address, counted like the client's address.
  public var email: String?
  /// Who is entering the card, so each kind of actor can have limits of its own.
  public var actor: AuthorizationActor

  public init(
    card: SealedCard, idempotencyKey: IdempotencyKey, reference: String, amount: Money,
    clientAddress: String? = nil, email: String? = nil, actor: AuthorizationActor = .customer
  ) {
    self.card = card
    self.idempotencyKey = idempotencyKey
    self.reference = reference
    self.amount = amount
    self.clientAddress = clientAddress
    self.email = email
    self.actor = actor
  }

  private enum CodingKeys: String, CodingKey {
    case card, idempotencyKey, reference, amount, clientAddress, email, actor
  }

  /// Reads a body from a service that names no actor as a customer's.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    card = try container.decode(SealedCard.self, forKey: .card)
    idempotencyKey = try container.decode(IdempotencyKey.self, forKey: .idempotencyKey)
    reference = try container.decode(String.self, forKey: .reference)
    amount = try container.decode(Money.self, forKey: .amount)
    clientAddress = try container.decodeIfPresent(String.self, forKey: .clientAddress)
    email = try container.decodeIfPresent(String.self, forKey: .email)
    actor = try container.decodeIfPresent(AuthorizationActor.self, forKey: .actor) ?? .customer
  }
}

/// Who enters a card: what the vault's attempt limits are chosen by.
public enum AuthorizationActor: String, Sendable, Hashable, Codable, CaseIterable {
  /// A customer, or anyone not signed in: limited per address, email and card.
  case customer
  /// A signed-in member of staff typing in a phone, fax or mail order (a MOTO payment):
  /// many customers' cards from one desk, so limited per member of staff, whose name the
  /// service sends in place of the client's address.
  case staff
}

/// What a refund names: the charge, by its card's token and authorization code, and the amount.
public struct ChargeRefund: Sendable, Hashable, Codable {
  public var token: String
  public var authorizationCode: String
  public var amount: Money
  public var reference: String
  public var idempotencyKey: IdempotencyKey

  public init(
    token: String, authorizationCode: String, amount: Money, reference: String,
    idempotencyKey: IdempotencyKey
  ) {
    self.token = token
    self.authorizationCode = authorizationCode
    self.amount = amount
    self.reference = reference
    self.idempotencyKey = idempotencyKey
  }
}

/// A vault public key as it is published: its id and the raw X25519 key in standard base64.
public struct PublishedVaultKey: Sendable, Hashable, Codable {
  public var keyId: String
  public var publicKey: String
  /// For an older key: until when (seconds since 1970, UTC) cards sealed to it are accepted.
  public var acceptedUntil: Int64?

  public init(keyId: String, publicKey: String, acceptedUntil: Int64? = nil) {
    self.keyId = keyId
    self.publicKey = publicKey
    self.acceptedUntil = acceptedUntil
  }
}

/// The key cards are sealed to now, and the older ones still accepted for a while.
public struct VaultKeySet: Sendable, Hashable, Codable {
  public var current: PublishedVaultKey
  public var previous: [PublishedVaultKey]

  public init(current: PublishedVaultKey, previous: [PublishedVaultKey] = []) {
    self.current = current
    self.previous = previous
  }
}

/// Why the vault gave no answer, in words that carry no card data.
public enum CardVaultError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The vault could not be reached, or did not answer in time; nothing was charged.
  case unavailable(String)
  /// The sealed card could not be opened or read; the reason never holds card data.
  case cardRefused(String)
  /// The card was sealed to a key the vault has retired; seal it again to the current key.
  case keyRetired(keyId: String)
  /// The idempotency key was used before for another amount, card, order or charge.
  case idempotencyConflict
  /// The idempotency key was answered longer ago than ``IdempotencyWindow/answerLifetime``;
  /// its answer is no longer given, and a new submission needs a new key.
  case idempotencyKeyExpired
  /// Too many cards or declines from this address, email or card lately; nothing was asked
  /// of the processor. Try again after `retryAfter` seconds.
  case tooManyAttempts(retryAfter: Int)
  /// The card processor did not answer; nothing was charged or refunded.
  case processorUnavailable(String)
  /// The request itself is not acceptable (amount, reference, token).
  case invalidRequest(String)
  /// A fault inside the vault; nothing was charged.
  case fault(String)

  public var description: String {
    switch self {
    case .unavailable(let detail): "The vault is unavailable: \(detail)"
    case .cardRefused(let detail): "The sealed card was refused: \(detail)"
    case .keyRetired(let keyId):
      "The card was sealed to the vault key \(keyId), which is no longer accepted."
    case .idempotencyConflict:
      "This idempotency key was already used for a different card, amount, order or charge."
    case .idempotencyKeyExpired:
      "This idempotency key was answered too long ago to be answered again; use a new key."
    case .tooManyAttempts(let retryAfter):
      "Too many card attempts; try again in \(retryAfter) seconds."
    case .processorUnavailable(let detail): "The card processor did not answer: \(detail)"
    case .invalidRequest(let detail): "The request is not acceptable: \(detail)"
    case .fault(let detail): "The vault failed: \(detail)"
    }
  }
}

/// How long an idempotency key is answered, by the order service and by the vault alike.
///
/// The service keeps its stored answers this long and then purges them; the vault replays an
/// authorization this long, refuses the key after it, and purges its answers on the same
/// schedule. A submit repeated after the service forgot its answer can therefore never get
/// the old authorization back and make a second order that nobody paid for.
public enum IdempotencyWindow {
  /// 48 hours: desks retry within minutes, and keys are promised for at least 24 hours.
  public static let answerLifetime: Int64 = 48 * 3600
}

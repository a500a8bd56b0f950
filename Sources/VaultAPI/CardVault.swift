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

/// What an authorization names: the sealed card and what it pays for.
public struct CardAuthorization: Sendable, Hashable, Codable {
  public var card: SealedCard
  public var idempotencyKey: IdempotencyKey
  /// The order's reference (its number), kept with the authorization.
  public var reference: String
  public var amount: Money

  public init(card: SealedCard, idempotencyKey: IdempotencyKey, reference: String, amount: Money) {
    self.card = card
    self.idempotencyKey = idempotencyKey
    self.reference = reference
    self.amount = amount
  }
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
  /// The idempotency key was used before for another amount, card or charge.
  case idempotencyConflict
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
      "This idempotency key was already used for a different amount or charge."
    case .processorUnavailable(let detail): "The card processor did not answer: \(detail)"
    case .invalidRequest(let detail): "The request is not acceptable: \(detail)"
    case .fault(let detail): "The vault failed: \(detail)"
    }
  }
}

import OrderCore

/// The vault's v1 wire format, shared by the vault's listener and its clients.
///
/// Routes: `GET /v1/keys` (``VaultKeySet``), `POST /v1/authorizations`
/// (``CardAuthorization`` → ``VaultAuthorizationBody``), `POST /v1/refunds`
/// (``ChargeRefund`` → ``VaultRefundBody``) and `GET /healthz`. Errors are
/// ``VaultErrorBody``. Described in `openapi/vault-v1.json`.
public enum VaultRoutes {
  public static let keys = "/v1/keys"
  public static let authorizations = "/v1/authorizations"
  public static let refunds = "/v1/refunds"
  public static let health = "/healthz"
}

/// The answer to an authorization: approved with the card's token and summary, or declined.
public struct VaultAuthorizationBody: Sendable, Hashable, Codable {
  public enum Outcome: String, Sendable, Hashable, Codable {
    case approved, declined
  }

  public var outcome: Outcome
  public var token: String?
  public var card: CardSummary?
  public var authorizationCode: String?
  public var decline: PaymentDecline?

  public init(_ authorization: VaultAuthorization) {
    switch authorization {
    case .approved(let card, let token, let authorizationCode):
      outcome = .approved
      self.token = token
      self.card = card
      self.authorizationCode = authorizationCode
    case .declined(let decline):
      outcome = .declined
      self.decline = decline
    }
  }

  /// The answer it carries, or `nil` when a field its outcome needs is missing.
  public var authorization: VaultAuthorization? {
    switch outcome {
    case .approved:
      guard let token, let card, let authorizationCode else { return nil }
      return .approved(card, token: token, authorizationCode: authorizationCode)
    case .declined:
      return decline.map { .declined($0) }
    }
  }
}

/// The answer to a refund: refunded with the processor's id, or declined.
public struct VaultRefundBody: Sendable, Hashable, Codable {
  public enum Outcome: String, Sendable, Hashable, Codable {
    case refunded, declined
  }

  public var outcome: Outcome
  public var refundId: String?
  public var decline: PaymentDecline?

  public init(_ refund: VaultRefund) {
    switch refund {
    case .refunded(let refundId):
      outcome = .refunded
      self.refundId = refundId
    case .declined(let decline):
      outcome = .declined
      self.decline = decline
    }
  }

  /// The answer it carries, or `nil` when a field its outcome needs is missing.
  public var refund: VaultRefund? {
    switch outcome {
    case .refunded: refundId.map { .refunded(refundId: $0) }
    case .declined: decline.map { .declined($0) }
    }
  }
}

/// The stable error codes of the vault's API; programs match on these, never on messages.
public enum VaultErrorCode: String, Sendable, Hashable, Codable, CaseIterable {
  case malformedJSON = "malformed_json"
  case invalidRequest = "invalid_request"
  case cardUnreadable = "card_unreadable"
  case keyRetired = "key_retired"
  case idempotencyConflict = "idempotency_conflict"
  case idempotencyKeyExpired = "idempotency_key_expired"
  case tooManyAttempts = "too_many_attempts"
  case processorUnavailable = "processor_unavailable"
  case notFound = "not_found"
  case bodyTooLarge = "body_too_large"
  case internalError = "internal_error"
}

/// Every error answer of the vault: `{"error": {"code", "message", "keyId"?, "retryAfter"?}}`.
public struct VaultErrorBody: Sendable, Hashable, Codable {
  public struct Detail: Sendable, Hashable, Codable {
    public var code: VaultErrorCode
    public var message: String
    /// For `key_retired`: the key the card was sealed to.
    public var keyId: String?
    /// For `too_many_attempts`: seconds until an attempt may be made again, as the
    /// `Retry-After` header says.
    public var retryAfter: Int?

    public init(
      code: VaultErrorCode, message: String, keyId: String? = nil, retryAfter: Int? = nil
    ) {
      self.code = code
      self.message = message
      self.keyId = keyId
      self.retryAfter = retryAfter
    }
  }

  public var error: Detail

  public init(_ error: Detail) { self.error = error }

  /// The error a client reports for this answer.
  public var vaultError: CardVaultError {
    switch error.code {
    case .cardUnreadable: .cardRefused(error.message)
    case .keyRetired: .keyRetired(keyId: error.keyId ?? "unknown")
    case .idempotencyConflict: .idempotencyConflict
    case .idempotencyKeyExpired: .idempotencyKeyExpired
    case .tooManyAttempts: .tooManyAttempts(retryAfter: max(1, error.retryAfter ?? 60))
    case .processorUnavailable: .processorUnavailable(error.message)
    case .malformedJSON, .invalidRequest, .bodyTooLarge, .notFound: .invalidRequest(error.message)
    case .internalError: .fault(error.message)
    }
  }
}

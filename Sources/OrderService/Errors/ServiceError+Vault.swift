import HTTPTypes
import OrderAPI
import VaultAPI

extension ServiceError {
  /// How long a desk should wait before it sends an order again while the vault is away: a
  /// supervised vault is restarted within about a second.
  static let vaultRetryAfterSeconds = 2

  /// The answer for a vault that could not give one.
  ///
  /// Nothing was charged in any of these cases, and none of them is stored as the answer to
  /// the order's Idempotency-Key, so the same key may be sent again (an expired one is
  /// refused again).
  init(vaultError error: CardVaultError) {
    switch error {
    case .unavailable:
      self.init(
        .serviceUnavailable, .vaultUnavailable,
        "Payments are briefly unavailable; nothing was charged. Send the order again in a moment: "
          + "it will not be charged twice.")
      headers[.retryAfter] = String(Self.vaultRetryAfterSeconds)
    case .cardRefused(let problem):
      self.init(.badRequest, APIError(code: .cardUnreadable, message: problem, field: .cardNumber))
    case .keyRetired:
      self.init(
        .conflict,
        APIError(
          code: .vaultKeyRetired,
          message: "The card was sealed to a vault key that is no longer accepted; fetch the "
            + "current key from /v1/vault-key and seal the card again.",
          field: .cardNumber))
    case .idempotencyConflict:
      self.init(
        .conflict, .idempotencyConflict,
        "This Idempotency-Key was already used for a different card, order or amount; use a "
          + "new key.")
    case .idempotencyKeyExpired:
      self.init(
        .unprocessableContent, .idempotencyKeyExpired,
        "This Idempotency-Key was used too long ago to be answered again; nothing was charged. "
          + "Send the order with a new key.")
    case .tooManyAttempts(let retryAfter):
      self.init(
        .tooManyRequests, .tooManyAttempts,
        "Too many card attempts lately; nothing was charged. Try again later.")
      headers[.retryAfter] = String(retryAfter)
    case .processorUnavailable:
      self.init(
        .serviceUnavailable, .processorUnavailable,
        "The card processor did not answer; nothing was charged. Try again in a moment.")
      headers[.retryAfter] = String(Self.vaultRetryAfterSeconds)
    case .invalidRequest(let detail):
      self.init(.badRequest, .validationFailed, detail)
    case .fault:
      self.init(
        .internalServerError, .internalError,
        "The payment could not be completed because of a fault in the vault; nothing was charged."
      )
    }
  }
}

import OrderAPI
import Vault

extension ServiceError {
  /// The answer for a vault that could not give one.
  ///
  /// Nothing was charged in any of these cases.
  init(vaultError error: any Error) {
    guard let error = error as? VaultError else {
      self.init(
        .internalServerError, .internalError, "The payment could not be completed; try again.")
      return
    }
    switch error {
    case .cardRefused(let problem):
      self.init(
        .badRequest,
        APIError(code: .cardUnreadable, message: "\(problem)", field: .cardNumber))
    case .idempotencyConflict:
      self.init(
        .conflict, .idempotencyConflict,
        "This Idempotency-Key was already used for a different amount; use a new key.")
    case .processorUnavailable:
      self.init(
        .serviceUnavailable, .processorUnavailable,
        "The card processor did not answer; nothing was charged. Try again in a moment.")
    case .keyRetired:
      self.init(.conflict, .cardUnreadable, "The card was sealed to a retired vault key.")
    case .invalidRequest(let detail):
      self.init(.badRequest, .validationFailed, detail)
    case .unsafeDirectory, .keyFile, .keyMismatch, .database, .storeCorrupted:
      self.init(
        .internalServerError, .internalError,
        "The payment could not be completed because of a fault in the service; nothing was charged."
      )
    }
  }
}

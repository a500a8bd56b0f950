import OrderCore

/// The body of every error answer: `{"error": {"code", "message", "field"?, "fields"?, "declineCode"?}}`.
public struct APIErrorBody: Error, Sendable, Hashable, Codable {
  public var error: APIError

  public init(_ error: APIError) { self.error = error }
}

/// One error answer: a stable code for programs and a message for people.
public struct APIError: Sendable, Hashable, Codable {
  public var code: APIErrorCode
  public var message: String
  /// For a validation error: the field the (first) message belongs to.
  public var field: OrderField?
  /// For a validation error: every field error, so a form can mark them all.
  public var fields: [FieldError]?
  /// For a payment decline: the processor's reason, such as `insufficient_funds`.
  public var declineCode: String?

  public init(
    code: APIErrorCode, message: String, field: OrderField? = nil, fields: [FieldError]? = nil,
    declineCode: String? = nil
  ) {
    self.code = code
    self.message = message
    self.field = field
    self.fields = fields
    self.declineCode = declineCode
  }

  /// A validation error listing every field error; the first names `field`.
  public static func validation(_ errors: [FieldError]) -> APIError {
    APIError(
      code: .validationFailed,
      message: errors.first?.message ?? "The order is not valid.",
      field: errors.first?.field, fields: errors)
  }
}

/// The stable error codes of the v1 API.
///
/// Programs match on these, never on messages.
public enum APIErrorCode: String, Sendable, Hashable, Codable, CaseIterable {
  /// The body is not JSON, or not the JSON this route takes.
  case malformedJSON = "malformed_json"
  /// One or more fields are wrong; `fields` lists them.
  case validationFailed = "validation_failed"
  /// A free-text field holds a card number; `field` names it. Nothing of it was stored.
  case cardNumberInText = "card_number_in_text"
  /// A line names a SKU the catalog does not have.
  case unknownSKU = "unknown_sku"
  /// The body is over the route's size limit (413).
  case bodyTooLarge = "body_too_large"
  /// The body of a route that reads JSON came with another `Content-Type` (415).
  case unsupportedMediaType = "unsupported_media_type"
  /// The request's `Transfer-Encoding` is something other than `chunked`, which the service
  /// does not undo (501).
  case unsupportedTransferCoding = "unsupported_transfer_coding"
  /// `POST /v1/orders` came without an `Idempotency-Key` header.
  case idempotencyKeyMissing = "idempotency_key_missing"
  /// The `Idempotency-Key` header is not 1 to 255 printable characters.
  case idempotencyKeyInvalid = "idempotency_key_invalid"
  /// The key was used before with a different body, card or amount, or the payment it got
  /// already paid for another order (409).
  case idempotencyConflict = "idempotency_conflict"
  /// The key was answered longer ago than its answers are kept (422): send the order with a
  /// new key.
  case idempotencyKeyExpired = "idempotency_key_expired"
  /// Too many cards or declines from this address, email or card lately (429, with
  /// `Retry-After`); nothing was charged.
  case tooManyAttempts = "too_many_attempts"
  /// The sealed card names a key the vault does not have, or cannot be opened.
  case cardUnreadable = "card_unreadable"
  /// The card was declined (402); `declineCode` says why.
  case paymentDeclined = "payment_declined"
  /// No order with that number and email (404). A wrong email answers the same.
  case orderNotFound = "order_not_found"
  /// Too many look-ups from this client address or of this order number lately (429, with
  /// `Retry-After`).
  case tooManyLookUps = "too_many_look_ups"
  /// No such route or method (404, 405).
  case notFound = "not_found"
  /// The payment processor could not be reached or failed; nothing was charged (503).
  case processorUnavailable = "processor_unavailable"
  /// The vault that alone reads card data could not be reached; nothing was charged (503,
  /// with `Retry-After`). The same Idempotency-Key may be sent again.
  case vaultUnavailable = "vault_unavailable"
  /// The card was sealed to a vault key that is no longer accepted (409): fetch the current
  /// key and seal the card again.
  case vaultKeyRetired = "vault_key_retired"
  /// A staff route was called without a session, or with one that expired, was locked or
  /// was ended (401): sign in again.
  case unauthorized = "unauthorized"
  /// The session is locked (401) until its member unlocks it with passphrase and code.
  case sessionLocked = "session_locked"
  /// The name, passphrase or code was wrong (401); which one is not said.
  case signInFailed = "sign_in_failed"
  /// The account is locked after repeated failed sign-ins, or disabled (423).
  case accountLocked = "account_locked"
  /// The member's role may not do this, such as an agent refunding (403).
  case forbidden = "forbidden"
  /// Staff routes are refused over plain HTTP (403): run the service with TLS.
  case staffNeedsTLS = "staff_needs_tls"
  /// A refund would return more than was charged and not yet refunded.
  case refundExceedsCharge = "refund_exceeds_charge"
  /// Something failed inside the service (500). Nothing was charged twice.
  case internalError = "internal_error"
}

import Hummingbird
import OrderAPI
import OrderCore

/// The `Idempotency-Key` header of a request that changes money.
enum IdempotencyHeader {
  static func key(in request: Request) throws(ServiceError) -> IdempotencyKey {
    guard let header = request.headers[values: .idempotencyKey].first else {
      throw ServiceError(
        .badRequest, .idempotencyKeyMissing,
        "This request needs an Idempotency-Key header, so that a retry never charges twice.")
    }
    guard let key = IdempotencyKey(header) else {
      throw ServiceError(
        .badRequest, .idempotencyKeyInvalid,
        "The Idempotency-Key header must be 1 to 255 printable ASCII characters.")
    }
    return key
  }
}

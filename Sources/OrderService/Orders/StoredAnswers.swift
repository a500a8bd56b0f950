import OrderAPI
import OrderCore
import OrderStorage

extension OrderStore {
  /// The answer stored for `key`, to send again; 409 when the key came with another request.
  ///
  /// Orders and refunds share this: a key names one request, whatever route it was sent to.
  func replay(key: IdempotencyKey, requestHash: [UInt8]) async throws -> JSONAnswer? {
    guard let stored = try await answer(for: key) else { return nil }
    guard stored.requestHash == requestHash else {
      throw ServiceError(
        .conflict, .idempotencyConflict,
        "This Idempotency-Key was already used for a different request; use a new key.")
    }
    return JSONAnswer(status: .init(code: stored.status), bytes: stored.body)
  }
}

extension JSONAnswer {
  /// `402 Payment Required` for a declined charge or refund: an answer, not a fault.
  static func declined(_ decline: PaymentDecline) throws -> JSONAnswer {
    try JSONAnswer(
      status: .init(code: 402, reasonPhrase: "Payment Required"),
      body: APIErrorBody(
        APIError(code: .paymentDeclined, message: decline.message, declineCode: decline.code)))
  }
}

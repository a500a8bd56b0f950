import Crypto
import Hummingbird
import OrderAPI
import OrderCore
import OrderStorage

/// Takes orders in exactly once: one submit per idempotency key, however many times and
/// however concurrently it arrives.
///
/// The actor only keeps the map of submits in flight; the work itself runs off the actor so
/// that orders with different keys proceed in parallel.
actor OrderIntake {
  private let taker: OrderTaker
  private var inFlight: [IdempotencyKey: Task<JSONAnswer, any Error>] = [:]

  init(taker: OrderTaker) {
    self.taker = taker
  }

  /// The answer to a submit: the first answer again for a repeat, 409 for the same key with
  /// another order.
  func submit(
    body: [UInt8], key: IdempotencyKey, origin: String, clientAddress: String?,
    enteredBy member: StaffMember? = nil
  ) async throws -> JSONAnswer {
    let request = try OrderRequestReader.decode(body)
    try FreeText.refuseCardNumbers(in: request)
    try OrderTaker.checkEntry(request, by: member)
    // The hash is over the request as the service read it, re-encoded with sorted keys, so
    // that key order and white space do not make the same order look like another one.
    let hash = Array(SHA256.hash(data: try JSONAnswer.encoder.encode(request)))
    if let running = inFlight[key] {
      let answer = try await running.value
      // A concurrent duplicate waits for the first and then answers as a repeat would.
      return try await taker.replay(key: key, requestHash: hash) ?? answer
    }
    let taker = self.taker
    let task = Task {
      if let stored = try await taker.replay(key: key, requestHash: hash) { return stored }
      return try await taker.take(
        request, requestHash: hash, key: key, origin: origin, clientAddress: clientAddress,
        enteredBy: member)
    }
    inFlight[key] = task
    defer { inFlight[key] = nil }
    return try await task.value
  }
}

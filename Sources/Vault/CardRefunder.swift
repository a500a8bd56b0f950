import Logging
import OrderCore
import VaultAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The refund flow, outside the actor like `CardAuthorizer`; everything it holds is immutable.
///
/// It touches no card data: a refund names the card by its token and the charge by its
/// authorization code. It does not check the amount against what was charged; the order
/// service does that against its own record, and the processor against its own.
final class CardRefunder: Sendable {
  private let store: CardStore
  private let processor: any PaymentProcessor
  private let clock: @Sendable () -> Date
  private let logger: Logger

  init(
    store: CardStore, processor: any PaymentProcessor, clock: @escaping @Sendable () -> Date,
    logger: Logger
  ) {
    self.store = store
    self.processor = processor
    self.clock = clock
    self.logger = logger
  }

  func refund(
    _ target: RefundTarget, reference: String, idempotencyKey: IdempotencyKey
  ) async throws(VaultError) -> VaultRefund {
    try Self.check(target, reference: reference)
    if let stored = try store.refund(for: idempotencyKey) {
      return try replay(stored, target: target, reference: reference)
    }
    guard try await store.hasCard(token: target.token) else {
      throw .invalidRequest("no card is stored under the token of this refund.")
    }

    let answer: RefundAnswer
    do {
      answer = try await processor.refund(
        RefundRequest(
          authorizationCode: target.authorizationCode, amount: target.amount,
          reference: reference, idempotencyKey: idempotencyKey))
    } catch {
      logger.warning(
        "processor gave no answer to a refund",
        metadata: ["reference": "\(reference)", "error": "\(error)"])
      throw .processorUnavailable(error.message)
    }
    let outcome: VaultRefund =
      switch answer {
      case .refunded(let refundId): .refunded(refundId: refundId)
      case .declined(let decline): .declined(decline)
      }
    let stored = try await store.recordRefund(
      StoredRefund(target: target, outcome: outcome), key: idempotencyKey, reference: reference,
      now: Int64(clock().timeIntervalSince1970))
    // Another vault process on the same file may have stored an answer first; it stands.
    guard stored.target == target else { throw .idempotencyConflict }
    log(stored, reference: reference, replayed: false)
    return stored.outcome
  }

  private func replay(
    _ stored: StoredRefund, target: RefundTarget, reference: String
  ) throws(VaultError) -> VaultRefund {
    guard stored.target == target else { throw .idempotencyConflict }
    log(stored, reference: reference, replayed: true)
    return stored.outcome
  }

  private func log(_ stored: StoredRefund, reference: String, replayed: Bool) {
    let amount = "\(stored.target.amount.minorUnits) \(stored.target.amount.currency.code)"
    switch stored.outcome {
    case .refunded(let refundId):
      logger.info(
        replayed ? "refund replayed" : "card refunded",
        metadata: [
          "reference": "\(reference)", "token": "\(stored.target.token)",
          "amount": "\(amount)", "refundId": "\(refundId)",
        ])
    case .declined(let decline):
      logger.info(
        replayed ? "refund decline replayed" : "refund declined",
        metadata: [
          "reference": "\(reference)", "token": "\(stored.target.token)",
          "amount": "\(amount)", "decline": "\(decline.code)",
        ])
    }
  }

  private static func check(_ target: RefundTarget, reference: String) throws(VaultError) {
    guard target.amount.minorUnits > 0 else {
      throw .invalidRequest("a refund must be of an amount more than zero.")
    }
    let limit = CardAuthorizer.maximumReferenceLength
    guard isPrintable(reference, limit: limit) else {
      throw .invalidRequest("the reference must be 1 to \(limit) printable ASCII characters.")
    }
    guard isPrintable(target.authorizationCode, limit: limit) else {
      throw .invalidRequest(
        "the authorization code must be 1 to \(limit) printable ASCII characters.")
    }
    guard isPrintable(target.token, limit: limit) else {
      throw .invalidRequest("the token must be 1 to \(limit) printable ASCII characters.")
    }
  }

  private static func isPrintable(_ text: String, limit: Int) -> Bool {
    let bytes = text.utf8
    return (1...limit).contains(bytes.count) && bytes.allSatisfy { (0x21...0x7E).contains($0) }
  }
}

import Crypto
import Hummingbird
import Logging
import OrderAPI
import OrderCore
import OrderStorage
import VaultAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Refunds, one at a time: never more than was charged, once per Idempotency-Key.
///
/// Refunds are rare and must not race: two at once could each see the same amount left
/// and both reach the processor. An actor runs them in turn.
actor RefundDesk {
  private let vault: any CardVault
  private let store: any OrderStore
  private let clock: @Sendable () -> Date
  private let logger: Logger

  init(
    vault: any CardVault, store: any OrderStore, clock: @escaping @Sendable () -> Date,
    logger: Logger
  ) {
    self.vault = vault
    self.store = store
    self.clock = clock
    self.logger = logger
  }

  func refund(
    _ body: [UInt8], number raw: String, key: IdempotencyKey, origin: String
  ) async throws -> JSONAnswer {
    let request = try OrderRequestReader.decode(RefundOrderRequest.self, from: body)
    let notFound = ServiceError(.notFound, .orderNotFound, "There is no order with that number.")
    guard let number = OrderNumber(raw) else { throw notFound }
    let canonical = try JSONAnswer.encoder.encode(RefundKey(number: number, request: request))
    let hash = Array(SHA256.hash(data: canonical))
    if let stored = try await store.replay(key: key, requestHash: hash) { return stored }

    let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard (1...500).contains(reason.count), !TerminalText.containsControls(reason) else {
      throw ServiceError(
        .badRequest, .validationFailed,
        "Give a reason of 1 to 500 characters, without control characters.")
    }
    guard let order = try await store.order(number: number) else { throw notFound }
    let total = order.record.quote.total
    let remaining = try total.subtracting(order.refunded)
    let amount = request.amount ?? remaining
    guard amount.currency == total.currency else {
      throw ServiceError(
        .badRequest, .validationFailed,
        "The order was charged in \(total.currency.code); refund in \(total.currency.code).")
    }
    guard amount.minorUnits > 0 else {
      throw ServiceError(.badRequest, .validationFailed, "A refund must be more than zero.")
    }
    guard amount.minorUnits <= remaining.minorUnits else {
      throw ServiceError(
        .badRequest, .refundExceedsCharge,
        "At most \(remaining.formatted(.code)) of this order can still be refunded.")
    }

    let outcome: VaultRefund
    do {
      outcome = try await vault.refund(
        ChargeRefund(
          token: order.cardToken, authorizationCode: order.authorizationCode, amount: amount,
          reference: number.rawValue, idempotencyKey: key))
    } catch {
      throw ServiceError(vaultError: error)
    }
    let now = Int64(clock().timeIntervalSince1970)
    let answer: JSONAnswer
    switch outcome {
    case .declined(let decline):
      answer = try JSONAnswer.declined(decline)
    case .refunded(let refundId):
      let status: PaymentStatus = amount == remaining ? .refunded : .partiallyRefunded
      _ = try await store.changePayment(
        of: number, from: order.record.payment, to: status, refund: amount,
        by: ChangeContext(actor: "staff", origin: origin, at: now, note: "\(refundId): \(reason)"))
      var record = order.record
      record.payment = status
      answer = try JSONAnswer(
        status: .created,
        body: RefundResponse(
          refund: RefundRecord(id: refundId, amount: amount, reason: reason), order: record))
      logger.info(
        "refunded", metadata: ["order": "\(number)", "amount": "\(amount.formatted(.code))"])
    }
    try await store.storeAnswer(
      StoredAnswer(
        key: key, requestHash: hash, status: Int(answer.status.code), body: answer.bytes,
        orderNumber: number, createdAt: now))
    return answer
  }
}

/// What makes two refund requests the same request.
private struct RefundKey: Encodable {
  let number: OrderNumber
  let request: RefundOrderRequest
}

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

/// Refunds: never more than was charged, once per Idempotency-Key.
///
/// Two refunds at once under different keys must not both see the same amount left and
/// both reach the processor. So before the vault is asked, the amount is reserved in the
/// order database, in the transaction that checks what is left; the second refund sees the
/// first's reservation and is refused. The reservation is settled once the vault refunded,
/// given back when it clearly did not, and kept when nobody knows (the request was lost on
/// its way back): a retry under the same key picks it up, and the vault answers that key
/// from its own store.
struct RefundDesk: Sendable {
  let vault: any CardVault
  let store: any OrderStore
  let clock: @Sendable () -> Date
  let logger: Logger

  func refund(
    _ body: [UInt8], number raw: String, key: IdempotencyKey, origin: String
  ) async throws -> JSONAnswer {
    let request = try OrderRequestReader.decode(RefundOrderRequest.self, from: body)
    try FreeText.refuseCardNumbers([(.refundReason, "The reason", request.reason)])
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
    let charged = order.record.quote.total.currency
    if let amount = request.amount {
      guard amount.currency == charged else {
        throw ServiceError(
          .badRequest, .validationFailed,
          "The order was charged in \(charged.code); refund in \(charged.code).")
      }
      guard amount.minorUnits > 0 else {
        throw ServiceError(.badRequest, .validationFailed, "A refund must be more than zero.")
      }
    }
    let reservation: RefundReservation
    do {
      reservation = try await store.reserveRefund(
        of: number, amount: request.amount, key: key,
        at: Int64(clock().timeIntervalSince1970))
    } catch .refundExceedsCharge(let remaining) {
      throw ServiceError(
        .badRequest, .refundExceedsCharge,
        "At most \(remaining.formatted(.code)) of this order can still be refunded.")
    } catch .duplicateKey {
      throw ServiceError(
        .conflict, .idempotencyConflict,
        "This Idempotency-Key was used for another refund; use a new key for a new refund.")
    }

    let outcome: VaultRefund
    do {
      outcome = try await vault.refund(
        ChargeRefund(
          token: order.cardToken, authorizationCode: order.authorizationCode,
          amount: reservation.amount, reference: number.rawValue, idempotencyKey: key))
    } catch {
      // A vault that answered with an error refunded nothing: the amount is free again. One
      // that could not be reached may have refunded and lost the answer on its way back;
      // then the reservation stays for a retry under the same key.
      if case .unavailable = error {} else { try await store.releaseRefund(reservation) }
      throw ServiceError(vaultError: error)
    }
    let now = Int64(clock().timeIntervalSince1970)
    let answer: JSONAnswer
    switch outcome {
    case .declined(let decline):
      try await store.releaseRefund(reservation)
      answer = try JSONAnswer.declined(decline)
    case .refunded(let refundId):
      let status = try await store.settleRefund(
        reservation,
        by: ChangeContext(actor: "staff", origin: origin, at: now, note: "\(refundId): \(reason)"))
      var record = order.record
      record.payment = status
      answer = try JSONAnswer(
        status: .created,
        body: RefundResponse(
          refund: RefundRecord(id: refundId, amount: reservation.amount, reason: reason),
          order: record))
      logger.info(
        "refunded",
        metadata: ["order": "\(number)", "amount": "\(reservation.amount.formatted(.code))"])
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

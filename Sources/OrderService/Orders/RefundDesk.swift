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

  /// What a refund came to: the answer to send, whether money went back, and words for the
  /// audit trail.
  struct Done: Sendable {
    var answer: JSONAnswer
    var refunded: Bool
    var summary: String
  }

  func refund(
    _ body: [UInt8], number raw: String, key: IdempotencyKey, origin: String,
    by member: StaffMember
  ) async throws -> Done {
    let request = try OrderRequestReader.decode(RefundOrderRequest.self, from: body)
    try FreeText.refuseCardNumbers([(.note, "The note", request.note)])
    let notFound = ServiceError(.notFound, .orderNotFound, "There is no order with that number.")
    guard let number = OrderNumber(raw) else { throw notFound }
    let canonical = try JSONAnswer.encoder.encode(RefundKey(number: number, request: request))
    let hash = Array(SHA256.hash(data: canonical))
    if let stored = try await store.replay(key: key, requestHash: hash) {
      return Done(answer: stored, refunded: stored.status == .created, summary: "repeated key")
    }

    let note = request.note.trimmingCharacters(in: .whitespacesAndNewlines)
    guard note.count <= 500, !TerminalText.containsControls(note) else {
      throw ServiceError.validation([
        FieldError(.note, "Give a note of at most 500 characters, without control characters.")
      ])
    }
    if request.reason == .other && note.isEmpty {
      throw ServiceError.validation([
        FieldError(.note, "Say why in the note when the reason is 'other'.")
      ])
    }
    if request.amount != nil && request.lines != nil {
      throw ServiceError.validation([
        FieldError(.refundAmount, "Refund an amount or lines, not both.")
      ])
    }
    guard let order = try await store.order(number: number) else { throw notFound }
    let quote = order.record.quote
    let charged = quote.total.currency
    var amount = request.amount
    let lines = try Self.merged(request.lines ?? [])
    if let requested = request.lines {
      guard !requested.isEmpty else {
        throw ServiceError.validation([FieldError(.refundLines, "Name at least one line.")])
      }
      amount = try Self.price(lines, in: quote)
    }
    if let amount {
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
        of: number, amount: amount, lines: lines, key: key,
        at: Int64(clock().timeIntervalSince1970))
    } catch {
      throw Self.refusal(error)
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
    let done: Done
    let words = [request.reason.rawValue, note].filter { !$0.isEmpty }.joined(separator: ": ")
    switch outcome {
    case .declined(let decline):
      try await store.releaseRefund(reservation)
      done = Done(
        answer: try JSONAnswer.declined(decline), refunded: false,
        summary: "declined (\(decline.code)): \(reservation.amount.formatted(.code)), \(words)")
    case .refunded(let refundId):
      let status = try await store.settleRefund(
        reservation,
        by: ChangeContext(
          actor: "staff:\(member.name)", origin: origin, at: now, note: "\(refundId): \(words)"))
      var record = order.record
      record.payment = status
      done = Done(
        answer: try JSONAnswer(
          status: .created,
          body: RefundResponse(
            refund: RefundRecord(
              id: refundId, amount: reservation.amount, reason: request.reason, note: note,
              lines: lines),
            order: record)),
        refunded: true,
        summary: "\(reservation.amount.formatted(.code)), \(words)"
          + (lines.isEmpty
            ? ""
            : ", lines "
              + lines.map { "\($0.sku)×\($0.quantity)" }
              .joined(separator: " ")))
      logger.info(
        "refunded",
        metadata: ["order": "\(number)", "amount": "\(reservation.amount.formatted(.code))"])
    }
    try await store.storeAnswer(
      StoredAnswer(
        key: key, requestHash: hash, status: Int(done.answer.status.code),
        body: done.answer.bytes, orderNumber: number, createdAt: now))
    return done
  }

  /// What a client is told when the store refuses a reservation.
  static func refusal(_ error: OrderStoreError) -> any Error {
    switch error {
    case .refundExceedsCharge(let remaining):
      ServiceError(
        .badRequest, .refundExceedsCharge,
        "At most \(remaining.formatted(.code)) of this order can still be refunded.")
    case .duplicateKey:
      ServiceError(
        .conflict, .idempotencyConflict,
        "This Idempotency-Key was used for another refund; use a new key for a new refund.")
    case .invalidInput(let problem):
      ServiceError.validation([FieldError(.refundLines, "lines: \(problem).")])
    default:
      error
    }
  }

  /// The lines with each product named once, in the order first named; a quantity under one
  /// is refused.
  static func merged(_ lines: [RefundLine]) throws(ServiceError) -> [RefundLine] {
    var merged: [RefundLine] = []
    for line in lines {
      guard (1...Cart.quantityRange.upperBound).contains(line.quantity) else {
        throw ServiceError.validation([
          FieldError(
            .refundLines,
            "Refund 1 to \(Cart.quantityRange.upperBound) units of a line, not \(line.quantity).")
        ])
      }
      if let index = merged.firstIndex(where: { $0.sku == line.sku }) {
        merged[index].quantity += line.quantity
      } else {
        merged.append(line)
      }
    }
    return merged
  }

  /// What the lines cost with their tax, at the order's unit prices and tax rate.
  ///
  /// A line the order does not have is refused by name.
  static func price(_ lines: [RefundLine], in quote: Quote) throws(ServiceError) -> Money {
    var net = Money.zero(quote.currency)
    for line in lines {
      guard let charged = quote.lines.first(where: { $0.sku == line.sku }) else {
        throw ServiceError.validation([
          FieldError(.refundLines, "The order has no line for \(line.sku).")
        ])
      }
      guard line.quantity <= charged.quantity else {
        throw ServiceError.validation([
          FieldError(
            .refundLines,
            "The order has \(charged.quantity) of \(line.sku); \(line.quantity) cannot be refunded."
          )
        ])
      }
      do {
        net = try net.adding(try charged.unitPrice.multiplied(by: line.quantity))
      } catch {
        throw ServiceError(.badRequest, .validationFailed, "That refund is too large to count.")
      }
    }
    do {
      return try net.adding(try Pricing.tax(on: net, at: quote.taxRate))
    } catch {
      throw ServiceError(.badRequest, .validationFailed, "That refund is too large to count.")
    }
  }
}

/// What makes two refund requests the same request.
private struct RefundKey: Encodable {
  let number: OrderNumber
  let request: RefundOrderRequest
}

import GRDB
import OrderCore

extension SQLiteOrderStore {
  public func reserveRefund(
    of number: OrderNumber, amount: Money?, key: IdempotencyKey, at now: Int64
  ) async throws(OrderStoreError) -> RefundReservation {
    if let amount, amount.minorUnits <= 0 { throw .invalidInput("a refund is more than zero") }
    do {
      // Refunds are rare: a transaction of its own rather than a place in a group commit,
      // so the answer (what is left) comes back from the same transaction that checked it.
      return try await pool.write { db in
        let (id, row) = try Self.lockedOrder(number, db)
        let currency = try row.value("currency", as: Currency.self)
        if let held = try Row.fetchOne(
          db.cachedStatement(
            sql: "SELECT order_id, amount_minor FROM refund_reservations WHERE idempotency_key = ?"
          ), arguments: [key.rawValue])
        {
          // The same refund again, after a crash or a lost answer: its own reservation.
          let heldAmount = Money(minorUnits: try held.value("amount_minor"), currency: currency)
          guard try held.value("order_id") as Int64 == id, amount == nil || amount == heldAmount
          else { throw OrderStoreError.duplicateKey }
          return RefundReservation(number: number, amount: heldAmount, key: key)
        }
        let remaining = try Self.remainingMinor(orderID: id, row: row, db)
        let minor = amount?.minorUnits ?? remaining
        if let amount, amount.currency != currency {
          throw OrderStoreError.invalidInput("the order was paid in \(currency.code)")
        }
        guard minor > 0, minor <= remaining else {
          throw OrderStoreError.refundExceedsCharge(
            remaining: Money(minorUnits: remaining, currency: currency))
        }
        try db.cachedStatement(
          sql: """
            INSERT INTO refund_reservations (order_id, idempotency_key, amount_minor, created_at)
            VALUES (?, ?, ?, ?)
            """
        ).execute(arguments: [id, key.rawValue, minor, now])
        return RefundReservation(
          number: number, amount: Money(minorUnits: minor, currency: currency), key: key)
      }
    } catch {
      throw OrderStoreError(error)
    }
  }

  public func settleRefund(
    _ reservation: RefundReservation, by change: ChangeContext
  ) async throws(OrderStoreError) -> PaymentStatus {
    try StoredText.check(change)
    do {
      return try await pool.write { db in
        let (id, row) = try Self.lockedOrder(reservation.number, db)
        try Self.deleteReservation(reservation, orderID: id, db)
        let total: Int64 = try row.value("total_minor")
        let refunded: Int64 = try row.value("refunded_minor") + reservation.amount.minorUnits
        let from = try row.value("payment_status", as: PaymentStatus.self)
        let to: PaymentStatus = refunded >= total ? .refunded : .partiallyRefunded
        try db.cachedStatement(
          sql: "UPDATE orders SET payment_status = ?, refunded_minor = ? WHERE id = ?"
        ).execute(arguments: [to.rawValue, refunded, id])
        let event = OrderRows.eventArguments(
          .payment(from: from, to: to), amount: reservation.amount, context: change)
        try db.cachedStatement(sql: OrderRows.insertEvent).execute(arguments: [id] + event)
        return to
      }
    } catch {
      throw OrderStoreError(error)
    }
  }

  public func releaseRefund(_ reservation: RefundReservation) async throws(OrderStoreError) {
    do {
      try await pool.write { db in
        let (id, _) = try Self.lockedOrder(reservation.number, db)
        try Self.deleteReservation(reservation, orderID: id, db)
      }
    } catch {
      throw OrderStoreError(error)
    }
  }

  /// What can still be refunded: the total less what was refunded and what is reserved.
  static func remainingMinor(orderID: Int64, row: Row, _ db: Database) throws -> Int64 {
    let total: Int64 = try row.value("total_minor")
    let refunded: Int64 = try row.value("refunded_minor")
    let reserved =
      try Int64.fetchOne(
        db.cachedStatement(
          sql: "SELECT COALESCE(SUM(amount_minor), 0) FROM refund_reservations WHERE order_id = ?"
        ), arguments: [orderID]) ?? 0
    return total - refunded - reserved
  }

  private static func deleteReservation(
    _ reservation: RefundReservation, orderID: Int64, _ db: Database
  ) throws {
    try db.cachedStatement(
      sql: """
        DELETE FROM refund_reservations
        WHERE idempotency_key = ? AND order_id = ? AND amount_minor = ?
        """
    ).execute(arguments: [reservation.key.rawValue, orderID, reservation.amount.minorUnits])
    guard db.changesCount == 1 else {
      throw OrderStoreError.invalidInput("no refund of that amount is reserved under that key")
    }
  }
}

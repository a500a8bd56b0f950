import GRDB
import OrderCore

extension SQLiteOrderStore {
  public func changeStatus(
    of number: OrderNumber, from: OrderStatus, to: OrderStatus, by change: ChangeContext
  ) async throws(OrderStoreError) -> OrderEvent {
    guard from != to else { throw .invalidInput("the order is already \(to.rawValue)") }
    try StoredText.check(change)
    let statusChange = StatusChange.order(from: from, to: to)
    let event = OrderRows.eventArguments(statusChange, amount: nil, context: change)
    try await writing { db in
      let (id, row) = try Self.lockedOrder(number, db)
      let current = try row.value("status", as: OrderStatus.self)
      guard current == from else { throw OrderStoreError.orderStatusChanged(current: current) }
      try db.cachedStatement(sql: "UPDATE orders SET status = ? WHERE id = ?")
        .execute(arguments: [to.rawValue, id])
      try db.cachedStatement(sql: OrderRows.insertEvent).execute(arguments: [id] + event)
    }
    return OrderEvent(
      number: number, action: statusChange.action, change: statusChange, amount: nil,
      context: change)
  }

  public func changePayment(
    of number: OrderNumber, from: PaymentStatus, to: PaymentStatus, refund: Money?,
    by change: ChangeContext
  ) async throws(OrderStoreError) -> OrderEvent {
    // A second partial refund keeps the status; without an amount such a move says nothing.
    guard from != to || refund != nil else {
      throw .invalidInput("the payment is already \(to.rawValue)")
    }
    try StoredText.check(change)
    if let refund, refund.minorUnits <= 0 {
      throw .invalidInput("a refund is more than zero")
    }
    let statusChange = StatusChange.payment(from: from, to: to)
    let event = OrderRows.eventArguments(statusChange, amount: refund, context: change)
    try await writing { db in
      let (id, row) = try Self.lockedOrder(number, db)
      let current = try row.value("payment_status", as: PaymentStatus.self)
      guard current == from else { throw OrderStoreError.paymentStatusChanged(current: current) }
      let refundMinor = try Self.checkedRefund(refund, row: row)
      try db.cachedStatement(
        sql:
          "UPDATE orders SET payment_status = ?, refunded_minor = refunded_minor + ? WHERE id = ?"
      ).execute(arguments: [to.rawValue, refundMinor, id])
      try db.cachedStatement(sql: OrderRows.insertEvent).execute(arguments: [id] + event)
    }
    return OrderEvent(
      number: number, action: statusChange.action, change: statusChange, amount: refund,
      context: change)
  }

  public func purgeAnswers(olderThan cutoff: Int64) async throws(OrderStoreError) -> Int {
    do {
      // Not part of a group commit: a large delete should not hold up the orders beside it.
      return try await pool.write { db in
        try db.cachedStatement(sql: "DELETE FROM idempotency_answers WHERE created_at < ?")
          .execute(arguments: [cutoff])
        return db.changesCount
      }
    } catch {
      throw OrderStoreError(error)
    }
  }

  /// The order's row inside a write transaction, which no other write can change until
  /// the transaction ends: writes are serialized.
  static func lockedOrder(_ number: OrderNumber, _ db: Database) throws -> (Int64, Row) {
    let statement = try db.cachedStatement(
      sql: """
        SELECT id, status, payment_status, currency, total_minor, refunded_minor
        FROM orders WHERE number = ?
        """)
    guard let row = try Row.fetchOne(statement, arguments: [number.rawValue]) else {
      throw OrderStoreError.unknownOrder(number)
    }
    return (try row.value("id"), row)
  }

  /// The refund in minor units, refused if it is in another currency or would take the
  /// refunds past the total.
  private static func checkedRefund(_ refund: Money?, row: Row) throws -> Int64 {
    guard let refund else { return 0 }
    let currency = try row.value("currency", as: Currency.self)
    guard refund.currency == currency else {
      throw OrderStoreError.invalidInput("the order was paid in \(currency.code)")
    }
    let total: Int64 = try row.value("total_minor")
    let refunded: Int64 = try row.value("refunded_minor")
    let remaining = total - refunded
    guard refund.minorUnits <= remaining else {
      throw OrderStoreError.refundExceedsCharge(
        remaining: Money(minorUnits: remaining, currency: currency))
    }
    return refund.minorUnits
  }
}

import GRDB
import OrderCore

extension SQLiteOrderStore {
  public func reserveRefund(
    of number: OrderNumber, amount: Money?, lines: [RefundLine], key: IdempotencyKey,
    at now: Int64
  ) async throws(OrderStoreError) -> RefundReservation {
    if let amount, amount.minorUnits <= 0 { throw .invalidInput("a refund is more than zero") }
    if lines.contains(where: { $0.quantity <= 0 }) {
      throw .invalidInput("a refunded line has at least one unit")
    }
    do {
      // Refunds are rare: a transaction of its own rather than a place in a group commit,
      // so the answer (what is left) comes back from the same transaction that checked it.
      return try await pool.write { db in
        let (id, row) = try Self.lockedOrder(number, db)
        let currency = try row.value("currency", as: Currency.self)
        if let held = try Row.fetchOne(
          db.cachedStatement(
            sql:
              "SELECT order_id, amount_minor, lines FROM refund_reservations WHERE idempotency_key = ?"
          ), arguments: [key.rawValue])
        {
          // The same refund again, after a crash or a lost answer: its own reservation.
          let heldAmount = Money(minorUnits: try held.value("amount_minor"), currency: currency)
          let heldLines = try Self.decodeLines(held.value("lines"))
          guard try held.value("order_id") as Int64 == id, amount == nil || amount == heldAmount,
            heldLines == lines
          else { throw OrderStoreError.duplicateKey }
          return RefundReservation(number: number, amount: heldAmount, key: key, lines: lines)
        }
        try Self.checkUnitsLeft(lines, orderID: id, db)
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
            INSERT INTO refund_reservations (
              order_id, idempotency_key, amount_minor, created_at, lines)
            VALUES (?, ?, ?, ?, ?)
            """
        ).execute(arguments: [id, key.rawValue, minor, now, Self.encodeLines(lines)])
        return RefundReservation(
          number: number, amount: Money(minorUnits: minor, currency: currency), key: key,
          lines: lines)
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
        for line in reservation.lines {
          try db.cachedStatement(
            sql: """
              INSERT INTO order_refunded_units (order_id, sku, quantity) VALUES (?, ?, ?)
              ON CONFLICT (order_id, sku) DO UPDATE SET quantity = quantity + excluded.quantity
              """
          ).execute(arguments: [id, line.sku.value, line.quantity])
        }
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

  /// How many units of each product were refunded by line: their download links stop working.
  public func refundedUnits(of number: OrderNumber) async throws(OrderStoreError) -> [SKU: Int] {
    try await reading { db in
      let rows = try Row.fetchAll(
        db.cachedStatement(
          sql: """
            SELECT sku, quantity FROM order_refunded_units
            WHERE order_id = (SELECT id FROM orders WHERE number = ?)
            """), arguments: [number.rawValue])
      var units: [SKU: Int] = [:]
      for row in rows {
        guard let sku = SKU(try row.value("sku") as String) else {
          throw OrderStoreError.corruptRow("order_refunded_units.sku is not a SKU")
        }
        units[sku] = try row.value("quantity")
      }
      return units
    }
  }

  /// Refuses lines that name a product not in the order, or more units than are left of it
  /// after refunds settled and reserved.
  private static func checkUnitsLeft(
    _ lines: [RefundLine], orderID: Int64, _ db: Database
  ) throws {
    guard !lines.isEmpty else { return }
    var ordered: [SKU: Int] = [:]
    for row in try Row.fetchAll(
      db.cachedStatement(sql: "SELECT sku, quantity FROM order_lines WHERE order_id = ?"),
      arguments: [orderID])
    {
      if let sku = SKU(try row.value("sku") as String) {
        ordered[sku, default: 0] += try row.value("quantity") as Int
      }
    }
    var taken: [SKU: Int] = [:]
    for row in try Row.fetchAll(
      db.cachedStatement(sql: "SELECT sku, quantity FROM order_refunded_units WHERE order_id = ?"),
      arguments: [orderID])
    {
      if let sku = SKU(try row.value("sku") as String) { taken[sku] = try row.value("quantity") }
    }
    for text in try String.fetchAll(
      db.cachedStatement(sql: "SELECT lines FROM refund_reservations WHERE order_id = ?"),
      arguments: [orderID])
    {
      for line in try decodeLines(text) { taken[line.sku, default: 0] += line.quantity }
    }
    var asked: [SKU: Int] = [:]
    for line in lines { asked[line.sku, default: 0] += line.quantity }
    for (sku, quantity) in asked.sorted(by: { $0.key < $1.key }) {
      let left = (ordered[sku] ?? 0) - (taken[sku] ?? 0)
      guard quantity <= left else {
        throw OrderStoreError.invalidInput(
          ordered[sku] == nil
            ? "the order has no line for \(sku)"
            : "only \(max(0, left)) of \(sku) can still be refunded")
      }
    }
  }

  /// Lines as the `lines` column keeps them: `SKU:QUANTITY` joined by commas.
  static func encodeLines(_ lines: [RefundLine]) -> String {
    lines.map { "\($0.sku.value):\($0.quantity)" }.joined(separator: ",")
  }

  static func decodeLines(_ text: String) throws -> [RefundLine] {
    guard !text.isEmpty else { return [] }
    return try text.split(separator: ",").map { part in
      let pieces = part.split(separator: ":")
      guard pieces.count == 2, let sku = SKU(String(pieces[0])), let quantity = Int(pieces[1])
      else { throw OrderStoreError.corruptRow("refund_reservations.lines is not a list of lines") }
      return RefundLine(sku: sku, quantity: quantity)
    }
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

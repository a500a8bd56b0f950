import Foundation
import GRDB
import OrderCore

extension SQLiteOrderStore {
  public func answer(for key: IdempotencyKey) async throws(OrderStoreError) -> StoredAnswer? {
    try await reading { db in
      let statement = try db.cachedStatement(
        sql: """
          SELECT request_hash, http_status, body, order_number, created_at
          FROM idempotency_answers WHERE key = ?
          """)
      guard let row = try Row.fetchOne(statement, arguments: [key.rawValue]) else { return nil }
      let hash: Data = try row.value("request_hash")
      let body: Data = try row.value("body")
      var number: OrderNumber?
      if let text: String = try row.value("order_number") {
        guard let parsed = OrderNumber(text) else {
          throw OrderStoreError.corruptRow("order_number is not an order number")
        }
        number = parsed
      }
      return StoredAnswer(
        key: key, requestHash: [UInt8](hash), status: try row.value("http_status"),
        body: [UInt8](body), orderNumber: number, createdAt: try row.value("created_at"))
    }
  }

  public func order(number: OrderNumber) async throws(OrderStoreError) -> StoredOrder? {
    try await reading { db in
      let statement = try db.cachedStatement(sql: "SELECT * FROM orders WHERE number = ?")
      guard let row = try Row.fetchOne(statement, arguments: [number.rawValue]) else {
        return nil
      }
      return try Self.storedOrder(row, number: number, db)
    }
  }

  public func order(
    number: OrderNumber, email: String
  ) async throws(OrderStoreError) -> StoredOrder? {
    let given = Array(email.lowercased().utf8)
    return try await reading { db in
      let statement = try db.cachedStatement(
        sql: "SELECT id, customer_email FROM orders WHERE number = ?")
      let row = try Row.fetchOne(statement, arguments: [number.rawValue])
      // Without a row the given email is compared with itself, so that an unknown number
      // and a wrong email take the same steps.
      let stored = try row.map {
        Array((try $0.value("customer_email") as String).lowercased().utf8)
      }
      let matches = ConstantTime.equal(stored ?? given, given)
      guard let row, matches else { return nil }
      let whole = try db.cachedStatement(sql: "SELECT * FROM orders WHERE id = ?")
      guard let full = try Row.fetchOne(whole, arguments: [row["id"] as Int64]) else {
        return nil
      }
      return try Self.storedOrder(full, number: number, db)
    }
  }

  /// The order an `orders` row (all its columns) holds, with its lines and fulfilments.
  ///
  /// `number` is the row's number when the caller knows it; otherwise it is read and checked.
  static func storedOrder(
    _ row: Row, number: OrderNumber? = nil, _ db: Database
  ) throws
    -> StoredOrder
  {
    let number = try number ?? Self.number(row)
    let id: Int64 = try row.value("id")
    let currency = try row.value("currency", as: Currency.self)
    let lines = try Self.lines(orderID: id, currency: currency, db)
    let fulfilments = try Self.fulfilments(orderID: id, db)
    return try StoredOrderRow(row: row, currency: currency)
      .storedOrder(number: number, lines: lines, fulfilments: fulfilments)
  }

  private static func number(_ row: Row) throws -> OrderNumber {
    guard let number = OrderNumber(try row.value("number") as String) else {
      throw OrderStoreError.corruptRow("number is not an order number")
    }
    return number
  }

  public func events(for number: OrderNumber) async throws(OrderStoreError) -> [OrderEvent] {
    try await reading { db in
      let statement = try db.cachedStatement(
        sql: """
          SELECT e.*, o.currency FROM order_events e JOIN orders o ON o.id = e.order_id
          WHERE o.number = ? ORDER BY e.id
          """)
      return try Row.fetchAll(statement, arguments: [number.rawValue]).map { row in
        try Self.event(row, number: number)
      }
    }
  }

  public func orderCount() async throws(OrderStoreError) -> Int {
    try await reading { db in
      try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM orders")) ?? 0
    }
  }

  private static func lines(
    orderID: Int64, currency: Currency, _ db: Database
  ) throws
    -> [QuoteParts.Line]
  {
    let statement = try db.cachedStatement(
      sql: "SELECT * FROM order_lines WHERE order_id = ? ORDER BY position")
    return try Row.fetchAll(statement, arguments: [orderID]).map { row in
      guard let sku = SKU(try row.value("sku") as String) else {
        throw OrderStoreError.corruptRow("sku is not a SKU")
      }
      return QuoteParts.Line(
        sku: sku, name: try row.value("name"), quantity: try row.value("quantity"),
        unitPrice: Money(minorUnits: try row.value("unit_price_minor"), currency: currency),
        lineTotal: Money(minorUnits: try row.value("line_total_minor"), currency: currency),
        requiresShipping: try row.value("requires_shipping"))
    }
  }

  private static func fulfilments(orderID: Int64, _ db: Database) throws -> [Fulfilment] {
    let statement = try db.cachedStatement(
      sql: "SELECT * FROM order_fulfilments WHERE order_id = ? ORDER BY position")
    return try Row.fetchAll(statement, arguments: [orderID]).map { row in
      guard let sku = SKU(try row.value("sku") as String) else {
        throw OrderStoreError.corruptRow("sku is not a SKU")
      }
      return Fulfilment(
        sku: sku, licenceKey: try row.value("licence_key"),
        downloadURL: try row.value("download_url"),
        downloadExpiresAt: try row.value("download_expires_at"))
    }
  }

  static func event(_ row: Row, number: OrderNumber) throws -> OrderEvent {
    let from: String? = try row.value("from_status")
    let to: String = try row.value("to_status")
    let change: StatusChange
    switch try row.value("subject") as String {
    case "order":
      change = .order(
        from: try from.map { try Self.status($0, as: OrderStatus.self) },
        to: try Self.status(to, as: OrderStatus.self))
    case "payment":
      change = .payment(
        from: try from.map { try Self.status($0, as: PaymentStatus.self) },
        to: try Self.status(to, as: PaymentStatus.self))
    default:
      throw OrderStoreError.corruptRow("subject holds a value this version does not know")
    }
    let currency = try row.value("currency", as: Currency.self)
    let amount: Int64? = try row.value("amount_minor")
    return OrderEvent(
      number: number, action: try row.value("action"), change: change,
      amount: amount.map { Money(minorUnits: $0, currency: currency) },
      context: ChangeContext(
        actor: try row.value("actor"), origin: try row.value("origin"), at: try row.value("at"),
        note: try row.value("note")))
  }

  private static func status<Status: RawRepresentable>(
    _ raw: String, as type: Status.Type
  )
    throws -> Status where Status.RawValue == String
  {
    guard let status = Status(rawValue: raw) else {
      throw OrderStoreError.corruptRow("an event holds a status this version does not know")
    }
    return status
  }
}

import GRDB
import OrderCore

extension SQLiteOrderStore {
  public func search(_ query: OrderQuery) async throws(OrderStoreError) -> [StoredOrder] {
    let kind = try query.kind()
    let limit = query.limit
    return try await reading { db in
      if case .number(let number, let name) = kind {
        let statement = try db.cachedStatement(sql: "SELECT * FROM orders WHERE number = ?")
        if let row = try Row.fetchOne(statement, arguments: [number.rawValue]) {
          return [try Self.storedOrder(row, number: number, db)]
        }
        return try Self.orders(matching: .name(name), limit: limit, db)
      }
      return try Self.orders(matching: kind, limit: limit, db)
    }
  }

  /// The orders `kind` selects, newest first, at most `limit` of them.
  ///
  /// Every value the user typed is a bound argument; only fixed SQL text is put together.
  private static func orders(
    matching kind: OrderQuery.Kind, limit: Int, _ db: Database
  ) throws
    -> [StoredOrder]
  {
    let condition: String
    let arguments: StatementArguments
    switch kind {
    case .newest:
      condition = "1"
      arguments = []
    case .lastFour(let digits):
      condition = "card_last4 = ?"
      arguments = [digits]
    case .createdOnDay(let start):
      condition = "created_at BETWEEN ? AND ?"
      arguments = [start, start + 86_399]
    case .email(let email):
      // The column is COLLATE NOCASE, so this ignores case and uses orders_by_email.
      condition = "customer_email = ?"
      arguments = [email]
    case .number(let number, _):
      condition = "number = ?"
      arguments = [number.rawValue]
    case .name(let text):
      // Both sides lowercased by Swift, so case is ignored in every script, not only ASCII.
      condition = #"swiftLowercaseString(customer_name) LIKE ? ESCAPE '\'"#
      arguments = ["%" + likeEscaped(text.lowercased()) + "%"]
    }
    let statement = try db.cachedStatement(
      sql: "SELECT * FROM orders WHERE \(condition) ORDER BY created_at DESC, number LIMIT ?")
    return try Row.fetchAll(statement, arguments: arguments + [limit]).map { row in
      try storedOrder(row, db)
    }
  }

  /// `text` with LIKE's wildcards and its escape character escaped, so each matches itself.
  static func likeEscaped(_ text: String) -> String {
    var escaped = ""
    escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if scalar == "\\" || scalar == "%" || scalar == "_" {
        escaped.unicodeScalars.append("\\")
      }
      escaped.unicodeScalars.append(scalar)
    }
    return escaped
  }
}

import Foundation
import GRDB
import OrderCore

extension SQLiteOrderStore {
  public func search(_ query: OrderQuery) async throws(OrderStoreError) -> [StoredOrder] {
    let kind = try query.kind()
    let range = try query.createdRange()
    let limit = query.limit
    return try await reading { db in
      if case .number(let number, let name) = kind {
        let statement = try db.cachedStatement(
          sql: "SELECT * FROM orders WHERE number = ? AND created_at BETWEEN ? AND ?")
        if let row = try Row.fetchOne(
          statement, arguments: [number.rawValue, range.lowerBound, range.upperBound])
        {
          return [try Self.storedOrder(row, number: number, db)]
        }
        return try Self.orders(matching: .name(name), in: range, limit: limit, db)
      }
      return try Self.orders(matching: kind, in: range, limit: limit, db)
    }
  }

  /// The orders `kind` selects, newest first, at most `limit` of them.
  ///
  /// Every value the user typed is a bound argument; only fixed SQL text is put together.
  private static func orders(
    matching kind: OrderQuery.Kind, in range: ClosedRange<Int64>, limit: Int, _ db: Database
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
      sql: """
        SELECT * FROM orders WHERE (\(condition)) AND created_at BETWEEN ? AND ?
        ORDER BY created_at DESC, number LIMIT ?
        """)
    let bounds: StatementArguments = [range.lowerBound, range.upperBound, limit]
    return try Row.fetchAll(statement, arguments: arguments + bounds).map { row in
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

extension SQLiteOrderStore {
  public func customers(
    matching text: String, limit: Int
  ) async throws(OrderStoreError) -> [CustomerMatch] {
    let match = try CustomerQuery(text: text, limit: limit).match()
    guard let match else { return [] }
    return try await reading { db in
      let condition: String
      let argument: String
      switch match {
      case .email(let prefix):
        condition = #"customer_email LIKE ? ESCAPE '\'"#
        argument = Self.likeEscaped(prefix) + "%"
      case .phone(let digits):
        condition = """
          replace(replace(replace(replace(replace(customer_phone, ' ', ''), '-', ''), '+', ''),
            '(', ''), ')', '') LIKE ?
          """
        argument = "%" + digits + "%"
      case .name(let part):
        condition = #"swiftLowercaseString(customer_name) LIKE ? ESCAPE '\'"#
        argument = "%" + Self.likeEscaped(part.lowercased()) + "%"
      }
      // One row per customer (by email, ignoring case): their latest order and their count.
      let found = try Row.fetchAll(
        db.cachedStatement(
          sql: """
            SELECT customer_email AS email, COUNT(*) AS orders, MAX(created_at) AS latest
            FROM orders WHERE \(condition)
            GROUP BY customer_email ORDER BY latest DESC, email LIMIT ?
            """), arguments: [argument, limit])
      return try found.map { group in
        let email: String = try group.value("email")
        guard
          let row = try Row.fetchOne(
            db.cachedStatement(
              sql: """
                SELECT * FROM orders WHERE customer_email = ?
                ORDER BY created_at DESC, id DESC LIMIT 1
                """), arguments: [email])
        else { throw OrderStoreError.corruptRow("a customer's latest order vanished") }
        let latest = try Self.storedOrder(row, db)
        return CustomerMatch(
          customer: latest.customer, orderCount: try group.value("orders"),
          lastOrder: latest.record.number, lastOrderAt: latest.record.createdAt,
          lastLines: latest.record.quote.lines.map { CartLine(sku: $0.sku, quantity: $0.quantity) })
      }
    }
  }
}

/// What staff type to find a customer: part of an email (from its start), of a phone number
/// (its digits), or of a name.
public struct CustomerQuery: Sendable, Hashable {
  public static let maximumTextLength = 200
  public static let limits = 1...50

  public var text: String
  public var limit: Int

  public init(text: String, limit: Int = 10) {
    self.text = text
    self.limit = limit
  }

  enum Match: Equatable {
    case email(String)
    case phone(String)
    case name(String)
  }

  /// How the text is read, or `nil` when it is too short to search (under 2 characters).
  func match() throws(OrderStoreError) -> Match? {
    guard Self.limits.contains(limit) else {
      throw .invalidInput("the limit must be 1 to \(Self.limits.upperBound) customers")
    }
    guard text.utf8.count <= Self.maximumTextLength * 4,
      text.unicodeScalars.count <= Self.maximumTextLength
    else {
      throw .invalidInput(
        "the search text is longer than \(Self.maximumTextLength) characters; type less of it")
    }
    guard !text.utf8.contains(0) else {
      throw .invalidInput("the search text holds a NUL character, which cannot be searched for")
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.unicodeScalars.count >= 2 else { return nil }
    if trimmed.contains("@") { return .email(trimmed) }
    let phoneMarks = Set(" +-()".unicodeScalars)
    if trimmed.unicodeScalars.allSatisfy({ phoneMarks.contains($0) || ("0"..."9").contains($0) }) {
      let digits = String(trimmed.unicodeScalars.filter { ("0"..."9").contains($0) })
      return digits.count >= 3 ? .phone(digits) : nil
    }
    return .name(trimmed)
  }
}

import Foundation
import GRDB
import OrderCore

extension SQLiteOrderStore {
  public func record(
    _ order: NewOrder, answer: StoredAnswer
  ) async throws(OrderStoreError)
    -> OrderRecord
  {
    if let number = answer.orderNumber, number != order.number {
      throw .invalidInput("the answer names order \(number), not \(order.number)")
    }
    try Self.check(answer)
    // Every argument is built before the transaction, so the writer holds the lock only
    // for the inserts themselves.
    let rows = try OrderRows(order)
    let answerArguments = Self.arguments(answer, orderNumber: order.number)
    try await writing { db in
      try Self.refuseStoredKey(answer.key, db)
      do {
        try db.cachedStatement(sql: OrderRows.insertOrder).execute(arguments: rows.order)
      } catch let error as DatabaseError where error.isUniqueViolation {
        let numberTaken = try Bool.fetchOne(
          db, sql: "SELECT EXISTS (SELECT 1 FROM orders WHERE number = ?)",
          arguments: [order.number.rawValue])
        throw numberTaken == true
          ? OrderStoreError.numberTaken(order.number) : OrderStoreError.authorizationTaken
      }
      let orderID = db.lastInsertedRowID
      try rows.insertChildren(orderID: orderID, db)
      try Self.insertAnswer(answerArguments, db)
    }
    return order.record
  }

  public func storeAnswer(_ answer: StoredAnswer) async throws(OrderStoreError) {
    try Self.check(answer)
    let arguments = Self.arguments(answer, orderNumber: answer.orderNumber)
    try await writing { db in
      try Self.refuseStoredKey(answer.key, db)
      try Self.insertAnswer(arguments, db)
    }
  }

  private static func check(_ answer: StoredAnswer) throws(OrderStoreError) {
    guard answer.requestHash.count == StoredAnswer.requestHashLength else {
      throw .invalidInput("a request hash is \(StoredAnswer.requestHashLength) bytes")
    }
    guard (100...599).contains(answer.status) else {
      throw .invalidInput("an HTTP status is between 100 and 599")
    }
  }

  /// Refuses a key that already has an answer.
  ///
  /// Runs inside the write transaction, where writes happen one after another and each
  /// sees the rows of those before it (also within one group commit), so two concurrent
  /// submits with one key cannot both pass; the primary key on `key` backs this up.
  private static func refuseStoredKey(_ key: IdempotencyKey, _ db: Database) throws {
    let statement = try db.cachedStatement(
      sql: "SELECT 1 FROM idempotency_answers WHERE key = ?")
    if try Int.fetchOne(statement, arguments: [key.rawValue]) != nil {
      throw OrderStoreError.duplicateKey
    }
  }

  private static func insertAnswer(_ arguments: StatementArguments, _ db: Database) throws {
    do {
      try db.cachedStatement(
        sql: """
          INSERT INTO idempotency_answers
            (key, request_hash, http_status, body, order_number, created_at)
          VALUES (?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: arguments)
    } catch let error as DatabaseError where error.isUniqueViolation {
      throw OrderStoreError.duplicateKey
    }
  }

  private static func arguments(
    _ answer: StoredAnswer, orderNumber: OrderNumber?
  )
    -> StatementArguments
  {
    [
      answer.key.rawValue, Data(answer.requestHash), answer.status, Data(answer.body),
      orderNumber?.rawValue, answer.createdAt,
    ]
  }
}

extension DatabaseError {
  /// Whether a UNIQUE or PRIMARY KEY constraint refused the row.
  var isUniqueViolation: Bool {
    extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
      || extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
  }
}

import Foundation
import GRDB
import OrderCore

/// The append-only, hash-chained record of what staff and administrators did (PCI DSS 10.2),
/// in `audit.sqlite` beside `audit.head` in the service's data directory, both mode 0600.
///
/// Each record's hash covers its fields and the previous record's hash (``AuditChain``), so
/// changing, removing or reordering a record breaks the chain after it, and the head file
/// names the last record, so removing the last ones is found as well. Triggers refuse
/// `UPDATE` and `DELETE`. Appends are made one at a time: in this process by the database's
/// single writer, and across processes (the service and an administration command) by an
/// immediate transaction, so the chain never forks.
///
/// Whoever can write the files can also rewrite the whole chain and its head; the chain makes
/// that a deliberate forgery rather than a quiet edit, and `verify()` finds every lesser
/// change.
public final class AuditTrail: Sendable {
  /// The database's file name inside the data directory.
  public static let fileName = "audit.sqlite"
  /// The head file's name inside the data directory.
  public static let headFileName = AuditHead.fileName

  /// The database file.
  public let path: String
  /// The head file.
  public let headPath: String
  let pool: DatabasePool
  private let clock: @Sendable () -> Date

  /// Opens, or creates, the trail in `directory`.
  ///
  /// - Parameter clock: the time each record is stamped with, read when it is appended.
  public init(
    directory: String, clock: @escaping @Sendable () -> Date = { Date() }
  ) throws(AuditTrailError) {
    path = directory + "/" + Self.fileName
    headPath = directory + "/" + Self.headFileName
    self.clock = clock
    do {
      pool = try PrivateDatabase.open(path: path, label: "audit", migrator: Self.migrator)
    } catch {
      throw .storage(error.description)
    }
    // A new trail gets its head now; a trail with records and no head keeps the gap for
    // `verify` to report.
    let isEmpty: Bool
    do {
      isEmpty = try pool.read { db in try Int.fetchOne(db, sql: Self.countSQL) == 0 }
    } catch {
      throw .storage("\(path) could not be read: \(error)")
    }
    if isEmpty, try AuditHead.read(headPath) == nil {
      try AuditHead.empty.write(to: headPath)
    }
  }

  /// Appends a record of `entry` and returns it as stored.
  ///
  /// Its text is cleaned first (``AuditText``): a card number anywhere in it, the order
  /// number included, is never written. An append to a trail whose last records were
  /// removed is refused (``AuditTrailError/broken(_:)``), since it would hide that.
  @discardableResult
  public func append(_ entry: AuditEntry) async throws(AuditTrailError) -> AuditRecord {
    var detail = AuditText.cleaned(entry.detail, length: AuditText.detailLength)
    var order = entry.order?.rawValue
    if let number = order, CardNumberScanner.containsCardNumber(number) {
      order = nil
      detail = AuditText.cleaned(
        "order number withheld: it reads as a card number. " + detail,
        length: AuditText.detailLength)
    }
    let template = AuditChain.Fields(
      sequence: 0, milliseconds: 0,
      actor: AuditText.cleaned(entry.actor.description, length: AuditText.shortFieldLength),
      role: entry.role?.rawValue, action: entry.action.rawValue,
      outcome: entry.outcome.rawValue,
      origin: AuditText.cleaned(entry.origin, length: AuditText.shortFieldLength),
      order: order, detail: detail)
    let headPath = headPath
    let clock = clock
    do {
      let record = try await pool.writeWithoutTransaction { db -> AuditRecord in
        var appended: AuditRecord?
        try db.inTransaction(.immediate) {
          let last = try Self.lastLink(db)
          if let problem = try Self.headProblem(
            AuditHead.read(headPath), last: last, db: db)
          {
            throw AuditTrailError.broken(problem)
          }
          var fields = template
          fields.sequence = last.sequence + 1
          fields.milliseconds = StaffTime.milliseconds(clock())
          let hash = AuditChain.hash(fields, previousHash: last.hash)
          try Self.insert(fields, previousHash: last.hash, hash: hash, db: db)
          appended = try Self.record(fields, previousHash: last.hash, hash: hash)
          return .commit
        }
        guard let appended else { throw AuditTrailError.storage("The record was not stored.") }
        // After the commit: a head that lags (a crash just here) is tolerated by `verify`; one
        // that ran ahead of the database would look like removed records.
        try? AuditHead(sequence: appended.sequence, hash: appended.hash).write(to: headPath)
        return appended
      }
      return record
    } catch let error as AuditTrailError {
      throw error
    } catch {
      throw .storage("The audit record could not be stored: \(error)")
    }
  }

  /// The records `filter` selects, oldest first.
  ///
  /// Reads on the calling thread; a service lists a bounded number (`limit`) at a time.
  public func records(
    _ filter: AuditFilter = AuditFilter()
  ) throws(AuditTrailError)
    -> [AuditRecord]
  {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let actor = filter.actor {
      conditions.append("actor = ?")
      _ = arguments.append(contentsOf: [actor])
    }
    if let action = filter.action {
      conditions.append("action = ?")
      _ = arguments.append(contentsOf: [action.rawValue])
    }
    if let order = filter.order {
      conditions.append("order_number = ?")
      _ = arguments.append(contentsOf: [order.rawValue])
    }
    if let outcome = filter.outcome {
      conditions.append("outcome = ?")
      _ = arguments.append(contentsOf: [outcome.rawValue])
    }
    if let since = filter.since {
      conditions.append("at_ms >= ?")
      _ = arguments.append(contentsOf: [StaffTime.milliseconds(since)])
    }
    if let until = filter.until {
      conditions.append("at_ms < ?")
      _ = arguments.append(contentsOf: [StaffTime.milliseconds(until)])
    }
    let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    var sql = "SELECT * FROM audit_record\(condition) ORDER BY sequence DESC"
    if let limit = filter.limit {
      sql += " LIMIT ?"
      _ = arguments.append(contentsOf: [max(0, limit)])
    }
    let selected = sql
    let bound = arguments
    do {
      return try pool.read { db in
        try Row.fetchAll(db, sql: selected, arguments: bound).reversed().map { row in
          guard let fields = AuditChain.Fields(row: row),
            let previousHash = Self.bytes(row, "previous_hash"), let hash = Self.bytes(row, "hash")
          else {
            throw AuditTrailError.storage(
              "A record cannot be read; run 'orderdesk audit verify' to find it.")
          }
          return try Self.record(fields, previousHash: previousHash, hash: hash)
        }
      }
    } catch let error as AuditTrailError {
      throw error
    } catch {
      throw .storage("The audit records could not be read: \(error)")
    }
  }

  /// The last record's sequence number and hash, or the origin of an empty trail.
  static func lastLink(_ db: Database) throws -> AuditHead {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT sequence, hash FROM audit_record ORDER BY sequence DESC LIMIT 1")
    else { return .empty }
    guard let sequence = Int64.fromDatabaseValue(row["sequence"]), let hash = bytes(row, "hash")
    else {
      throw AuditTrailError.storage(
        "The last audit record cannot be read; run 'orderdesk audit verify'.")
    }
    return AuditHead(sequence: sequence, hash: hash)
  }

  /// A blob column as bytes, or `nil` when it holds something else.
  static func bytes(_ row: Row, _ column: String) -> [UInt8]? {
    let value: DatabaseValue = row[column]
    guard case .blob(let data) = value.storage else { return nil }
    return Array(data)
  }

  private static func insert(
    _ fields: AuditChain.Fields, previousHash: [UInt8], hash: [UInt8], db: Database
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO audit_record (sequence, at_ms, actor, role, action, outcome, origin,
          order_number, detail, previous_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        fields.sequence, fields.milliseconds, fields.actor, fields.role, fields.action,
        fields.outcome, fields.origin, fields.order, fields.detail, Data(previousHash),
        Data(hash),
      ])
  }

  private static func record(
    _ fields: AuditChain.Fields, previousHash: [UInt8], hash: [UInt8]
  ) throws -> AuditRecord {
    guard let action = AuditAction(rawValue: fields.action),
      let outcome = AuditOutcome(rawValue: fields.outcome)
    else {
      throw AuditTrailError.storage(
        "Record \(fields.sequence) cannot be read; run 'orderdesk audit verify'.")
    }
    let role: StaffRole?
    if let text = fields.role {
      guard let known = StaffRole(rawValue: text) else {
        throw AuditTrailError.storage(
          "Record \(fields.sequence) cannot be read; run 'orderdesk audit verify'.")
      }
      role = known
    } else {
      role = nil
    }
    return AuditRecord(
      sequence: fields.sequence, milliseconds: fields.milliseconds, actor: fields.actor,
      role: role, action: action, outcome: outcome, origin: fields.origin, order: fields.order,
      detail: fields.detail, previousHash: previousHash, hash: hash)
  }

  static let countSQL = "SELECT count(*) FROM audit_record"
}

extension AuditChain.Fields {
  /// A record's fields as stored, or `nil` when one has a type it cannot have.
  init?(row: Row) {
    guard let sequence = Int64.fromDatabaseValue(row["sequence"]),
      let milliseconds = Int64.fromDatabaseValue(row["at_ms"]),
      let actor = String.fromDatabaseValue(row["actor"]),
      let action = String.fromDatabaseValue(row["action"]),
      let outcome = String.fromDatabaseValue(row["outcome"]),
      let origin = String.fromDatabaseValue(row["origin"]),
      let detail = String.fromDatabaseValue(row["detail"])
    else { return nil }
    let roleValue: DatabaseValue = row["role"]
    let orderValue: DatabaseValue = row["order_number"]
    let role = String.fromDatabaseValue(roleValue)
    let order = String.fromDatabaseValue(orderValue)
    guard roleValue.isNull || role != nil, orderValue.isNull || order != nil else { return nil }
    self.init(
      sequence: sequence, milliseconds: milliseconds, actor: actor, role: role, action: action,
      outcome: outcome, origin: origin, order: order, detail: detail)
  }
}

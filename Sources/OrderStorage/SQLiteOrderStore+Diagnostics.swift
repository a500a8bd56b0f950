import GRDB

/// What an operator checks about an order database: how it is configured and what it holds.
public struct SQLiteStoreDiagnostics: Sendable, Hashable {
  /// `wal` when readers and the writer do not block each other.
  public var journalMode: String
  /// The writer's `PRAGMA synchronous`: 2 (`FULL`) flushes every commit to disk.
  public var synchronous: Int
  /// Whether foreign keys are enforced on the writer.
  public var foreignKeys: Bool
  /// The migrations applied to the file, in the order they ran.
  public var appliedMigrations: [String]
  /// Every table's column names, by table name.
  public var columns: [String: [String]]
  /// The `CREATE` statements of `sqlite_master`.
  public var schema: [String]
}

extension SQLiteOrderStore {
  /// The database's configuration as the writer connection sees it, and its schema.
  public func diagnostics() async throws(OrderStoreError) -> SQLiteStoreDiagnostics {
    let migrator = Self.migrator
    do {
      // On the writer: synchronous and foreign_keys are settings of each connection.
      return try await pool.writeWithoutTransaction { db in
        let tables = try String.fetchAll(
          db,
          sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            ORDER BY name
            """)
        var columns: [String: [String]] = [:]
        for table in tables {
          columns[table] = try db.columns(in: table).map(\.name)
        }
        return SQLiteStoreDiagnostics(
          journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
          synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
          foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
          appliedMigrations: try migrator.appliedMigrations(db),
          columns: columns,
          schema: try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"))
      }
    } catch {
      throw OrderStoreError(error)
    }
  }
}

import GRDB
import OrderCore

/// The order store on one SQLite file, through GRDB.
///
/// The file is in WAL mode with `synchronous = FULL`: every commit is flushed to disk
/// before `record` returns, so an order answered with 201 survives `kill -9` and power loss.
/// Writes that arrive together share one commit (see `GroupCommit`), each still atomic.
/// A `DatabasePool` gives one writer and several readers, so look-ups never wait for orders
/// being written, nor the other way round.
public final class SQLiteOrderStore: OrderStore {
  let pool: DatabasePool
  let groupCommit: GroupCommit

  /// Opens the database at `path`, creating it and bringing its schema up to date.
  ///
  /// The directory must exist. Opening a file another version wrote with migrations this
  /// one does not know is refused rather than risked.
  public convenience init(path: String) throws(OrderStoreError) {
    try self.init(path: path, tracing: nil)
  }

  /// `tracing`, when given, hears the SQL of every statement run (never its arguments).
  init(path: String, tracing: (@Sendable (String) -> Void)?) throws(OrderStoreError) {
    var configuration = Configuration()
    if let tracing {
      configuration.prepareDatabase { db in
        db.trace { event in tracing("\(event)") }
      }
    }
    configuration.label = "orders"
    configuration.foreignKeysEnabled = true
    // Another process (a backup, an operator's sqlite3) may hold the lock for a moment.
    configuration.busyMode = .timeout(5)
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      // GRDB sets NORMAL when it turns WAL on, which survives a crash of the process but
      // not of the machine. The pool has one writer connection for its life, so this holds.
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA synchronous = FULL")
      }
      let migrator = Self.migrator
      // A newer version may have changed what a column means; writing with older code
      // could corrupt what it stored, so the file is left alone.
      if try pool.read(migrator.hasBeenSuperseded) {
        throw OrderStoreError.database(
          "the order database was migrated by a newer version of OrderDesk")
      }
      try migrator.migrate(pool)
    } catch {
      throw OrderStoreError(error)
    }
    groupCommit = GroupCommit(pool: pool)
  }

  /// Runs `body` atomically in a write transaction shared with the writes that queued up
  /// beside it, committed durably before this returns; see ``GroupCommit``.
  func writing(_ body: @escaping GroupCommit.Work) async throws(OrderStoreError) {
    try await groupCommit.write(body)
  }

  /// Runs `body` on a reader, which sees the last committed state and does not block writes.
  func reading<T: Sendable>(
    _ body: @escaping @Sendable (Database) throws -> T
  ) async throws(OrderStoreError) -> T {
    do {
      return try await pool.read(body)
    } catch {
      throw OrderStoreError(error)
    }
  }
}

extension OrderStoreError {
  /// The store's error for anything thrown inside a database access.
  ///
  /// Uses SQLite's message, never GRDB's full description: statement arguments are not
  /// part of either (GRDB hides them by default), and the message alone says what failed.
  init(_ error: any Error) {
    switch error {
    case let error as OrderStoreError:
      self = error
    case let error as DatabaseError:
      let message = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
      switch error.extendedResultCode {
      case .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_NOTNULL, .SQLITE_CONSTRAINT_FOREIGNKEY,
        .SQLITE_CONSTRAINT_DATATYPE:
        self = .invalidInput(message)
      default:
        self = .database(message)
      }
    case is RowDecodingError:
      self = .corruptRow("a column does not hold the type it was written with")
    case is CancellationError:
      self = .database("the database access was cancelled")
    default:
      self = .database(String(describing: type(of: error)))
    }
  }
}

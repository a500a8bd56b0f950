import GRDB

extension AuditTrail {
  /// The audit database's migrations.
  ///
  /// Once shipped, a migration is never edited.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: audit records") { db in
      // The sequence number is given by the appender, not by SQLite, so a gap means a
      // deletion; hashes are unique, so the chain cannot fork inside one file.
      try db.execute(
        sql: """
          CREATE TABLE audit_record (
            sequence INTEGER PRIMARY KEY NOT NULL,
            at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL,
            role TEXT,
            action TEXT NOT NULL,
            outcome TEXT NOT NULL,
            origin TEXT NOT NULL,
            order_number TEXT,
            detail TEXT NOT NULL,
            previous_hash BLOB NOT NULL UNIQUE,
            hash BLOB NOT NULL UNIQUE
          ) STRICT
          """)
      try db.execute(
        sql: """
          CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record
          BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
          """)
      try db.execute(
        sql: """
          CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record
          BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
          """)
      try db.execute(sql: "CREATE INDEX audit_record_by_actor ON audit_record (actor)")
      try db.execute(sql: "CREATE INDEX audit_record_by_order ON audit_record (order_number)")
      try db.execute(sql: "CREATE INDEX audit_record_by_time ON audit_record (at_ms)")
    }
    return migrator
  }
}

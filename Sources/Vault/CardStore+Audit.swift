import GRDB

extension CardStore {
  /// Appends an event in the caller's transaction, so it is recorded exactly when the change
  /// it describes is committed.
  static func appendAudit(
    _ db: Database, at: Int64, kind: VaultAuditEvent.Kind, detail: String
  ) throws {
    try db.execute(
      sql: "INSERT INTO audit_event (at, kind, detail) VALUES (?, ?, ?)",
      arguments: [at, kind.rawValue, detail])
  }

  /// Appends an event in a transaction of its own.
  func appendAudit(at: Int64, kind: VaultAuditEvent.Kind, detail: String) throws(VaultError) {
    try writing("an audit event could not be stored") { db in
      try CardStore.appendAudit(db, at: at, kind: kind, detail: detail)
    }
  }

  /// Every audit event, oldest first.
  func auditEvents() throws(VaultError) -> [VaultAuditEvent] {
    do {
      return try pool.read { db in
        try Row.fetchAll(db, sql: "SELECT at, kind, detail FROM audit_event ORDER BY id").map {
          row in
          guard let kind = VaultAuditEvent.Kind(rawValue: row["kind"]) else {
            throw VaultError.storeCorrupted("an audit event has an unknown kind.")
          }
          return VaultAuditEvent(at: row["at"], kind: kind, detail: row["detail"])
        }
      }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("the audit events could not be read: \(error)")
    }
  }
}

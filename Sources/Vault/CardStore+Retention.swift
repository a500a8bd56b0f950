import GRDB

extension CardStore {
  /// Deletes the numbers of cards stored at or before `cutoff`, keeping their token and
  /// summary, and records an audit event if any was deleted; returns how many were.
  ///
  /// The deleted cells are zeroed (`secure_delete`), and the WAL is then checkpointed and
  /// truncated when no reader holds it, so the old pages do not linger there either.
  func purgeNumbers(storedAtOrBefore cutoff: Int64, now: Int64) async throws(VaultError) -> Int {
    let count: Int
    do {
      count = try await pool.write { db in
        try db.execute(sql: "DELETE FROM card_number WHERE stored_at <= ?", arguments: [cutoff])
        let count = db.changesCount
        if count > 0 {
          try CardStore.appendAudit(
            db, at: now, kind: .purge,
            detail: "\(count) card numbers stored at or before \(cutoff) deleted")
        }
        return count
      }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("card numbers could not be purged: \(error)")
    }
    if count > 0 {
      _ = try? await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
    return count
  }
}

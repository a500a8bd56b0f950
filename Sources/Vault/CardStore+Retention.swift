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
        try CardStore.purge(db, storedAtOrBefore: cutoff, now: now)
      }
    } catch {
      throw CardStore.purgeFailure(error)
    }
    if count > 0 {
      _ = try? await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
    return count
  }

  /// The same, blocking the caller: for a command that does nothing else meanwhile.
  func purgeNumbersNow(storedAtOrBefore cutoff: Int64, now: Int64) throws(VaultError) -> Int {
    let count: Int
    do {
      count = try pool.write { db in
        try CardStore.purge(db, storedAtOrBefore: cutoff, now: now)
      }
    } catch {
      throw CardStore.purgeFailure(error)
    }
    if count > 0 {
      _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
    return count
  }

  private static func purge(
    _ db: Database, storedAtOrBefore cutoff: Int64, now: Int64
  ) throws -> Int {
    try db.execute(sql: "DELETE FROM card_number WHERE stored_at <= ?", arguments: [cutoff])
    let count = db.changesCount
    if count > 0 {
      try appendAudit(
        db, at: now, kind: .purge,
        detail: "\(count) card numbers stored at or before \(cutoff) deleted")
    }
    return count
  }

  private static func purgeFailure(_ error: any Error) -> VaultError {
    (error as? VaultError) ?? .database("card numbers could not be purged: \(error)")
  }
}

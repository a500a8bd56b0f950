import Dispatch
import GRDB
import Synchronization

/// Commits the writes of concurrent authorizations (their attempts and their answers) together, one durable transaction per
/// batch, so that the cost of flushing to disk is shared instead of paid by each.
///
/// A write waits for at most the commit under way and then its own; one alone is committed at
/// once, so a lone authorization is as fast as with a transaction of its own. If a write of a
/// batch fails, the batch is rolled back and each of its writes is retried in a transaction
/// of its own, so one bad write never takes the others with it (savepoints would do the same
/// but cost as much as the writes themselves on every batch). Every caller resumes only
/// after its write is on disk.
final class GroupCommit: Sendable {
  /// One write and the caller waiting for it.
  private struct Pending: Sendable {
    let work: @Sendable (Database) throws -> any Sendable
    let continuation: CheckedContinuation<any Sendable, any Error>
  }

  private struct State {
    var pending: [Pending] = []
    var flushing = false
  }

  private let pool: DatabasePool
  private let state = Mutex(State())
  /// Where batches are committed, off the cooperative thread pool because commits block.
  private let queue = DispatchQueue(label: "vault.group-commit")

  init(pool: DatabasePool) {
    self.pool = pool
  }

  /// Runs `work` in the next batch and returns its result once that batch is committed.
  func write<Result: Sendable>(
    _ work: @escaping @Sendable (Database) throws -> Result
  ) async throws -> Result {
    let result = try await withCheckedThrowingContinuation {
      (continuation: CheckedContinuation<any Sendable, any Error>) in
      let startsFlushing = state.withLock { state in
        state.pending.append(Pending(work: work, continuation: continuation))
        guard !state.flushing else { return false }
        state.flushing = true
        return true
      }
      if startsFlushing { queue.async { self.flush() } }
    }
    guard let typed = result as? Result else {
      throw VaultError.database("a write gave a result of another type.")
    }
    return typed
  }

  /// Commits batches until no write is waiting.
  private func flush() {
    while true {
      let batch = state.withLock { state in
        let batch = state.pending
        state.pending = []
        if batch.isEmpty { state.flushing = false }
        return batch
      }
      if batch.isEmpty { return }
      commit(batch)
    }
  }

  private func commit(_ batch: [Pending]) {
    do {
      let results = try transaction { db in try batch.map { try $0.work(db) } }
      for (item, result) in zip(batch, results) { item.continuation.resume(returning: result) }
    } catch {
      guard batch.count > 1 else {
        batch.first?.continuation.resume(throwing: error)
        return
      }
      // Find the failing write by committing each alone.
      for item in batch {
        item.continuation.resume(with: Swift.Result { try transaction { db in try item.work(db) } })
      }
    }
  }

  /// `work` in one transaction, committed and flushed before this returns.
  private func transaction<T>(_ work: (Database) throws -> T) throws -> T {
    var result: T?
    try pool.writeWithoutTransaction { db in
      try db.inTransaction {
        result = try work(db)
        return .commit
      }
    }
    guard let result else { throw VaultError.database("a write gave no result.") }
    return result
  }
}

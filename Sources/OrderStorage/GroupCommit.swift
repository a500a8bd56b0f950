import GRDB
import Synchronization

/// Writes that arrive while a commit is being flushed share the next transaction.
///
/// A commit with `synchronous = FULL` waits for the disk, and that wait, not the inserts,
/// bounds how many orders a second one transaction per order can store. So every write
/// that queued up during one flush goes into the next transaction, each inside a savepoint
/// of its own: one that fails (a duplicate key, a taken number) is rolled back alone, and
/// the others commit. A caller hears back only after the commit is on disk, so each write
/// is still atomic and durable when its call returns. Nothing waits for a batch to fill:
/// a lone write is committed at once.
///
/// The transactions run in a task of their own, so cancelling a caller cannot interrupt
/// one: once a card has been authorized, its order must be stored even if the client hung up.
final class GroupCommit: Sendable {
  typealias Work = @Sendable (Database) throws -> Void

  private struct Job: Sendable {
    let work: Work
    let continuation: CheckedContinuation<Void, any Error>
  }

  private struct Queue {
    var pending: [Job] = []
    var isDraining = false
  }

  /// The most writes one transaction takes, so that it stays short under a flood.
  static let maximumBatch = 128

  private let pool: DatabasePool
  private let queue = Mutex(Queue())

  init(pool: DatabasePool) {
    self.pool = pool
  }

  /// Runs `work` atomically in the next transaction; returns once that is committed.
  func write(_ work: @escaping Work) async throws(OrderStoreError) {
    do {
      try await withCheckedThrowingContinuation { continuation in
        let startsDrain = queue.withLock { queue in
          queue.pending.append(Job(work: work, continuation: continuation))
          let startsDrain = !queue.isDraining
          queue.isDraining = true
          return startsDrain
        }
        if startsDrain {
          Task { await self.drain() }
        }
      }
    } catch {
      throw OrderStoreError(error)
    }
  }

  /// Commits batch after batch until nothing is waiting.
  private func drain() async {
    while true {
      let batch = queue.withLock { queue in
        let batch = Array(queue.pending.prefix(Self.maximumBatch))
        queue.pending.removeFirst(batch.count)
        if batch.isEmpty { queue.isDraining = false }
        return batch
      }
      if batch.isEmpty { return }
      await commit(batch)
    }
  }

  private func commit(_ batch: [Job]) async {
    let works = batch.map(\.work)
    do {
      let failures = try await pool.write { db in
        works.map { work -> OrderStoreError? in
          do {
            try db.inSavepoint {
              try work(db)
              return .commit
            }
            return nil
          } catch {
            return OrderStoreError(error)
          }
        }
      }
      for (job, failure) in zip(batch, failures) {
        if let failure {
          job.continuation.resume(throwing: failure)
        } else {
          job.continuation.resume()
        }
      }
    } catch {
      // The commit itself failed: nothing of the batch is stored, and everyone hears so.
      let failure = OrderStoreError(error)
      for job in batch { job.continuation.resume(throwing: failure) }
    }
  }
}

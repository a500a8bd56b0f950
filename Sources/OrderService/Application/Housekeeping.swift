import Logging
import OrderStorage
import VaultAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Forgets idempotency answers once they are old enough that no desk will retry with them.
///
/// Keys are promised to be kept at least 24 hours; they are kept 48, and the purge runs at
/// start-up and then every hour. The vault answers a key for the same 48 hours and refuses it
/// after, so a key repeated once its answer is gone here cannot get the old authorization.
struct Housekeeping: Sendable {
  static let answerLifetime: Int64 = IdempotencyWindow.answerLifetime

  let store: any OrderStore
  let clock: @Sendable () -> Date
  let logger: Logger

  /// Purges every hour until cancelled; the caller purges once before it starts serving.
  func run() async {
    // A cancelled sleep throws: that is the service stopping, not a reason to purge.
    while (try? await Task.sleep(for: .seconds(3600))) != nil {
      await purgeOnce()
    }
  }

  func purgeOnce() async {
    let cutoff = Int64(clock().timeIntervalSince1970) - Self.answerLifetime
    do {
      let removed = try await store.purgeAnswers(olderThan: cutoff)
      if removed > 0 {
        logger.info("purged idempotency answers", metadata: ["count": "\(removed)"])
      }
    } catch {
      logger.error("could not purge idempotency answers", metadata: ["error": "\(error)"])
    }
  }
}

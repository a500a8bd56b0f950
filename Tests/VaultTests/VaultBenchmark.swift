import CardSealing
import Foundation
import OrderCore
import Testing
import Vault

/// Authorizations per second, run on purpose:
/// `VAULT_BENCHMARK=1 swift test -c release --filter VaultTests.VaultBenchmark`.
///
/// Cards are sealed beforehand (that is the desk's work); each authorization opens a card,
/// asks the simulated processor, and is on disk (synchronous = FULL) before it answers.
/// Debug builds are several times slower; the 1,000 per second floor is for release.
@Suite(
  "Vault benchmark", .serialized,
  .enabled(if: ProcessInfo.processInfo.environment["VAULT_BENCHMARK"] != nil))
struct VaultBenchmark {
  typealias Kit = VaultTestKit

  /// One caller at a time is bound by the disk's flush time; concurrent callers, as the order
  /// service's requests are, share commits and must reach 1,000 per second.
  @Test(arguments: [1, 16, 64])
  func authorizationsPerSecond(concurrency: Int) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory, processor: SimulatedProcessor(clock: { Kit.instant }))
    let count = 3_000
    let work = try (0..<count).map { index in
      let key = Kit.key("bench-\(concurrency)-\(index)")
      return (key, try Kit.seal("4242424242424242", to: vault, key: key))
    }
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      for lane in 0..<concurrency {
        group.addTask {
          for index in stride(from: lane, to: count, by: concurrency) {
            _ = try await vault.authorize(
              work[index].1, idempotencyKey: work[index].0, amount: Kit.euros,
              reference: "OD-BENCH")
          }
        }
      }
      try await group.waitForAll()
    }
    let seconds = (ContinuousClock.now - start) / .seconds(1)
    let rate = Double(count) / seconds
    print("vault: \(count) authorizations, concurrency \(concurrency): \(Int(rate)) per second")
    if concurrency > 1 { #expect(rate >= 1_000) }
  }
}

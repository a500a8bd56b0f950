import Foundation
// GRDB (through OrderStorage) only for the baseline: a bare one-row commit on the same disk.
import GRDB
import OrderCore
import OrderStorage
import Testing

/// Durable `record` calls per second, measured on purpose and never as part of the suite.
///
/// Run it with
///
///     ORDERDESK_STORAGE_BENCH=1 swift test -c release --filter StorageBenchmark
///
/// `ORDERDESK_STORAGE_BENCH_COUNT` sets the orders per run (default 5,000). It prints
/// orders per second, p50 and p99 latency at several concurrencies, and the ratio to a bare
/// one-row commit with the same WAL and `synchronous = FULL` settings, measured in the same
/// run; it asserts only that every order was stored, never a time.
@Suite("Storage benchmark")
struct StorageBenchmark {
  static let environment = ProcessInfo.processInfo.environment
  static let count = environment["ORDERDESK_STORAGE_BENCH_COUNT"].flatMap(Int.init) ?? 5_000

  @Test(.enabled(if: environment["ORDERDESK_STORAGE_BENCH"] == "1"))
  func recordsPerSecond() async throws {
    let baseline = try await Fixtures.withDirectory { directory in
      try await Self.bareCommits(path: directory.appendingPathComponent("bare.sqlite").path)
    }
    print("baseline: bare one-row commit, 1 writer: \(Self.rate(baseline)) commits/s")
    for concurrency in [1, 8, 64] {
      try await Fixtures.withStore { store, _ in
        let (elapsed, latencies) = try await Self.record(into: store, concurrency: concurrency)
        #expect(try await store.orderCount() == Self.count)
        let perSecond = Double(Self.count) / Self.seconds(elapsed)
        print(
          "record: concurrency \(concurrency): \(Self.count) orders in "
            + "\(Self.format(Self.seconds(elapsed))) s = \(Int(perSecond)) orders/s, "
            + "p50 \(Self.milliseconds(latencies, 0.50)) ms, "
            + "p99 \(Self.milliseconds(latencies, 0.99)) ms, "
            + "\(Self.format(perSecond / (Double(Self.count) / Self.seconds(baseline)))) × baseline"
        )
      }
    }
  }

  /// Records `count` realistic orders from `concurrency` tasks; the elapsed time and each
  /// call's latency.
  static func record(
    into store: SQLiteOrderStore, concurrency: Int
  ) async throws
    -> (Duration, [Duration])
  {
    let quote = try Fixtures.quote([("INKWELL-PRO", 1), ("LUMEN-PHOTO", 1), ("INKWELL-PRO-BOX", 1)])
    let body = [UInt8](repeating: UInt8(ascii: "x"), count: 1_500)
    var work: [[(NewOrder, StoredAnswer)]] = Array(repeating: [], count: concurrency)
    for index in 0..<count {
      let number = OrderNumber("OD-B\(index)")!
      let order = try Fixtures.order(number, quote: quote, createdAt: 1_760_000_000 + Int64(index))
      let answer = Fixtures.answer(Fixtures.key("bench-\(index)"), number: number, body: body)
      work[index % concurrency].append((order, answer))
    }
    let clock = ContinuousClock()
    let start = clock.now
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
      for share in work {
        group.addTask {
          var latencies: [Duration] = []
          latencies.reserveCapacity(share.count)
          for (order, answer) in share {
            let began = clock.now
            _ = try await store.record(order, answer: answer)
            latencies.append(began.duration(to: clock.now))
          }
          return latencies
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    return (start.duration(to: clock.now), latencies)
  }

  /// `count` commits of one small row each, one after another, as durable as `record`'s.
  static func bareCommits(path: String) async throws -> Duration {
    let pool = try DatabasePool(path: path)
    try await pool.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
      try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
    }
    let payload = Data(repeating: 0x78, count: 64)
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<count {
      try await pool.write { db in
        try db.cachedStatement(sql: "INSERT INTO t (payload) VALUES (?)")
          .execute(arguments: [payload])
      }
    }
    return start.duration(to: clock.now)
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  static func rate(_ elapsed: Duration) -> Int { Int(Double(count) / seconds(elapsed)) }

  static func milliseconds(_ latencies: [Duration], _ quantile: Double) -> String {
    let sorted = latencies.sorted()
    guard !sorted.isEmpty else { return "-" }
    let index = min(sorted.count - 1, Int(Double(sorted.count) * quantile))
    return format(seconds(sorted[index]) * 1_000)
  }

  static func format(_ value: Double) -> String {
    String(format: "%.2f", value)
  }
}

import Foundation
import Logging
import OrderClient
import OrderCore
import OrderService
import TLSIdentity
import Vault
import VaultClient

// Drives the order service over HTTPS with keep-alive and sealed cards, and prints orders
// per second and latency next to a trivial HTTPS route on the same server in the same run;
// then times order look-ups of a known number with a wrong email against an unknown number.
// The vault runs apart, as `orderdesk vault` (the `orderdesk` beside this program), reached
// over mutual TLS, as it is in use.
//
//   swift run -c release orderdesk-benchmark [--connections N] [--seconds S] [--rate R]

struct Settings {
  var connections = 32
  var seconds = 10.0
  var rate = 1_000

  init(arguments: [String]) {
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
      switch argument {
      case "--connections": connections = iterator.next().flatMap(Int.init) ?? connections
      case "--seconds": seconds = iterator.next().flatMap(Double.init) ?? seconds
      case "--rate": rate = iterator.next().flatMap(Int.init) ?? rate
      default: print("unknown argument \(argument)")
      }
    }
  }
}

/// Latencies in nanoseconds and how long the whole phase took.
struct PhaseResult {
  var latencies: [UInt64]
  var elapsed: Double
  var failures: Int

  var perSecond: Double { Double(latencies.count) / elapsed }

  func percentile(_ p: Double) -> Double {
    guard !latencies.isEmpty else { return .nan }
    let sorted = latencies.sorted()
    let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
    return Double(sorted[max(0, index)]) / 1_000_000
  }

  func line(_ name: String) -> String {
    String(
      format: "%-34@ %9.0f /s   p50 %6.2f ms   p99 %6.2f ms   (%d done, %d failed)",
      name as NSString, perSecond, percentile(0.50), percentile(0.99), latencies.count, failures)
  }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Closed loop: every connection sends its next request as soon as the last one answered.
func closedLoop(
  channels: [HTTPSOrderChannel], seconds: Double,
  request: @escaping @Sendable (HTTPSOrderChannel, Int) async -> Bool
) async -> PhaseResult {
  let start = now()
  let end = start + UInt64(seconds * 1e9)
  let results = await withTaskGroup(of: ([UInt64], Int).self) { group in
    for (index, channel) in channels.enumerated() {
      group.addTask {
        var latencies: [UInt64] = []
        var failures = 0
        var sequence = index
        while now() < end {
          let begun = now()
          if await request(channel, sequence) {
            latencies.append(now() - begun)
          } else {
            failures += 1
          }
          sequence += channels.count
        }
        return (latencies, failures)
      }
    }
    return await group.reduce(into: [([UInt64], Int)]()) { $0.append($1) }
  }
  return PhaseResult(
    latencies: results.flatMap(\.0), elapsed: Double(now() - start) / 1e9,
    failures: results.map(\.1).reduce(0, +))
}

/// Open loop: requests are started at a fixed rate whatever the answers do, so latency is
/// measured at that rate rather than at whatever rate the server can keep up with.
func openLoop(
  channels: [HTTPSOrderChannel], rate: Int, seconds: Double,
  request: @escaping @Sendable (HTTPSOrderChannel, Int) async -> Bool
) async -> PhaseResult {
  let total = Int(Double(rate) * seconds)
  let interval = 1e9 / Double(rate)
  let start = now()
  let perChannel = (total + channels.count - 1) / channels.count
  let results = await withTaskGroup(of: ([UInt64], Int).self) { group in
    for (index, channel) in channels.enumerated() {
      group.addTask {
        var latencies: [UInt64] = []
        var failures = 0
        for round in 0..<perChannel {
          let sequence = round * channels.count + index
          guard sequence < total else { break }
          let due = start + UInt64(Double(sequence) * interval)
          let current = now()
          if due > current { try? await Task.sleep(nanoseconds: due - current) }
          // Latency counts from when the request was due, so queueing behind a slow answer
          // on this connection is not hidden.
          if await request(channel, sequence) {
            latencies.append(now() - due)
          } else {
            failures += 1
          }
        }
        return (latencies, failures)
      }
    }
    return await group.reduce(into: [([UInt64], Int)]()) { $0.append($1) }
  }
  return PhaseResult(
    latencies: results.flatMap(\.0), elapsed: Double(now() - start) / 1e9,
    failures: results.map(\.1).reduce(0, +))
}

let settings = Settings(arguments: Array(CommandLine.arguments.dropFirst()))
let directory = FileManager.default.temporaryDirectory
  .appendingPathComponent("orderdesk-benchmark-\(UUID().uuidString)").path
defer {
  try? FileManager.default.removeItem(atPath: directory)
  try? FileManager.default.removeItem(atPath: directory + "-vault")
}
// The service refuses a data directory other users may read.
try PrivateFiles.createDirectory(directory)

var logger = Logger(label: "benchmark")
logger.logLevel = .error
let benchmarkFile = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
let vault = try await SupervisedVault.start(
  SupervisedVault.Options(
    executable: (benchmarkFile as NSString).deletingLastPathComponent + "/orderdesk",
    dataDirectory: directory + "-vault", credentialsDirectory: directory + "/vault-client",
    logFile: directory + "-vault/logs/vault.log",
    // Its 32 connections are many desks on one address: the vault's attempt limits, counted
    // per address, would refuse them as one card tester.
    extraArguments: ["--no-attempt-limits"]),
  logger: logger)
print("vault process \(vault.processIdentifier ?? 0) at \(vault.client.url)")
let service = try await RunningOrderService.start(
  // Look-up limits would refuse the look-up phase's thousands from one address.
  OrderServiceConfiguration(
    host: "127.0.0.1", port: 0, dataDirectory: directory, lookUpLimits: .unlimited,
    logger: logger),
  vault: vault.client)
guard let identity = service.identity else { fatalError("the benchmark needs TLS") }
let pin = CertificatePin(fingerprint: identity.fingerprint)
let endpoint = try ServiceEndpoint(parsing: service.url)
let channels = (0..<settings.connections).map { _ in
  HTTPSOrderChannel(endpoint: endpoint, trust: .pinned(pin))
}
for channel in channels { _ = await channel.probe() }

// Sealed orders are made before the clock starts: sealing is the desks' work, not the service's.
let currentMonth = YearMonth(year: 2026, month: 11)!
let customer = Customer(
  name: "Ada Lovelace", email: "ada@example.com", address: Address(country: "DE"))
let expected = Int(Double(settings.rate) * settings.seconds) + 40_000
print("sealing \(expected) orders…")
var submissions: [OrderSubmission] = []
submissions.reserveCapacity(expected)
for index in 0..<expected {
  let key = IdempotencyKey("bench-\(index)-\(UUID().uuidString)")!
  let card = CardEntry(
    number: SecretBytes(copying: SimulatedProcessor.approvedTestNumber.utf8), expiry: "12/29",
    cvc: SecretBytes(copying: "739".utf8), name: "Ada Lovelace")
  let sealed = try await channels[0].sealCard(card, idempotencyKey: key, currentMonth: currentMonth)
  card.wipe()
  submissions.append(
    OrderSubmission(
      idempotencyKey: key, currency: .eur, source: .terminal,
      lines: [CartLine(sku: SKU("INKWELL-PRO")!, quantity: 1)], customer: customer, card: sealed))
}
let orders = submissions

print(
  "service \(service.url), \(settings.connections) kept-alive connections, \(settings.seconds) s per phase"
)
let trivialRequest: @Sendable (HTTPSOrderChannel, Int) async -> Bool = { channel, _ in
  (try? await channel.health()) == true
}
let cursor = Counter()
let orderRequest: @Sendable (HTTPSOrderChannel, Int) async -> Bool = { channel, _ in
  let submission = orders[cursor.next() % orders.count]
  guard case .accepted = try? await channel.submit(submission) else { return false }
  return true
}

_ = await closedLoop(channels: channels, seconds: 1, request: trivialRequest)  // warm-up
let baseline = await closedLoop(
  channels: channels, seconds: settings.seconds, request: trivialRequest)
let vaultProcess = vault.processIdentifier ?? 0
let cpuBefore = (
  this: ProcessCPU.seconds(of: "self"), vault: ProcessCPU.seconds(of: "\(vaultProcess)")
)
let throughput = await closedLoop(
  channels: channels, seconds: settings.seconds, request: orderRequest)
let cpuAfter = (
  this: ProcessCPU.seconds(of: "self"), vault: ProcessCPU.seconds(of: "\(vaultProcess)")
)
let paced = await openLoop(
  channels: channels, rate: settings.rate, seconds: settings.seconds, request: orderRequest)

print(baseline.line("trivial HTTPS route (/healthz)"))
print(throughput.line("orders, as fast as possible"))
print(paced.line("orders at \(settings.rate)/s"))
print(
  String(
    format: "orders/s ÷ trivial route req/s = %.3f;  p99 at %d/s: %.2f ms",
    throughput.perSecond / baseline.perSecond,
    settings.rate, paced.percentile(0.99)))

let ordersDone = Double(max(1, throughput.latencies.count))
print(
  String(
    format: "CPU per order: %.0f µs in this process (desks and service), %.0f µs in the vault",
    (cpuAfter.this - cpuBefore.this) / ordersDone * 1e6,
    (cpuAfter.vault - cpuBefore.vault) / ordersDone * 1e6))

if cursor.next() > orders.count {
  print("note: more orders were sent than were sealed; the rest were idempotent replays")
}

// Look-ups: a known number with a wrong email and an unknown number, taken in turn on one
// connection so that both meet the same machine; the two medians should be the same.
if case .accepted(let known)? = try? await channels[0].submit(orders[0]) {
  let unknown = OrderNumber("OD-00000000")!
  var wrongEmail: [UInt64] = []
  var unknownNumber: [UInt64] = []
  let rounds = 3_000
  for round in 0..<(rounds + 200) {
    for (number, into) in [(known.number, 0), (unknown, 1)] {
      let begun = now()
      _ = try? await channels[0].lookUp(number: number, email: "eve@example.com")
      // The first 200 rounds warm the caches and are not counted.
      guard round >= 200 else { continue }
      if into == 0 { wrongEmail.append(now() - begun) } else { unknownNumber.append(now() - begun) }
    }
  }
  let median = { (values: [UInt64]) in Double(values.sorted()[values.count / 2]) / 1_000_000 }
  print(
    String(
      format:
        "order look-up, median of %d each: known number + wrong email %.3f ms, unknown number %.3f ms (ratio %.2f)",
      rounds, median(wrongEmail), median(unknownNumber),
      median(wrongEmail) / median(unknownNumber)))
}
for channel in channels { await channel.close() }
await service.stop()
await vault.stop()

/// A shared sequence number.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func next() -> Int {
    lock.withLock {
      value += 1
      return value
    }
  }
}

/// The processor time a process has used, from /proc (user and system).
enum ProcessCPU {
  static func seconds(of process: String) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
      let close = text.lastIndex(of: ")")
    else { return .nan }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12])
    else { return .nan }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
  }
}

import Foundation
import OrderClient
import OrderCore
import OrderDeskTestSupport
import OrderStorage
import TLSIdentity
import Testing

/// `orderdesk serve` killed with SIGKILL loses no order it answered 201, and a retry after
/// the restart never makes a second one.
@Suite(.serialized) struct CrashTests {
  @Test func ordersAnswered201SurviveKillMinus9() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-crash-\(UUID().uuidString)").path
    defer { removeServiceDirectory(directory) }

    var server = try ServeProcess.start(dataDirectory: directory)
    var channel = try server.channel()
    var accepted: [(OrderSubmission, OrderRecord)] = []
    for index in 0..<25 {
      let key = IdempotencyKey("crash-test-\(index)-\(UUID().uuidString)")!
      let card = CardEntry(
        number: SecretBytes(copying: "4242424242424242".utf8), expiry: "12/29",
        cvc: SecretBytes(copying: "739".utf8), name: "Ada Lovelace")
      let sealed = try await channel.sealCard(
        card, idempotencyKey: key, currentMonth: YearMonth(year: 2026, month: 11)!)
      let submission = OrderSubmission(
        idempotencyKey: key, currency: .eur, source: .terminal,
        lines: [CartLine(sku: SKU("HARBOR-BACKUP-1Y")!, quantity: 1 + index % 3)],
        customer: Customer(
          name: "Ada Lovelace", email: "ada@example.com", address: Address(country: "FI")),
        card: sealed)
      guard case .accepted(let order) = try await channel.submit(submission) else {
        Issue.record("order \(index) was not accepted")
        return
      }
      accepted.append((submission, order))
    }
    await channel.close()
    server.kill()

    server = try ServeProcess.start(dataDirectory: directory)
    channel = try server.channel()
    for (submission, order) in accepted {
      let found = try await channel.lookUp(number: order.number, email: "ada@example.com")
      #expect(found?.quote.total == order.quote.total)
      guard case .accepted(let again) = try await channel.submit(submission) else {
        Issue.record("the retry of \(order.number) was not the same order")
        continue
      }
      #expect(again.number == order.number)
    }
    await channel.close()
    server.kill()

    let store = try SQLiteOrderStore(path: directory + "/orders.sqlite")
    #expect(try await store.orderCount() == accepted.count)
  }
}

/// A real `orderdesk serve` process on a free loopback port.
struct ServeProcess {
  let process: Process
  let url: String
  /// The public-key pin it printed (`sha256//…`), which outlives a renewal.
  let pin: CertificatePin
  /// The certificate fingerprint it printed (`sha256:…`).
  let certificatePin: CertificatePin
  /// Everything it wrote to standard error: its log.
  let log: CollectedOutput

  static func start(dataDirectory: String, arguments: [String] = []) throws -> ServeProcess {
    let process = Process()
    process.executableURL = OrderDeskProcess.binary
    process.arguments =
      ["serve", "--listen", "127.0.0.1:0", "--data-dir", dataDirectory] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read what it announces: the fingerprint, then the address.
    var text = ""
    let deadline = Date().addingTimeInterval(30)
    while !(text.contains("listening on") && text.contains("fingerprint")), Date() < deadline {
      let chunk = errors.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    guard let port = text.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/)?.1,
      let fingerprint = text.firstMatch(of: /fingerprint: (sha256:[0-9A-F:]+)/)?.1,
      let keyPin = text.firstMatch(of: /pin \(SPKI SHA-256\): (sha256\/\/[A-Za-z0-9+\/=]+)/)?.1
    else {
      process.terminate()
      throw ServeProcessError(output: text)
    }
    // Keep draining stderr so the service never blocks on a full pipe.
    let log = CollectedOutput(text)
    errors.fileHandleForReading.readabilityHandler = { log.append($0.availableData) }
    return ServeProcess(
      process: process, url: "https://127.0.0.1:\(port)",
      pin: try CertificatePin(parsing: String(keyPin)),
      certificatePin: try CertificatePin(parsing: String(fingerprint)), log: log)
  }

  func channel() throws -> HTTPSOrderChannel {
    HTTPSOrderChannel(endpoint: try ServiceEndpoint(parsing: url), trust: .pinned(pin))
  }

  func kill() {
    Foundation.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

struct ServeProcessError: Error, CustomStringConvertible {
  let output: String
  var description: String { "orderdesk serve did not start: \(output)" }
}

/// What a child process writes, collected as it arrives.
final class CollectedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: String

  init(_ start: String = "") { collected = start }

  func append(_ data: Data) {
    lock.withLock { collected += String(decoding: data, as: UTF8.self) }
  }

  var text: String { lock.withLock { collected } }
}

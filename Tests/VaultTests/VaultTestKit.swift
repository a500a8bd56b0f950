import CardSealing
import Foundation
import Logging
import OrderCore
import Synchronization
import Testing
import Vault
import VaultAPI

/// Helpers shared by the vault tests.
enum VaultTestKit {
  /// The clock the tests run at: 15 April 2026, 12:00 UTC.
  static let instant = Date(timeIntervalSince1970: 1_776_254_400)
  static let month = YearMonth(year: 2026, month: 4)!

  static let euros = Money(minorUnits: 4_999, currency: .eur)

  static func key(_ text: String) -> IdempotencyKey { IdempotencyKey(text)! }

  static func entry(
    number: String, expiry: String = "12/29", cvc: String = "739", name: String = "Ada Lovelace"
  ) -> CardEntry {
    CardEntry(
      number: SecretBytes(copying: number.utf8), expiry: expiry,
      cvc: SecretBytes(copying: cvc.utf8), name: name)
  }

  /// `number` sealed to `vault` for the submission with `key`, as a desk would.
  static func seal(
    _ number: String, cvc: String = "739", expiry: String = "12/29",
    name: String = "Ada Lovelace", to vault: Vault, key: IdempotencyKey
  ) throws -> SealedCard {
    let card = entry(number: number, expiry: expiry, cvc: cvc, name: name)
    defer { card.wipe() }
    return try CardSealer.seal(
      card, to: vault.publicKey, idempotencyKey: key, currentMonth: month)
  }
}

/// A fresh temporary directory for one test, removed by `remove()`.
struct TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("vault-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  }

  var vault: String { url.appendingPathComponent("vault").path }
  var keys: String { url.appendingPathComponent("vault-keys").path }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }

  /// The current HPKE private key's file, as the key ring in `vault` names it.
  func currentKeyFile(in folder: String? = nil) throws -> String {
    let folder = folder ?? vault
    let ring = try String(contentsOfFile: folder + "/vault-hpke.ring", encoding: .utf8)
    let current = ring.split(separator: "\n").dropFirst().first { $0.hasSuffix(" -") }
    let keyId = try #require(current?.split(separator: " ").first)
    return folder + "/vault-hpke-\(keyId).key"
  }

  /// The one key-encryption key file in `folder` (the key directory unless told).
  func keyEncryptionKeyFile(in folder: String? = nil) throws -> String {
    let folder = folder ?? keys
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasPrefix("vault-kek") }
    try #require(names.count == 1, "\(names)")
    return folder + "/" + names[0]
  }

  /// Every regular file under the directory, recursively.
  func allFiles() -> [URL] {
    let enumerator = FileManager.default.enumerator(
      at: url, includingPropertiesForKeys: [.isRegularFileKey])
    var files: [URL] = []
    while let file = enumerator?.nextObject() as? URL {
      if (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        files.append(file)
      }
    }
    return files
  }
}

/// A real processor, the simulated one, wrapped to count its requests and keep their cards.
///
/// The kept cards let tests check that the vault wiped them; refunds are counted apart from
/// authorizations. It can also be told to fail, the way an unreachable processor does.
final class RecordingProcessor: PaymentProcessor {
  private let inner: SimulatedProcessor
  private let delay: Duration?
  private let state = Mutex<(calls: Int, refunds: Int, cards: [OpenedCard], failing: Bool)>(
    (0, 0, [], false))

  init(delay: Duration? = nil) {
    inner = SimulatedProcessor(clock: { VaultTestKit.instant })
    self.delay = delay
  }

  var calls: Int { state.withLock { $0.calls } }
  var refunds: Int { state.withLock { $0.refunds } }
  var cardsSeen: [OpenedCard] { state.withLock { $0.cards } }

  func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

  func authorize(
    _ request: PaymentRequest
  ) async throws(PaymentProcessorError) -> ProcessorAnswer {
    let failing = state.withLock { state in
      state.calls += 1
      state.cards.append(request.card)
      return state.failing
    }
    if failing { throw PaymentProcessorError("connection refused") }
    if let delay { try? await Task.sleep(for: delay) }
    return try await inner.authorize(request)
  }

  func refund(_ request: RefundRequest) async throws(PaymentProcessorError) -> RefundAnswer {
    let failing = state.withLock { state in
      state.refunds += 1
      return state.failing
    }
    if failing { throw PaymentProcessorError("connection refused") }
    if let delay { try? await Task.sleep(for: delay) }
    return try await inner.refund(request)
  }
}

/// A log handler that keeps every line, metadata included, so tests can search the logs.
final class LogRecorder: Sendable {
  private let lines = Mutex<[String]>([])

  var text: String { lines.withLock { $0.joined(separator: "\n") } }

  func logger() -> Logger {
    Logger(label: "vault-test") { _ in Handler(recorder: self) }
  }

  fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

  private struct Handler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(
      level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
      file: String, function: String, line: UInt
    ) {
      let merged = self.metadata.merging(metadata ?? [:]) { $1 }
      recorder.append("\(level) \(message) \(merged)")
    }
  }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
  private let current = Mutex(VaultTestKit.instant)

  var now: Date { current.withLock { $0 } }

  /// Moves the clock `seconds` forward.
  func advance(_ seconds: Int64) {
    current.withLock { $0 = $0.addingTimeInterval(TimeInterval(seconds)) }
  }
}

extension Vault {
  /// A vault in `directory` with the test clock.
  static func open(
    in directory: TemporaryDirectory, processor: any PaymentProcessor = RecordingProcessor(),
    logs: LogRecorder = LogRecorder(), separateKeys: Bool = true,
    clock: TestClock? = nil, keyGracePeriod: Int64 = 24 * 3600,
    cardRetention: Int64 = 90 * 86400,
    answerLifetime: Int64 = IdempotencyWindow.answerLifetime,
    velocity: VelocityLimits = .standard
  ) throws(VaultError) -> Vault {
    var reading: @Sendable () -> Date = { VaultTestKit.instant }
    if let clock { reading = { clock.now } }
    return try Vault(
      directory: directory.vault, keyDirectory: separateKeys ? directory.keys : nil,
      processor: processor, clock: reading, keyGracePeriod: keyGracePeriod,
      cardRetention: cardRetention, answerLifetime: answerLifetime,
      velocity: VelocityPolicy(customer: velocity), logger: logs.logger())
  }

  /// Authorizes `number` sealed to the vault's current key, and returns the token of an
  /// approval (or `nil` for a decline).
  func approve(
    _ number: String, key: String, reference: String = "OD-TEST"
  ) async throws -> String? {
    let idempotencyKey = VaultTestKit.key(key)
    // American Express cards have a four-digit code.
    let card = VaultTestKit.entry(number: number, cvc: number.hasPrefix("37") ? "7391" : "739")
    defer { card.wipe() }
    let sealed = try CardSealer.seal(
      card, to: await currentPublicKey(), idempotencyKey: idempotencyKey,
      currentMonth: VaultTestKit.month)
    let answer = try await authorize(
      sealed, idempotencyKey: idempotencyKey, amount: VaultTestKit.euros, reference: reference)
    guard case .approved(_, let token, _) = answer else { return nil }
    return token
  }
}

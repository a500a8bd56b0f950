import Foundation
import GRDB
import Logging
import OrderClient
import OrderCore
import OrderDeskTestSupport
import OrderService
import OrderStorage
import TLSIdentity
import Testing
import Vault
import VaultAPI
import VaultClient

@testable import OrderDeskCommand

/// The vault as a process of its own: three real processes (vault, service, desk), a vault
/// killed in the middle of a burst, a vault away while the desk waits, and a data directory
/// from before the vault ran apart.
@Suite(.serialized) struct VaultProcessTests {
  /// `orderdesk vault`, `orderdesk serve --vault …` and the desk in tmux: an order placed end
  /// to end, then no card number anywhere but the vault's store, and no vault key anywhere on
  /// the service's side.
  @Test(.timeLimit(.minutes(3)))
  func anOrderTravelsThroughThreeProcesses() async throws {
    let root = try TemporaryRoot()
    defer { root.remove() }
    let vaultDirectory = root.path + "/vault"
    let serviceDirectory = root.path + "/service"
    let enrolled = try OrderDeskProcess.run([
      "vault", "enrol", "shop", "--data-dir", vaultDirectory, "--out",
      serviceDirectory + "/vault-client",
    ])
    #expect(enrolled.status == 0, "\(enrolled.standardError)")
    let vault = try VaultProcess.start(dataDirectory: vaultDirectory, log: root.path + "/vault.log")
    defer { vault.stop() }
    let service = try ServeProcess.start(
      dataDirectory: serviceDirectory,
      arguments: [
        "--vault", vault.url, "--vault-ca", serviceDirectory + "/vault-client/vault-ca.pem",
        "--vault-client-cert", serviceDirectory + "/vault-client/client-cert.pem",
        "--vault-client-key", serviceDirectory + "/vault-client/client-key.pem",
      ])
    let desk = try DeskUnderTest(
      server: service.url, pin: service.pin.description, dataDirectory: root.path + "/desk")
    defer { desk.stop() }
    try await desk.fillCartAndDetails()
    try await desk.enterCard(DeskEndToEndTests.goodCard)
    try await desk.placeOrderLeavingNoTrace(of: DeskEndToEndTests.goodCard)
    service.kill()
    vault.stop()

    let serviceFiles = try AllFiles(under: serviceDirectory)
    let vaultLog = try String(contentsOfFile: root.path + "/vault.log", encoding: .utf8)
    #expect(vaultLog.contains("card authorized"), "\(vaultLog)")
    for (name, text) in [("the vault's log", vaultLog), ("the service's log", service.log.text)] {
      #expect(
        !CardLeaks.leaks(in: text, number: DeskEndToEndTests.goodCard, cvc: "123"),
        "a card number or CVC is in \(name):\n\(text)")
    }
    let leaked = serviceFiles.containing(spellingsOf: DeskEndToEndTests.goodCard)
    #expect(leaked.isEmpty, "the card number is in the service's files: \(leaked)")
    // The twin: the number planted dotted, and as an integer, is found.
    let dotted = serviceDirectory + "/planted-dotted"
    try Data(
      CardLeaks.spellings(of: DeskEndToEndTests.goodCard).last(where: { $0.contains(".") })!.utf8
    )
    .write(to: URL(fileURLWithPath: dotted))
    let integer = serviceDirectory + "/planted-integer"
    try Data(CardLeaks.integerForms(of: DeskEndToEndTests.goodCard)[0].bytes)
      .write(to: URL(fileURLWithPath: integer))
    #expect(
      try AllFiles(under: serviceDirectory).containing(spellingsOf: DeskEndToEndTests.goodCard)
        .sorted() == [dotted, integer])
    try FileManager.default.removeItem(atPath: dotted)
    try FileManager.default.removeItem(atPath: integer)

    // The service's side holds no vault key: none of the vault's secret files' contents
    // appears in any of its files or its log.
    let secrets = try VaultSecrets(in: vaultDirectory)
    #expect(secrets.count >= 4, "\(secrets.names)")
    #expect(secrets.found(in: serviceFiles).isEmpty, "\(secrets.found(in: serviceFiles))")
    #expect(secrets.found(inText: service.log.text).isEmpty)
    #expect(secrets.found(inText: vaultLog).isEmpty, "the vault's log holds a key")
    // The twin: a planted copy of a vault key is found.
    let planted = serviceDirectory + "/planted"
    try FileManager.default.copyItem(atPath: secrets.names[0], toPath: planted)
    #expect(secrets.found(in: try AllFiles(under: serviceDirectory)) == [planted])
  }

  /// A vault killed with SIGKILL while orders are coming in is started again; no order that
  /// was answered 201 is lost, and every order is charged exactly once.
  @Test(.timeLimit(.minutes(3)))
  func killingTheVaultDuringABurstLosesNoOrderAndChargesNoneTwice() async throws {
    let root = try TemporaryRoot()
    defer { root.remove() }
    let serviceDirectory = root.path + "/service"
    let service = try ServeProcess.start(dataDirectory: serviceDirectory)
    defer { service.kill() }
    let firstVault = try #require(ChildProcesses.vault(of: service.process.processIdentifier))
    let channels = try (0..<6).map { _ in try service.channel() }
    var sealed: [OrderSubmission] = []
    for index in 0..<48 {
      sealed.append(try await Orders.submission(channels[0], index: index))
    }
    let submissions = sealed

    let accepted = AcceptedOrders()
    let killed = KillSwitch()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (lane, channel) in channels.enumerated() {
        group.addTask {
          let mine = submissions.enumerated().filter { $0.offset % 6 == lane }.map(\.element)
          for submission in mine {
            let order = try await Orders.submitUntilAnswered(submission, on: channel)
            accepted.add(submission.idempotencyKey, order)
            if accepted.count == 12 { killed.kill(firstVault) }
          }
        }
      }
      try await group.waitForAll()
    }
    #expect(killed.done, "the vault was never killed")
    for channel in channels { await channel.close() }
    let secondVault = ChildProcesses.vault(of: service.process.processIdentifier)
    #expect(secondVault != nil && secondVault != firstVault, "the vault was not started again")
    service.kill()

    #expect(accepted.count == submissions.count)
    let store = try SQLiteOrderStore(path: serviceDirectory + "/orders.sqlite")
    #expect(try await store.orderCount() == submissions.count)
    var codes: Set<String> = []
    for order in accepted.orders {
      let stored = try #require(try await store.order(number: order.number))
      codes.insert(stored.authorizationCode)
    }
    #expect(codes.count == submissions.count, "two orders share an authorization")
    // One charge per order: the vault's own record of what the processor approved.
    let charges = try await DatabaseQueue(path: serviceDirectory + "-vault/vault.sqlite").read {
      db in
      try Int.fetchOne(
        db, sql: "SELECT COUNT(*) FROM card_authorization WHERE outcome = 'approved'") ?? -1
    }
    #expect(charges == submissions.count)
  }

  /// Two services started at once on one new directory enrol once, and both reach the vault:
  /// a second enrolment would have withdrawn the first one's certificate.
  @Test(.timeLimit(.minutes(2)))
  func twoServicesStartingAtOnceOnOneDirectoryBothReachTheVault() async throws {
    let root = try TemporaryRoot()
    defer { root.remove() }
    let options = root.childVaultOptions
    let logger = Logger(label: "test")
    async let first = SupervisedVault.start(options, logger: logger)
    async let second = SupervisedVault.start(options, logger: logger)
    let vaults = try await [first, second]
    for vault in vaults {
      #expect(try await vault.client.keys().current.keyId.isEmpty == false)
    }
    for vault in vaults { await vault.stop() }
    #expect(
      try OrderDeskProcess.run(["vault", "clients", "--data-dir", root.path + "/service-vault"])
        .standardOutput == "embedded-service\n")
  }

  /// The desk's vault starts beside its service; a start that failed is tried again on a
  /// later call, and the reason is in the answer until then.
  @Test(.timeLimit(.minutes(2)))
  func aVaultThatCouldNotStartIsStartedAgainOnALaterCall() async throws {
    let root = try TemporaryRoot()
    defer { root.remove() }
    let options = root.childVaultOptions
    let attempts = Attempts()
    let vault = StartingVault(retryPause: .milliseconds(100)) {
      if attempts.next() == 1 { throw VaultClientError("a planted first failure") }
      return try await SupervisedVault.start(options, logger: Logger(label: "test"))
    }
    await #expect {
      _ = try await vault.keys()
    } throws: { error in
      guard case .unavailable(let reason) = error as? CardVaultError else { return false }
      return reason.contains("a planted first failure")
    }
    // Within the pause the failure is answered again without a new start.
    await #expect(throws: CardVaultError.self) { _ = try await vault.keys() }
    #expect(attempts.count == 1)
    try await Task.sleep(for: .milliseconds(150))
    #expect(try await vault.keys().current.keyId.isEmpty == false)
    #expect(attempts.count == 2)
    await vault.stop()
  }

  /// The embedded vault dies and cannot come back for a while: the desk says payments are
  /// briefly unavailable and keeps the review with its sealed card; once the vault is back,
  /// Enter places the order, charged once.
  @Test(.timeLimit(.minutes(3)))
  func theDeskWaitsOutAVaultThatIsAway() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }
    try await desk.fillCartAndDetails()
    try await desk.enterCard(DeskEndToEndTests.goodCard)

    let vaultDirectory = desk.dataDirectory + "-vault"
    let vault = try #require(ChildProcesses.vault(directory: vaultDirectory))
    // A vault directory others may read: the vault refuses to start until it is fixed.
    chmod(vaultDirectory, 0o755)
    kill(vault, SIGKILL)
    try desk.session.press("Enter")
    let paused = try await desk.session.waitFor(
      "Payments are briefly unavailable", timeout: .seconds(30))
    #expect(paused.contains("Step 5 of 5 · Review"), "\(paused)")
    #expect(paused.contains("Visa •••• 4242"), "\(paused)")
    try desk.expectNoFullCardNumber(DeskEndToEndTests.goodCard, when: "the vault is away")

    let logFile = vaultDirectory + "/logs/vault.log"
    func opened() -> Int {
      ((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "")
        .components(separatedBy: "vault opened").count - 1
    }
    let openedBefore = opened()
    chmod(vaultDirectory, 0o700)
    // Back once a new vault has opened its files (the restarts wait up to 5 s between tries).
    for _ in 0..<150 where opened() == openedBefore {
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(opened() > openedBefore, "the vault was not started again")
    try await desk.placeOrderLeavingNoTrace(of: DeskEndToEndTests.goodCard)
    let charges = try await DatabaseQueue(path: vaultDirectory + "/vault.sqlite").read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM card_authorization") ?? -1
    }
    #expect(charges == 1)
    let log = try String(contentsOfFile: logFile, encoding: .utf8)
    #expect(log.contains("chmod 700"), "the refusal is not in the vault's log:\n\(log)")
  }

  /// The commands an operator runs on the vault's host, and the mistakes they name.
  @Test(.timeLimit(.minutes(2)))
  func theVaultsCommandsRotatePurgeAuditAndRefuseClearly() throws {
    let root = try TemporaryRoot()
    defer { root.remove() }
    let vault = root.path + "/vault"
    func run(_ arguments: String...) throws -> OrderDeskProcess.Result {
      try OrderDeskProcess.run(Array(arguments))
    }
    #expect(
      try run("vault", "enrol", "shop", "--data-dir", vault, "--out", root.path + "/c").status == 0)
    // The vault makes its keys when it first opens: rotations need them.
    let first = try VaultProcess.start(dataDirectory: vault, log: root.path + "/vault.log")
    first.stop()
    let rotated = try run("vault", "rotate-keys", "--data-dir", vault)
    #expect(rotated.status == 0 && rotated.standardOutput.contains("sealed to key"), "\(rotated)")
    let dataKey = try run("vault", "rotate-data-key", "--data-dir", vault)
    #expect(dataKey.status == 0 && dataKey.standardOutput.contains("Re-encrypted 0"), "\(dataKey)")
    #expect(try run("vault", "rotate-kek", "--data-dir", vault).status == 0)
    let purged = try run("vault", "purge", "--data-dir", vault, "--card-retention", "30d")
    #expect(purged.status == 0 && purged.standardOutput.contains("older than 30d"), "\(purged)")
    let audit = try run("vault", "audit", "--data-dir", vault)
    for kind in ["key-rotation", "data-key-rotation", "kek-rotation"] {
      #expect(audit.standardOutput.contains(kind), "\(audit.standardOutput)")
    }
    #expect(try run("vault", "clients", "--data-dir", vault).standardOutput == "shop\n")
    let revoked = try run("vault", "revoke", "nobody-enrolled", "--data-dir", vault)
    #expect(revoked.status != 0 && revoked.standardError.contains("no order service is enrolled"))
    let badName = try run("vault", "enrol", "../escape", "--data-dir", vault, "--out", root.path)
    #expect(badName.status != 0 && badName.standardError.contains("a service name is"))
    let badSpan = try run("vault", "purge", "--data-dir", vault, "--card-retention", "soon")
    #expect(badSpan.status != 0)

    // A directory others may enter: refused, naming it and the mode wanted.
    chmod(vault, 0o755)
    let open = try run("vault", "--listen", "127.0.0.1:0", "--data-dir", vault)
    #expect(open.status != 0, "\(open)")
    #expect(open.standardError.contains(vault) && open.standardError.contains("chmod 700"))
    chmod(vault, 0o700)

    let half = try run(
      "serve", "--data-dir", root.path + "/s", "--vault", "https://127.0.0.1:1")
    #expect(half.status != 0 && half.standardError.contains("--vault needs --vault-ca"))
    let stray = try run("serve", "--data-dir", root.path + "/s", "--vault-ca", "ca.pem")
    #expect(stray.status != 0 && stray.standardError.contains("go with --vault"))
    let missing = try run(
      "serve", "--data-dir", root.path + "/s", "--vault", "https://127.0.0.1:1", "--vault-ca",
      root.path + "/none.pem", "--vault-client-cert", root.path + "/c/client-cert.pem",
      "--vault-client-key", root.path + "/c/client-key.pem")
    #expect(missing.status != 0 && missing.standardError.contains(root.path + "/none.pem"))
  }

  /// Started as root with `--user`, the vault listens, gives its files to that user and runs
  /// as that user, and still answers enrolled services.
  @Test(.timeLimit(.minutes(2)), .enabled(if: geteuid() == 0))
  func startedAsRootTheVaultDropsToItsUser() async throws {
    let root = try TemporaryRoot()
    defer { root.remove() }
    chmod(root.path, 0o755)
    let vault = root.path + "/vault"
    #expect(
      try OrderDeskProcess.run([
        "vault", "enrol", "shop", "--data-dir", vault, "--out", root.path + "/c",
      ]).status == 0)
    let process = try VaultProcess.start(
      dataDirectory: vault, log: root.path + "/vault.log", arguments: ["--user", "nobody"])
    defer { process.stop() }
    let status = try String(
      contentsOfFile: "/proc/\(process.process.processIdentifier)/status", encoding: .utf8)
    let uids = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }
    #expect(
      uids?.split(whereSeparator: \.isWhitespace).dropFirst().allSatisfy { $0 == "65534" } == true,
      "\(uids ?? "")")
    for file in try AllFiles(under: vault).files.map(\.path) {
      var info = stat()
      #expect(stat(file, &info) == 0 && info.st_uid == 65534, "\(file) is not nobody's")
      #expect(info.st_mode & 0o077 == 0, "\(file) is open to others")
    }
    let client = try RemoteCardVaultForTests.make(url: process.url, enrolledIn: root.path + "/c")
    #expect(try await client.keys().current.keyId.isEmpty == false)
    await client.shutdown()
  }

  /// A service directory from before the vault ran apart (`vault/` and `vault-keys/` inside
  /// it) is moved into the vault's own directory on the first start, with its orders, cards
  /// and keys.
  @Test(.timeLimit(.minutes(3)))
  func aDataDirectoryFromBeforeTheVaultRanApartKeepsEverything() async throws {
    let root = try TemporaryRoot()
    defer { root.remove() }
    let serviceDirectory = root.path + "/service"
    let logger = Logger(label: "test")
    // The layout the service wrote until now: the vault in its own folders inside.
    let oldVault = try Vault(
      directory: serviceDirectory + "/vault", keyDirectory: serviceDirectory + "/vault-keys",
      logger: logger)
    let oldService = try await RunningOrderService.start(
      OrderServiceConfiguration(
        host: "127.0.0.1", port: 0, dataDirectory: serviceDirectory, logger: logger),
      vault: oldVault)
    let oldChannel = HTTPSOrderChannel(
      endpoint: try ServiceEndpoint(parsing: oldService.url),
      trust: .pinned(CertificatePin(fingerprint: try #require(oldService.identity).fingerprint)))
    let placed = try await Orders.submission(oldChannel, index: 1)
    guard case .accepted(let order) = try await oldChannel.submit(placed) else {
      Issue.record("the order was not accepted")
      return
    }
    // Sealed to the old key now, sent only after the move.
    let sealedBefore = try await Orders.submission(oldChannel, index: 2)
    await oldChannel.close()
    await oldService.stop()

    let service = try ServeProcess.start(dataDirectory: serviceDirectory)
    let channel = try service.channel()
    let found = try await channel.lookUp(number: order.number, email: "ada@example.com")
    #expect(found?.quote.total == order.quote.total)
    guard case .accepted = try await channel.submit(sealedBefore) else {
      Issue.record("a card sealed to the key from before the move was refused")
      return
    }
    await channel.close()
    service.kill()

    for moved in ["/vault", "/vault-keys"] {
      #expect(!FileManager.default.fileExists(atPath: serviceDirectory + moved), "\(moved)")
    }
    let store = try SQLiteOrderStore(path: serviceDirectory + "/orders.sqlite")
    let stored = try #require(try await store.order(number: order.number))
    let vault = try Vault(
      directory: serviceDirectory + "-vault", keyDirectory: serviceDirectory + "-vault/kek",
      logger: logger)
    let card = try #require(try await vault.storedCard(token: stored.cardToken))
    #expect(card.summary.lastFour == "4242" && card.numberKept)
  }
}

extension Orders {
  /// A sealed order for the 4242 card, as the desk makes one.
  static func submission(_ channel: HTTPSOrderChannel, index: Int) async throws -> OrderSubmission {
    let key = IdempotencyKey("vault-test-\(index)-\(UUID().uuidString)")!
    let card = CardEntry(
      number: SecretBytes(copying: "4242424242424242".utf8), expiry: "12/29",
      cvc: SecretBytes(copying: "739".utf8), name: "Ada Lovelace")
    defer { card.wipe() }
    let sealed = try await channel.sealCard(
      card, idempotencyKey: key, currentMonth: YearMonth(year: 2026, month: 11)!)
    return OrderSubmission(
      idempotencyKey: key, currency: .eur, source: .terminal,
      lines: [CartLine(sku: SKU("HARBOR-BACKUP-1Y")!, quantity: 1)],
      customer: Customer(
        name: "Ada Lovelace", email: "ada@example.com", address: Address(country: "FI")),
      card: sealed)
  }

  /// Submits until the service answers the order, as a desk whose person presses Enter again:
  /// the same submission, so the same Idempotency-Key.
  static func submitUntilAnswered(
    _ submission: OrderSubmission, on channel: HTTPSOrderChannel
  ) async throws -> OrderRecord {
    let deadline = ContinuousClock.now + .seconds(60)
    while true {
      do {
        guard case .accepted(let order) = try await channel.submit(submission) else {
          throw OrderNotAccepted()
        }
        return order
      } catch let error as OrderChannelError where ContinuousClock.now < deadline {
        _ = error
        try await Task.sleep(for: .milliseconds(200))
      }
    }
  }
}

/// Namespace for the helpers above.
enum Orders {}

struct OrderNotAccepted: Error {}

/// The orders answered 201, by idempotency key.
final class AcceptedOrders: @unchecked Sendable {
  private let lock = NSLock()
  private var byKey: [IdempotencyKey: OrderRecord] = [:]

  func add(_ key: IdempotencyKey, _ order: OrderRecord) {
    lock.withLock { byKey[key] = order }
  }

  var count: Int { lock.withLock { byKey.count } }
  var orders: [OrderRecord] { lock.withLock { Array(byKey.values) } }
}

/// Kills a process once.
final class KillSwitch: @unchecked Sendable {
  private let lock = NSLock()
  private var killed = false

  func kill(_ pid: pid_t) {
    lock.withLock {
      guard !killed else { return }
      killed = true
      Foundation.kill(pid, SIGKILL)
    }
  }

  var done: Bool { lock.withLock { killed } }
}

/// Finds the vault a service or desk started, through /proc.
enum ChildProcesses {
  /// The `orderdesk vault` whose parent is `parent`.
  static func vault(of parent: pid_t) -> pid_t? {
    processes().first { $0.parent == parent && $0.arguments.contains("vault") }?.pid
  }

  /// The `orderdesk vault` serving `directory`.
  static func vault(directory: String) -> pid_t? {
    processes().first {
      $0.arguments.contains("vault") && $0.arguments.contains(directory)
        && !$0.arguments.contains("enrol")
    }?.pid
  }

  private static func processes() -> [(pid: pid_t, parent: pid_t, arguments: [String])] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry in
      guard let pid = pid_t(entry),
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")"),
        let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
      else { return nil }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 2, let parent = pid_t(fields[1]), fields[0] != "Z" else { return nil }
      let arguments = command.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      return (pid, parent, arguments)
    }
  }
}

/// A temporary folder for one test, removed at its end.
struct TemporaryRoot {
  let path: String

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-vault-e2e-\(UUID().uuidString)").path
    // Data directories other users may read are refused.
    try PrivateFiles.createDirectory(path)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// A child vault for a service in `service/`, as `orderdesk serve` starts one.
  var childVaultOptions: SupervisedVault.Options {
    SupervisedVault.Options(
      executable: OrderDeskProcess.binary.path, dataDirectory: path + "/service-vault",
      credentialsDirectory: path + "/service/vault-client",
      logFile: path + "/service-vault/logs/vault.log")
  }
}

/// `orderdesk vault` started on its own, its log in a file.
struct VaultProcess {
  let process: Process
  let url: String

  static func start(
    dataDirectory: String, log: String, arguments: [String] = []
  ) throws -> VaultProcess {
    let process = Process()
    process.executableURL = OrderDeskProcess.binary
    process.arguments =
      ["vault", "--listen", "127.0.0.1:0", "--data-dir", dataDirectory] + arguments
    let announcements = Pipe()
    FileManager.default.createFile(atPath: log, contents: nil)
    process.standardOutput = announcements
    process.standardError = FileHandle(forWritingAtPath: log)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    var text = ""
    while !text.contains("\n") {
      let chunk = announcements.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    guard let port = text.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/)?.1 else {
      process.terminate()
      throw ServeProcessError(output: text)
    }
    return VaultProcess(process: process, url: "https://127.0.0.1:\(port)")
  }

  func stop() {
    guard process.isRunning else { return }
    process.terminate()
    process.waitUntilExit()
  }
}

/// Every regular file under a folder, with its bytes.
struct AllFiles {
  let files: [(path: String, bytes: [UInt8])]

  init(under directory: String) throws {
    var found: [(String, [UInt8])] = []
    let enumerator = FileManager.default.enumerator(atPath: directory)
    while let relative = enumerator?.nextObject() as? String {
      let path = directory + "/" + relative
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path)
      else { continue }
      found.append((path, Array(data)))
    }
    files = found
  }

  /// The files that hold `number` in any of its spellings.
  func containing(spellingsOf number: String) -> [String] {
    files.filter { file in
      !CardLeaks.findings(in: file.bytes, as: .binary, numbers: [number], cvcs: []).isEmpty
    }.map(\.path)
  }
}

/// The contents of the vault's secret files: HPKE private keys, key-encryption keys, the
/// authority's and the listener's private keys.
struct VaultSecrets {
  let names: [String]
  private let contents: [[UInt8]]

  init(in vaultDirectory: String) throws {
    let all = try AllFiles(under: vaultDirectory)
    let secret = all.files.filter { file in
      let name = (file.path as NSString).lastPathComponent
      return name.hasSuffix(".key") || name.hasSuffix("-key.pem")
    }
    names = secret.map(\.path)
    contents = secret.map(\.bytes).filter { $0.count >= 16 }
  }

  var count: Int { contents.count }

  /// The files in `files` that hold any secret as it is, in base64 or in hex.
  func found(in files: AllFiles) -> [String] {
    files.files.filter { file in contents.contains { Self.holds(file.bytes, $0) } }.map(\.path)
  }

  /// The secrets `text` holds as they are, in base64 or in hex.
  func found(inText text: String) -> [[UInt8]] {
    let bytes = Array(text.utf8)
    return contents.filter { Self.holds(bytes, $0) }
  }

  private static func holds(_ haystack: [UInt8], _ secret: [UInt8]) -> Bool {
    let hex = secret.map { String(format: "%02x", $0) }.joined()
    return [secret, Array(Data(secret).base64EncodedString().utf8), Array(hex.utf8)]
      .contains { haystack.contains($0) }
  }
}

extension Array where Element == UInt8 {
  /// Whether `needle` occurs in these bytes.
  fileprivate func contains(_ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= count else { return false }
    return firstRange(of: needle) != nil
  }
}

/// A client of a vault process, as an enrolled service makes one.
enum RemoteCardVaultForTests {
  static func make(url: String, enrolledIn directory: String) throws -> RemoteCardVault {
    try RemoteCardVault(
      url: url, credentials: VaultCredentials(enrolledIn: directory),
      logger: Logger(label: "test"))
  }
}

/// Counts calls.
final class Attempts: @unchecked Sendable {
  private let lock = NSLock()
  private var calls = 0

  func next() -> Int {
    lock.withLock {
      calls += 1
      return calls
    }
  }
  var count: Int { lock.withLock { calls } }
}

import Foundation
import Logging
import OrderCore
import Synchronization

/// A vault run as a child process of this one (`orderdesk vault …`), enrolled, watched and
/// restarted: what the desk's embedded service and `orderdesk serve` without `--vault` use.
///
/// The child keeps its own directory and keys; this process only ever holds the client
/// certificate it was enrolled with. The child reads its standard input until it ends, so it
/// ends with this process however this process ends. When it dies on its own it is started
/// again on the same port, after a pause that grows from 100 ms to 5 s while it keeps dying;
/// meanwhile the client reports `.unavailable`, which the order service answers with 503 and
/// `Retry-After`.
public final class SupervisedVault: Sendable {
  /// How the child is started.
  public struct Options: Sendable {
    /// The `orderdesk` executable that runs `orderdesk vault`.
    public var executable: String
    /// The vault's own directory.
    public var dataDirectory: String
    /// Where the enrolled service's certificate, key and the vault's CA are kept.
    public var credentialsDirectory: String
    /// The name the service is enrolled under.
    public var serviceName: String
    /// Where the child's standard error goes (appended).
    public var logFile: String
    /// Extra arguments for `orderdesk vault`, such as `--card-retention` or `--migrate-from`.
    public var extraArguments: [String]

    public init(
      executable: String, dataDirectory: String, credentialsDirectory: String,
      serviceName: String = "embedded-service", logFile: String, extraArguments: [String] = []
    ) {
      self.executable = executable
      self.dataDirectory = dataDirectory
      self.credentialsDirectory = credentialsDirectory
      self.serviceName = serviceName
      self.logFile = logFile
      self.extraArguments = extraArguments
    }
  }

  /// The client the order service uses; it follows the child across restarts.
  public let client: RemoteCardVault
  private let options: Options
  private let logger: Logger
  private let state: Mutex<State>

  private struct State: Sendable {
    var child: Child?
    var port: Int
    var stopping = false
  }

  /// The running child's process id, or `nil` between a death and its restart.
  public var processIdentifier: Int32? { state.withLock { $0.child?.process.processIdentifier } }

  /// Enrols the service if it has no certificate yet, starts the child and returns once it
  /// listens.
  public static func start(_ options: Options, logger: Logger) async throws -> SupervisedVault {
    let credentials = VaultCredentials(enrolledIn: options.credentialsDirectory)
    if !credentials.exist { try await enrol(options) }
    let child = try await launchFirst(options)
    let client: RemoteCardVault
    do {
      client = try RemoteCardVault(url: child.url, credentials: credentials, logger: logger)
    } catch {
      child.terminate()
      throw error
    }
    let supervised = SupervisedVault(
      client: client, options: options, logger: logger, child: child)
    supervised.watch(child)
    return supervised
  }

  private init(client: RemoteCardVault, options: Options, logger: Logger, child: Child) {
    self.client = client
    self.options = options
    self.logger = logger
    self.state = Mutex(State(child: child, port: child.port))
  }

  /// Stops the child and waits for it to end.
  public func stop() async {
    let child = state.withLock { state in
      state.stopping = true
      return state.child
    }
    child?.terminate()
    await child?.exited()
    await client.shutdown()
  }

  private func watch(_ child: Child) {
    Task.detached { [self] in
      let status = await child.exited()
      let port = state.withLock { state -> Int? in
        state.child = nil
        return state.stopping ? nil : state.port
      }
      guard let port else { return }
      logger.warning(
        "the vault process ended; starting it again", metadata: ["status": "\(status)"])
      await restart(onPort: port)
    }
  }

  private func restart(onPort port: Int) async {
    var pause = Duration.milliseconds(100)
    var port = port
    while !state.withLock({ $0.stopping }) {
      try? await Task.sleep(for: pause)
      do {
        let child = try await Child.launch(options, port: port)
        let kept = state.withLock { state -> Bool in
          guard !state.stopping else { return false }
          state.child = child
          state.port = child.port
          return true
        }
        guard kept else {
          child.terminate()
          return
        }
        client.moved(to: child.url)
        logger.notice("the vault process is back", metadata: ["url": "\(child.url)"])
        watch(child)
        return
      } catch {
        logger.error("the vault could not be started again", metadata: ["error": "\(error)"])
        // Another program may have taken the port: a free one will do, the client follows.
        port = 0
        pause = min(pause * 2, .seconds(5))
      }
    }
  }

  /// Starts the first child, trying three times: a vault started at the same moment as
  /// another on the same new directory may find its database being made, and the next try
  /// finds it made.
  private static func launchFirst(_ options: Options) async throws -> Child {
    var attempt = 1
    while true {
      do {
        return try await Child.launch(options, port: 0)
      } catch  where attempt < 3 {
        attempt += 1
        try await Task.sleep(for: .milliseconds(200))
      }
    }
  }

  private static func enrol(_ options: Options) async throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: options.executable)
    process.arguments = [
      "vault", "enrol", options.serviceName, "--data-dir", options.dataDirectory, "--out",
      options.credentialsDirectory,
      // Another service starting at this moment may have enrolled: its certificate is kept.
      "--unless-enrolled",
    ]
    let errors = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw VaultClientError("\(options.executable) could not be started to enrol: \(error)")
    }
    let output = await Task.detached { errors.fileHandleForReading.readDataToEndOfFile() }.value
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let text = String(decoding: output.prefix(2000), as: UTF8.self)
      throw VaultClientError("enrolling with the vault failed: \(text)")
    }
  }
}

/// One run of `orderdesk vault`.
private final class Child: Sendable {
  let process: Process
  private let boundPort = Mutex(0)
  /// Kept open for the child's life: the child ends when it is closed.
  private let lifeline: Pipe
  private let ended: Mutex<[CheckedContinuation<Int32, Never>]?>

  /// The port the child said it listens on.
  var port: Int { boundPort.withLock { $0 } }
  var url: String { "https://127.0.0.1:\(port)" }

  private init(process: Process, lifeline: Pipe) {
    self.process = process
    self.lifeline = lifeline
    self.ended = Mutex([])
  }

  /// Starts the child on `port` (0 for any) and waits for the line that says where it listens.
  static func launch(_ options: SupervisedVault.Options, port: Int) async throws -> Child {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: options.executable)
    process.arguments =
      [
        "vault", "--listen", "127.0.0.1:\(port)", "--data-dir", options.dataDirectory,
        "--exit-with-stdin",
      ] + options.extraArguments
    let lifeline = Pipe()
    let announcements = Pipe()
    process.standardInput = lifeline
    process.standardOutput = announcements
    // The vault checks its directory is private; made here first, it is made so.
    _ = mkdir(options.dataDirectory, 0o700)
    let logDirectory = (options.logFile as NSString).deletingLastPathComponent
    try? PrivateFiles.createDirectory(logDirectory)
    try? PrivateFiles.createFile(options.logFile)
    guard let log = FileHandle(forWritingAtPath: options.logFile) else {
      throw VaultClientError("the vault's log \(options.logFile) cannot be written")
    }
    log.seekToEndOfFile()
    process.standardError = log
    let child = Child(process: process, lifeline: lifeline)
    process.terminationHandler = { process in child.finished(process.terminationStatus) }
    do {
      try process.run()
    } catch {
      throw VaultClientError("\(options.executable) could not be started: \(error)")
    }
    try? log.close()
    let reader = announcements.fileHandleForReading
    let line = await Task.detached { Self.readLine(reader) }.value
    guard let line, let bound = Self.port(in: line) else {
      child.terminate()
      throw VaultClientError(
        "the vault did not start; its log \(options.logFile) says why")
    }
    child.boundPort.withLock { $0 = bound }
    return child
  }

  /// `… listening on 127.0.0.1:PORT` → PORT.
  static func port(in line: String) -> Int? {
    guard let colon = line.lastIndex(of: ":") else { return nil }
    return Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
  }

  /// The first line the child writes, or `nil` if it ends first.
  static func readLine(_ handle: FileHandle) -> String? {
    var bytes: [UInt8] = []
    while true {
      let chunk = handle.readData(ofLength: 1)
      guard let byte = chunk.first else { return nil }
      if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
      if bytes.count > 4096 { return nil }
    }
  }

  func terminate() {
    if process.isRunning { process.terminate() }
    try? lifeline.fileHandleForWriting.close()
  }

  private func finished(_ status: Int32) {
    let waiting = ended.withLock { waiting -> [CheckedContinuation<Int32, Never>] in
      let all = waiting ?? []
      waiting = nil
      return all
    }
    for continuation in waiting { continuation.resume(returning: status) }
  }

  /// Waits until the child has ended, and gives its status.
  @discardableResult
  func exited() async -> Int32 {
    await withCheckedContinuation { continuation in
      let done = ended.withLock { waiting -> Bool in
        guard waiting != nil else { return true }
        waiting?.append(continuation)
        return false
      }
      if done { continuation.resume(returning: process.isRunning ? 0 : process.terminationStatus) }
    }
  }
}

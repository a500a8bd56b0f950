import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// No `orderdesk` process can leave a core file.
///
/// The desk, the service, the vault it starts as a child and the vault started on its own are
/// each crashed on purpose, with core files allowed by the shell that started them, and none
/// leaves one. An ordinary process started the same way does, so the checks can fail.
///
/// What is looked at, from outside the process:
/// - `/proc/PID/limits`: the core file size limit, soft and hard, is 0.
/// - who owns `/proc/PID/status`: the kernel gives the files under `/proc/PID` to root when the
///   process is not dumpable, else to the process's user (the folder itself keeps its user). The processes run as `nobody` when the tests run as root, because
///   for a root process the two owners are the same.
/// - after `kill -SEGV`: the wait status's core-dumped bit, and whether a file appeared where
///   `/proc/sys/kernel/core_pattern` would put one (only when it names a file; a pattern
///   starting with `|` hands the core to a program, whose files these tests do not look for).
@Suite(.serialized) struct CoreDumpTests {
  @Test(.timeLimit(.minutes(2)))
  func theVaultOnItsOwnLeavesNoCoreFile() async throws {
    let scene = try CrashScene()
    defer { scene.remove() }
    let vaultDirectory = scene.path + "/vault"
    let enrolled = try await scene.launch(
      [
        OrderDeskProcess.binary.path, "vault", "enrol", "shop", "--data-dir", vaultDirectory,
        "--out", scene.path + "/client",
      ],
      log: "enrol.log")
    #expect(try await enrolled.waitForExit().status == 0, "\(enrolled.log)")

    let vault = try await scene.launch(
      [
        OrderDeskProcess.binary.path, "vault", "--listen", "127.0.0.1:0", "--data-dir",
        vaultDirectory,
      ],
      log: "vault.log")
    try await vault.waitForLog("listening on")
    try await scene.expectHardened(vault.pid, "the vault")
    try await scene.expectCrashLeavesNoCore(vault, "the vault")
  }

  @Test(.timeLimit(.minutes(2)))
  func theServiceAndTheVaultItStartsLeaveNoCoreFile() async throws {
    let scene = try CrashScene()
    defer { scene.remove() }
    let service = try await scene.launch(
      [
        OrderDeskProcess.binary.path, "serve", "--listen", "127.0.0.1:0", "--data-dir",
        scene.path + "/service",
      ],
      log: "serve.log")
    try await service.waitForLog("listening on")
    try await scene.expectHardened(service.pid, "the service")

    let child = try #require(
      try await Self.waitForChildVault(of: service.pid), "the service started no vault")
    try await scene.expectHardened(child, "the service's vault")
    #expect(kill(child, SIGSEGV) == 0)
    // A child of the service: the service reaps it, so only the files can tell.
    try await Task.sleep(for: .milliseconds(500))
    scene.expectNoCoreFile("the service's vault")

    try await scene.expectCrashLeavesNoCore(service, "the service")
  }

  @Test(.timeLimit(.minutes(2)))
  func theDeskLeavesNoCoreFileAndStillGivesTheTerminalBack() async throws {
    let scene = try CrashScene()
    defer { scene.remove() }
    let dataDirectory = scene.path + "/desk"
    let session = try TmuxSession(
      command: scene.command(
        [
          "/usr/bin/env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color",
          "HOME=\(scene.path)", OrderDeskProcess.binary.path, "--data-dir", dataDirectory,
        ]))
    defer { session.kill() }
    // The first frame: from here the crash handler holds the terminal. (The catalog is not
    // waited for: where `nobody` may not connect to loopback, it never comes, and is not
    // what this is about.)
    try await session.waitFor("Step 1 of 5 · Catalog")
    let desk = try #require(try session.programProcess())
    try await scene.expectHardened(desk, "the desk")
    let child = try #require(
      try await Self.waitForChildVault(of: desk), "the desk started no vault")
    try await scene.expectHardened(child, "the desk's vault")

    #expect(kill(desk, SIGSEGV) == 0)
    let after = try await session.waitFor("EXITED")
    #expect(after.contains("orderdesk stopped on a fatal error"), "\(after)")
    #expect(after.contains("EXITED 139"), "\(after)")
    #expect(try session.paneValue("#{alternate_on}") == "0")
    #expect(try session.terminalModes() == (lineEditing: true, echo: true))
    #expect(kill(desk, 0) == -1 && errno == ESRCH, "the desk is still running")
    scene.expectNoCoreFile("the desk")
  }

  /// The twin: `sleep`, started by the same shell with core files allowed, is seen as
  /// dumpable with no core limit, and its crash leaves a core where the pattern says.
  @Test(.timeLimit(.minutes(1)))
  func anOrdinaryProcessStartedTheSameWayIsSeenDumpingCore() async throws {
    let scene = try CrashScene()
    defer { scene.remove() }
    let sleeper = try await scene.launch(["/bin/sleep", "300"], log: "sleep.log")
    try await scene.waitForExec(of: sleeper.pid, into: "sleep")

    #expect(try ProcessInspection.coreLimit(sleeper.pid) == ["unlimited", "unlimited"])
    if let dumpable = try scene.isDumpable(sleeper.pid) {
      #expect(dumpable, "an ordinary process was seen as not dumpable")
    }
    #expect(kill(sleeper.pid, SIGSEGV) == 0)
    let end = try await sleeper.waitForExit()
    #expect(end.signal == SIGSEGV)
    switch scene.pattern {
    case .file:
      #expect(end.dumpedCore, "the kernel wrote no core for an ordinary process")
      #expect(!scene.newCoreFiles().isEmpty, "no core file appeared in \(scene.watched)")
    case .program:
      // The core goes to a program (systemd-coredump, apport), which may keep it, drop it or
      // refuse it; there is no file here to look for, and the core-dumped bit depends on it.
      break
    }
  }

  /// The `orderdesk vault` whose parent is `parent`, once it has started.
  static func waitForChildVault(of parent: pid_t) async throws -> pid_t? {
    for _ in 0..<100 {
      if let child = ChildProcesses.vault(of: parent) { return child }
      try await Task.sleep(for: .milliseconds(100))
    }
    return nil
  }
}

/// Where `/proc/sys/kernel/core_pattern` sends a core.
enum CorePattern: Equatable {
  /// A file: a path, relative to the crashing process's working directory unless absolute,
  /// with `%` specifiers in it.
  case file(String)
  /// A program that reads the core on its standard input (`|/path …`).
  case program(String)

  static func current() throws -> CorePattern {
    let text = try String(contentsOfFile: "/proc/sys/kernel/core_pattern", encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return text.hasPrefix("|") ? .program(String(text.dropFirst())) : .file(text)
  }

  /// The directory a core lands in for a process working in `directory`, when it is a file.
  func coreDirectory(workingIn directory: String) -> String? {
    guard case .file(let pattern) = self else { return nil }
    let path = pattern.hasPrefix("/") ? pattern : directory + "/" + pattern
    return (path as NSString).deletingLastPathComponent
  }
}

/// A folder for one crash test: the crashing processes work in `crashes/`, so every new entry
/// there (or where an absolute core pattern points) is a core file.
struct CrashScene {
  let path: String
  var workingDirectory: String { path + "/crashes" }
  let pattern: CorePattern
  /// Where cores would land, with what was there before the test.
  let watched: [String: Set<String>]
  /// When the tests run as root, the processes run as `nobody`: see ``CoreDumpTests``.
  let user: (uid: uid_t, gid: gid_t)?

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-cores-\(UUID().uuidString.prefix(8))").path
    user = geteuid() == 0 ? (65534, 65534) : nil
    try FileManager.default.createDirectory(
      atPath: path + "/crashes", withIntermediateDirectories: true)
    if user != nil {
      // `nobody` makes its own folders here and may write a core in `crashes/`.
      chmod(path, 0o777)
      chmod(path + "/crashes", 0o777)
    }
    pattern = try CorePattern.current()
    var watched: [String: Set<String>] = [:]
    if let directory = pattern.coreDirectory(workingIn: path + "/crashes") {
      watched[directory] = Set(
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
    }
    self.watched = watched
  }

  func remove() {
    for (directory, before) in watched where !directory.hasPrefix(path) {
      // A core an ordinary process left outside the folder (an absolute pattern).
      for entry in newEntries(in: directory, before: before) {
        try? FileManager.default.removeItem(atPath: directory + "/" + entry)
      }
    }
    try? FileManager.default.removeItem(atPath: path)
  }

  /// `command` as the crash tests start it: in `crashes/`, core files allowed up to any size,
  /// and as `nobody` when the tests run as root.
  ///
  /// Swift's crash backtracer is turned off for it: after printing its report for a SIGSEGV
  /// sent with `kill`, which no instruction will raise again, it returns into the program,
  /// which then runs on (a plain Swift `sleep` wakes and exits 0; a service hangs). Without
  /// it the signal takes its default action, the one that writes a core.
  func command(_ command: [String]) -> [String] {
    let drop =
      user.map {
        ["/usr/bin/setpriv", "--reuid=\($0.uid)", "--regid=\($0.gid)", "--clear-groups", "--"]
      } ?? []
    return [
      "/bin/sh", "-c",
      #"cd "$1" && ulimit -c unlimited && shift && SWIFT_BACKTRACE=enable=no exec "$@""#, "sh",
      workingDirectory,
    ] + drop + command
  }

  /// Starts `command` (see ``command(_:)``), its output in `log` in the folder.
  func launch(_ command: [String], log: String) async throws -> CrashableProcess {
    try CrashableProcess(self.command(command), log: path + "/" + log)
  }

  /// Waits until `pid` runs the program named `name` (the shell and `setpriv` exec into it).
  func waitForExec(of pid: pid_t, into name: String) async throws {
    for _ in 0..<100 {
      let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)
      if command?.trimmingCharacters(in: .whitespacesAndNewlines) == name { return }
      try await Task.sleep(for: .milliseconds(20))
    }
    throw ProcessInspection.Failure("process \(pid) never became \(name)")
  }

  /// Whether `pid` is dumpable, from the owner of `/proc/PID/status`; nil when it cannot be told
  /// (a process of root's own, whose directory is root's either way).
  func isDumpable(_ pid: pid_t) throws -> Bool? {
    let uid = try ProcessInspection.effectiveUser(pid)
    guard uid != 0 else { return nil }
    var info = stat()
    guard stat("/proc/\(pid)/status", &info) == 0 else {
      throw ProcessInspection.Failure("no /proc/\(pid)/status")
    }
    return info.st_uid == uid
  }

  /// The process's limit on core files is 0, soft and hard, and it is not dumpable, within
  /// `allowing` of being found.
  ///
  /// A child is found as soon as it is started, before its `main` has hardened it; a process
  /// that never hardens itself still fails once the time is up.
  func expectHardened(
    _ pid: pid_t, _ name: String, allowing time: Duration = .seconds(5)
  ) async throws {
    let deadline = ContinuousClock.now + time
    while ContinuousClock.now < deadline {
      if try ProcessInspection.coreLimit(pid) == ["0", "0"], try isDumpable(pid) == false {
        break
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(try ProcessInspection.coreLimit(pid) == ["0", "0"], "\(name)'s core file limit")
    let dumpable = try isDumpable(pid)
    #expect(dumpable != nil, "\(name) runs as root: whether it is dumpable cannot be seen")
    #expect(dumpable == false, "\(name) is dumpable")
  }

  /// Crashes `process` with SIGSEGV; the kernel dumps no core and no core file appears.
  func expectCrashLeavesNoCore(_ process: CrashableProcess, _ name: String) async throws {
    #expect(kill(process.pid, SIGSEGV) == 0)
    let end = try await process.waitForExit()
    #expect(end.signal == SIGSEGV, "\(name) ended with \(end)")
    #expect(!end.dumpedCore, "the kernel dumped \(name)'s core")
    expectNoCoreFile(name)
  }

  func expectNoCoreFile(_ name: String) {
    let found = newCoreFiles()
    #expect(found.isEmpty, "\(name) left a core file: \(found)")
  }

  /// What appeared where cores land since the scene was set up.
  func newCoreFiles() -> [String] {
    watched.flatMap { directory, before in
      newEntries(in: directory, before: before).map { directory + "/" + $0 }
    }
  }

  private func newEntries(in directory: String, before: Set<String>) -> [String] {
    let now = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return now.filter { !before.contains($0) }.sorted()
  }
}

/// What `/proc` says about another process.
enum ProcessInspection {
  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }

  /// The soft and hard "Max core file size" of `/proc/PID/limits`.
  static func coreLimit(_ pid: pid_t) throws -> [String] {
    let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
    guard let line = limits.split(separator: "\n").first(where: { $0.hasPrefix("Max core") })
    else { throw Failure("no core limit in /proc/\(pid)/limits:\n\(limits)") }
    let values = line.dropFirst("Max core file size".count).split(separator: " ")
    return values.prefix(2).map(String.init)
  }

  /// The effective user of `pid`, from `/proc/PID/status`.
  static func effectiveUser(_ pid: pid_t) throws -> uid_t {
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    let fields = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }?
      .split(whereSeparator: \.isWhitespace)
    guard let fields, fields.count > 2, let uid = uid_t(fields[2]) else {
      throw Failure("no Uid line in /proc/\(pid)/status")
    }
    return uid
  }
}

/// A process started with `posix_spawn` and waited for with `waitpid`, so that its wait
/// status, with the kernel's core-dumped bit, can be read; `Process` reaps its children
/// itself and keeps only the signal.
final class CrashableProcess: Sendable {
  /// How it ended.
  struct End: CustomStringConvertible {
    let status: Int32?
    let signal: Int32?
    let dumpedCore: Bool
    var description: String {
      signal.map { "signal \($0)\(dumpedCore ? " (core dumped)" : "")" }
        ?? "status \(status ?? -1)"
    }
  }

  let pid: pid_t
  let logPath: String

  init(_ command: [String], log logPath: String) throws {
    self.logPath = logPath
    guard FileManager.default.createFile(atPath: logPath, contents: nil) else {
      throw ProcessInspection.Failure("cannot make \(logPath)")
    }
    chmod(logPath, 0o666)
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, STDOUT_FILENO, logPath, O_WRONLY | O_APPEND, 0)
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
    // Default handling and no blocked signals, whatever the test runner set for itself.
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var everySignal = sigset_t()
    sigfillset(&everySignal)
    posix_spawnattr_setsigdefault(&attributes, &everySignal)

    let argv = command.map { strdup($0) } + [nil]
    let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
    let envp = environment + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
    guard spawned == 0 else {
      throw ProcessInspection.Failure("\(command[0]): \(String(cString: strerror(spawned)))")
    }
    self.pid = pid
  }

  deinit {
    // A test that failed before the crash leaves nothing running.
    var status: Int32 = 0
    if waitpid(pid, &status, WNOHANG) == 0 {
      kill(pid, SIGKILL)
      waitpid(pid, &status, 0)
    }
  }

  var log: String {
    (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
  }

  /// Waits until the log shows `text`.
  func waitForLog(_ text: String, timeout: Duration = .seconds(30)) async throws {
    let deadline = ContinuousClock.now + timeout
    while !log.contains(text) {
      guard ContinuousClock.now < deadline else {
        throw ProcessInspection.Failure("never printed “\(text)”:\n\(log)")
      }
      try await Task.sleep(for: .milliseconds(50))
    }
  }

  /// Waits for the process to end and reaps it.
  func waitForExit(timeout: Duration = .seconds(30)) async throws -> End {
    let deadline = ContinuousClock.now + timeout
    var status: Int32 = 0
    while true {
      let reaped = waitpid(pid, &status, WNOHANG)
      if reaped == pid { break }
      guard reaped == 0 || errno == EINTR, ContinuousClock.now < deadline else {
        throw ProcessInspection.Failure("process \(pid) did not end:\n\(log)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    let signal = status & 0x7f
    return signal == 0
      ? End(status: (status >> 8) & 0xff, signal: nil, dumpedCore: false)
      : End(status: nil, signal: signal, dumpedCore: status & 0x80 != 0)
  }
}

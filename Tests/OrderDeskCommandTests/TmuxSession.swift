import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program running in a detached tmux session of its own, driven by keys and read back
/// from the pane, as a person at a terminal would use it.
///
/// Each session has its own tmux server (its socket in a directory of its own), so tests never
/// touch a tmux the developer is using, nor each other. Call ``kill()`` when done (in a
/// `defer`): it stops the server, and with it the program.
final class TmuxSession: Sendable {
  /// What went wrong while driving tmux.
  enum Failure: Error, CustomStringConvertible {
    /// No `tmux` executable was found.
    case tmuxMissing(searched: [String])
    /// A tmux command exited with a failure.
    case commandFailed(arguments: [String], status: Int32, standardError: String)
    /// What was waited for did not appear on the screen in time.
    case timedOut(waitingFor: String, lastCapture: String)

    var description: String {
      switch self {
      case .tmuxMissing(let searched):
        return """
          tmux is not installed (looked in \(searched.joined(separator: ", "))). The desk's \
          end-to-end tests drive the real binary in tmux; install it (Debian: apt-get install \
          tmux; scripts/test does this) and run them again.
          """
      case .commandFailed(let arguments, let status, let standardError):
        return
          "tmux \(arguments.joined(separator: " ")) exited with \(status): \(standardError)"
      case .timedOut(let waitingFor, let lastCapture):
        return """
          timed out waiting for \(waitingFor); the pane showed:
          \(lastCapture)
          """
      }
    }
  }

  /// The executable, found on `PATH` or in the usual places.
  let executable: URL
  /// The directory holding this session's own tmux server socket.
  let directory: String
  /// The server's socket (`tmux -S`).
  var socketPath: String { directory + "/tmux.sock" }
  /// The session's name on that server.
  let sessionName = "desk"

  /// Starts a tmux server with one `columns`×`rows` window running `command` (executed
  /// directly, not through a shell).
  ///
  /// When the command ends, the pane shows `EXITED <status>` and stays open, so the exit
  /// status and what the program left on the screen can still be read.
  init(command: [String], columns: Int = 80, rows: Int = 24) throws {
    executable = try Self.findTmux()
    directory =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-tmux-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    // The program runs under `sh` so the pane outlives it, with its exit status shown.
    let wrapper = ["/bin/sh", "-c", #""$@"; echo "EXITED $?"; exec sleep 300"#, "sh"]
    do {
      try run(
        [
          "-f", "/dev/null", "new-session", "-d", "-s", sessionName, "-x", "\(columns)",
          "-y", "\(rows)", "--",
        ] + wrapper + command)
      // A detached session keeps the size it is given until told otherwise.
      try run(["set-option", "-g", "window-size", "manual"])
    } catch {
      kill()
      throw error
    }
  }

  /// Stops this session's tmux server and the program in it.
  ///
  /// Safe to call more than once.
  func kill() {
    _ = try? run(["kill-server"])
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Sends tmux key names (`Enter`, `Tab`, `C-c`, `F2`, `Escape`…), one key each.
  func press(_ keys: String...) throws {
    try run(["send-keys", "-t", sessionName] + keys)
  }

  /// Types `text` literally, character by character.
  func type(_ text: String) throws {
    try run(["send-keys", "-t", sessionName, "-l", text])
  }

  /// Makes the window `columns`×`rows`, as a person dragging its corner would.
  func resize(columns: Int, rows: Int) throws {
    try run(["resize-window", "-t", sessionName, "-x", "\(columns)", "-y", "\(rows)"])
  }

  /// The pane's text: the visible screen, or with `scrollback` everything tmux kept of it;
  /// with `escapes`, the colour and attribute sequences too.
  func capture(scrollback: Bool = false, escapes: Bool = false) throws -> String {
    var arguments = ["capture-pane", "-p", "-t", sessionName]
    if scrollback { arguments += ["-S", "-", "-E", "-"] }
    if escapes { arguments.append("-e") }
    return try run(arguments)
  }

  /// A tmux format read for the pane, such as `#{pane_tty}` or `#{alternate_on}`.
  func paneValue(_ format: String) throws -> String {
    try run(["display-message", "-p", "-t", sessionName, format])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The process of the program the session runs: the pane's shell's child.
  func programProcess() throws -> pid_t? {
    let shell = try paneValue("#{pane_pid}")
    let children = try? String(
      contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
    return children?.split(separator: " ").first.flatMap { pid_t($0) }
  }

  /// The pane's terminal modes as the program in it left them: whether lines are edited
  /// (`ICANON`) and typing is echoed (`ECHO`), as they are at a shell prompt.
  func terminalModes() throws -> (lineEditing: Bool, echo: Bool) {
    let tty = try paneValue("#{pane_tty}")
    let descriptor = open(tty, O_RDONLY | O_NOCTTY)
    guard descriptor >= 0 else { throw POSIXError(.ENOENT) }
    defer { close(descriptor) }
    var modes = termios()
    guard tcgetattr(descriptor, &modes) == 0 else { throw POSIXError(.ENOTTY) }
    return (modes.c_lflag & tcflag_t(ICANON) != 0, modes.c_lflag & tcflag_t(ECHO) != 0)
  }

  /// The alternate screen's text, when the program in the pane has one open (else empty).
  func captureAlternateScreen() throws -> String {
    try run(["capture-pane", "-p", "-a", "-q", "-t", sessionName])
  }

  /// Waits until the screen shows `text` (checking every 100 ms, for at most `timeout`) and
  /// returns the screen; throws with the last screen seen when it never does.
  @discardableResult
  func waitFor(_ text: String, timeout: Duration = .seconds(20)) async throws -> String {
    try await waitUntil("“\(text)”", timeout: timeout) { $0.contains(text) }
  }

  /// Waits until the screen satisfies `condition`, checking every 100 ms for at most
  /// `timeout`, and returns that screen; throws with the last screen seen when it never does.
  @discardableResult
  func waitUntil(
    _ description: String, timeout: Duration = .seconds(20),
    _ condition: (String) -> Bool
  ) async throws -> String {
    let deadline = ContinuousClock.now + timeout
    var screen = ""
    while true {
      screen = try capture()
      if condition(screen) { return screen }
      if ContinuousClock.now >= deadline { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw Failure.timedOut(waitingFor: description, lastCapture: screen)
  }

  /// Runs one tmux command on this session's server and returns what it printed.
  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    let fullArguments = ["-u", "-S", socketPath] + arguments
    let output = try TemporaryFile()
    let errors = try TemporaryFile()
    defer {
      output.remove()
      errors.remove()
    }
    let status = try Self.spawnAndWait(
      executable.path, fullArguments, environment: Self.environment,
      standardOutput: output.handle.fileDescriptor, standardError: errors.handle.fileDescriptor)
    guard status == 0 else {
      throw Failure.commandFailed(
        arguments: arguments, status: status, standardError: errors.contents())
    }
    return output.contents()
  }

  /// Runs `path` and waits for it; returns its exit status (or 128 + the signal that ended it).
  ///
  /// Not `Process`: the tmux server that `new-session` forks would inherit the socket
  /// Foundation watches to see its child end (so the wait would last as long as the server),
  /// and the signal mask of the thread that started it, with SIGTERM blocked (so
  /// `kill-server` would not stop it). Here the child gets only standard input, output and
  /// error, no blocked signals and default signal handling.
  private static func spawnAndWait(
    _ path: String, _ arguments: [String], environment: [String: String],
    standardOutput: Int32, standardError: Int32
  ) throws -> Int32 {
    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t? = nil
      var attributes: posix_spawnattr_t? = nil
    #else
      var actions = posix_spawn_file_actions_t()
      var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }

    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, standardOutput, STDOUT_FILENO)
    posix_spawn_file_actions_adddup2(&actions, standardError, STDERR_FILENO)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    #if canImport(Darwin)
      flags |= POSIX_SPAWN_CLOEXEC_DEFAULT
    #else
      for descriptor in openDescriptors() where descriptor > STDERR_FILENO {
        posix_spawn_file_actions_addclose(&actions, descriptor)
      }
    #endif
    posix_spawnattr_setflags(&attributes, Int16(flags))
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var everySignal = sigset_t()
    sigfillset(&everySignal)
    posix_spawnattr_setsigdefault(&attributes, &everySignal)

    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard spawned == 0 else {
      throw Failure.commandFailed(
        arguments: arguments, status: -1, standardError: String(cString: strerror(spawned)))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 {
      guard errno == EINTR else {
        throw Failure.commandFailed(
          arguments: arguments, status: -1, standardError: String(cString: strerror(errno)))
      }
    }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }

  #if !canImport(Darwin)
    /// The file descriptors open in this process, from `/proc/self/fd`.
    private static func openDescriptors() -> [Int32] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
      return names.compactMap { Int32($0) }
    }
  #endif

  /// The environment tmux (and so the program in the pane) starts with: a UTF-8 locale, and
  /// nothing from an enclosing tmux or the developer's theme choice.
  private static var environment: [String: String] {
    let inherited = ProcessInfo.processInfo.environment
    var environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
    for name in ["PATH", "HOME", "USER", "TMPDIR"] {
      if let value = inherited[name] { environment[name] = value }
    }
    environment["PATH"] = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return environment
  }

  /// Every place `tmux` is looked for: `PATH`, then where package managers put it.
  private static var searchPath: [String] {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map(String.init)
      + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
  }

  private static func findTmux() throws -> URL {
    let directories = searchPath
    for directory in directories {
      let candidate = URL(fileURLWithPath: directory).appendingPathComponent("tmux")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw Failure.tmuxMissing(searched: directories)
  }
}

/// A file in the temporary directory, open for writing, that a child process can print to.
private struct TemporaryFile {
  let path: String
  let handle: FileHandle

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-tmux-output-\(UUID().uuidString)").path
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown)
    }
    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  }

  func contents() -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  func remove() {
    try? handle.close()
    try? FileManager.default.removeItem(atPath: path)
  }
}

import CNCurses
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Gives the terminal back when a fatal signal ends the desk while it holds the terminal,
/// from its first frame on (``Terminal/draw(_:)`` installs it then, so that the first frame
/// does not wait for it).
///
/// ncurses restores the terminal in `endwin`, which a crash never reaches: the person's shell
/// would be left on the alternate screen in raw mode, typing unechoed. A signal handler may
/// only make system calls and read memory, so everything it needs is made in advance: the
/// terminal's modes from before, the bytes that leave full-screen mode, the standard error
/// held meanwhile (``HeldStandardError``), and the handlers it replaces, which it puts back
/// before the signal goes on to end the process as it would have.
enum CrashRestore {
  /// The signals that end a process on a fault or an abort.
  static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT]

  /// Takes effect from now until ``remove()``; `modes` are the terminal's before ncurses
  /// changed them, `leave` what ncurses would send to leave full-screen mode, `held` the
  /// standard error held meanwhile, which is written out after leaving.
  static func install(modes: termios, leave: [UInt8], held: HeldStandardError?) {
    let note = Array(
      "\r\norderdesk stopped on a fatal error; the terminal is back as it was.\r\n".utf8)
    let leaveBytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: leave.count)
    _ = leaveBytes.initialize(from: leave)
    let noteBytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: note.count)
    _ = noteBytes.initialize(from: note)
    let signals = UnsafeMutableBufferPointer<Int32>.allocate(capacity: fatalSignals.count)
    _ = signals.initialize(from: fatalSignals)
    let previous = UnsafeMutableBufferPointer<sighandler_t?>.allocate(capacity: signals.count)
    previous.initialize(repeating: nil)
    let saved = UnsafeMutablePointer<SavedTerminal>.allocate(capacity: 1)
    saved.initialize(
      to: SavedTerminal(
        modes: modes, leave: leaveBytes, note: noteBytes, held: held, signals: signals,
        previous: previous))
    remove()
    savedTerminal.store(Int(bitPattern: saved), ordering: .sequentiallyConsistent)
    for index in signals.indices {
      previous[index] = signal(signals[index]) { number in restoreTerminal(after: number) }
    }
  }

  /// Puts back the handlers ``install(modes:leave:)`` replaced, once the terminal is given
  /// back in the ordinary way.
  static func remove() {
    let address = savedTerminal.exchange(0, ordering: .sequentiallyConsistent)
    guard let saved = UnsafeMutablePointer<SavedTerminal>(bitPattern: address) else { return }
    saved.pointee.restoreHandlers()
    saved.pointee.leave.deallocate()
    saved.pointee.note.deallocate()
    saved.pointee.signals.deallocate()
    saved.pointee.previous.deallocate()
    saved.deinitialize(count: 1)
    saved.deallocate()
  }

  /// What ncurses sends to leave full-screen mode on this terminal: ordinary attributes, the
  /// cursor shown, the keypad in its normal mode, and the screen as it was before (`sgr0`,
  /// `cnorm`, `rmkx`, `rmcup`), each one the terminal has.
  static func leaveSequence() -> [UInt8] {
    var bytes: [UInt8] = []
    for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
      guard let text = tigetstr(capability), Int(bitPattern: text) != -1 else { continue }
      bytes += Array(String(cString: text).utf8)
    }
    return bytes
  }
}

/// What the fatal-signal handler uses, made before it is installed.
private struct SavedTerminal {
  var modes: termios
  var leave: UnsafeMutableBufferPointer<UInt8>
  var note: UnsafeMutableBufferPointer<UInt8>
  var held: HeldStandardError?
  var signals: UnsafeMutableBufferPointer<Int32>
  var previous: UnsafeMutableBufferPointer<sighandler_t?>

  func restoreHandlers() {
    for index in signals.indices { _ = signal(signals[index], previous[index]) }
  }
}

/// The address of the ``SavedTerminal`` while the desk holds the terminal, else 0; the
/// handler takes it, so it acts once.
private let savedTerminal = Atomic<Int>(0)

/// The fatal-signal handler: the terminal's modes back, full-screen mode left, what was
/// written to standard error meanwhile (a `fatalError`'s message among it), a line saying
/// what happened, the earlier handlers back; then the signal again, which once this handler
/// returns ends the process the way it would have ended without the desk.
private func restoreTerminal(after number: Int32) {
  let address = savedTerminal.exchange(0, ordering: .sequentiallyConsistent)
  if let saved = UnsafeMutablePointer<SavedTerminal>(bitPattern: address) {
    var modes = saved.pointee.modes
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &modes)
    _ = write(STDOUT_FILENO, saved.pointee.leave.baseAddress, saved.pointee.leave.count)
    saved.pointee.held?.release()
    _ = write(STDOUT_FILENO, saved.pointee.note.baseAddress, saved.pointee.note.count)
    saved.pointee.restoreHandlers()
  } else {
    _ = signal(number, SIG_DFL)
  }
  _ = raise(number)
}

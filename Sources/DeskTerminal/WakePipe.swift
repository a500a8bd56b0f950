import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Wakes a ``Terminal`` blocked in ``Terminal/readInput(timeout:)`` from any thread.
///
/// The desk's runtime hands one to the tasks that finish work (a receipt, a lock probe), so the
/// key loop on the terminal's thread returns `.none` at once and picks their results up.
public struct TerminalWaker: Sendable {
  let pipe: WakePipe

  /// Makes the terminal's pending or next read return `.none` promptly; safe from any thread.
  ///
  /// Several wakes before the reader runs collapse into one.
  public func wake() {
    pipe.post(WakePipe.wakeByte)
  }
}

/// The process's self-pipe: its read end is polled together with the terminal's input.
///
/// Other threads write ``wakeByte``; the SIGWINCH handler writes ``resizeByte``, so a resize is
/// seen at once whichever thread the signal lands on. Both ends are non-blocking; the pipe
/// lives as long as the process, so no waker or late signal can write to a closed descriptor.
final class WakePipe: Sendable {
  static let wakeByte: UInt8 = 0x57  // "W"
  static let resizeByte: UInt8 = 0x52  // "R"

  /// The one pipe, made on first use; `nil` when the process is out of descriptors.
  static let shared: WakePipe? = WakePipe()

  let readFD: Int32
  let writeFD: Int32

  private init?() {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return nil }
    for end in ends {
      _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
    }
    readFD = ends[0]
    writeFD = ends[1]
  }

  /// Writes one byte; a full pipe already holds a wake, so that failure needs nothing.
  func post(_ byte: UInt8) {
    var value = byte
    _ = write(writeFD, &value, 1)
  }

  /// Empties the pipe and says what was in it.
  func drain() -> (woken: Bool, resized: Bool) {
    var woken = false
    var resized = false
    var buffer = [UInt8](repeating: 0, count: 64)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
      guard count > 0 else { break }
      for byte in buffer.prefix(count) {
        if byte == Self.resizeByte { resized = true } else { woken = true }
      }
    }
    return (woken, resized)
  }
}

/// The write end the SIGWINCH handler uses; -1 while no terminal is open.
///
/// A signal handler may only touch lock-free state, so the descriptor is kept in an atomic that
/// is set before the handler is installed.
private let resizeSignalFD = Atomic<Int32>(-1)

/// Routes SIGWINCH into the wake pipe, replacing ncurses' own handler, and returns the handler
/// it replaced.
func installResizeSignal(writingTo pipe: WakePipe) -> sighandler_t? {
  resizeSignalFD.store(pipe.writeFD, ordering: .sequentiallyConsistent)
  return signal(SIGWINCH) { _ in
    let fd = resizeSignalFD.load(ordering: .relaxed)
    guard fd >= 0 else { return }
    let saved = errno
    var byte: UInt8 = 0x52  // WakePipe.resizeByte, as a literal: no lazy global in a handler
    _ = write(fd, &byte, 1)
    errno = saved
  }
}

/// Puts back the SIGWINCH handler that ``installResizeSignal(writingTo:)`` replaced.
func restoreResizeSignal(_ previous: sighandler_t?) {
  _ = signal(SIGWINCH, previous)
  resizeSignalFD.store(-1, ordering: .sequentiallyConsistent)
}

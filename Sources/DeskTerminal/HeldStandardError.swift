#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard error while the desk holds the terminal: kept in an unlinked temporary file
/// instead of written over the screen, and written out once the terminal is given back.
///
/// A warning from a library, or the message of a `fatalError` (which the runtime writes just
/// before it traps), would otherwise land on the desk's screen, break its picture until the
/// next full repaint, and vanish with the alternate screen when the desk ends. Held, it
/// appears on the ordinary screen after the desk: when the desk quits, or when
/// ``CrashRestore`` gives the terminal back after a crash. ``release()`` makes only system
/// calls, into a buffer made in advance, so a signal handler may call it.
struct HeldStandardError {
  /// The real standard error, duplicated.
  let original: Int32
  /// The unlinked file standard error writes to while held.
  let file: Int32
  /// Where ``release()`` copies the file through.
  let buffer: UnsafeMutableRawBufferPointer

  /// Starts holding standard error when it is a terminal; `nil` when it is not (a file or a
  /// pipe keeps what is written to it anyway) or when no temporary file can be made.
  static func start() -> HeldStandardError? {
    guard isatty(STDERR_FILENO) == 1 else { return nil }
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array("\(directory)/orderdesk-stderr-XXXXXX".utf8CString)
    let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard file >= 0 else { return nil }
    _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
    let original = dup(STDERR_FILENO)
    guard original >= 0, dup2(file, STDERR_FILENO) >= 0 else {
      if original >= 0 { _ = close(original) }
      _ = close(file)
      return nil
    }
    // Neither is for the programs the desk might start.
    _ = fcntl(original, F_SETFD, FD_CLOEXEC)
    _ = fcntl(file, F_SETFD, FD_CLOEXEC)
    return HeldStandardError(
      original: original, file: file,
      buffer: .allocate(byteCount: 4_096, alignment: 1))
  }

  /// Puts standard error back and writes to it what was held.
  ///
  /// Only system calls, so a signal handler may call it. Call it once.
  func release() {
    _ = dup2(original, STDERR_FILENO)
    guard lseek(file, 0, SEEK_SET) == 0 else { return }
    while true {
      let count = read(file, buffer.baseAddress, buffer.count)
      guard count > 0 else { break }
      var written = 0
      while written < count {
        let result = write(STDERR_FILENO, buffer.baseAddress! + written, count - written)
        guard result > 0 else { return }
        written += result
      }
    }
  }

  /// Closes the file and the duplicate, after ``release()``; not for a signal handler.
  func discard() {
    _ = close(file)
    _ = close(original)
    buffer.deallocate()
  }
}

import CNCurses
import DeskRuntime
import DeskUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Terminal {
  /// Waits for a key, a resize, a wake-up or the timeout, whichever comes first.
  ///
  /// `timeout` `nil` waits as long as it takes; `.zero` only takes what is already there.
  /// Keys ncurses reports but the desk does not use are skipped, not returned.
  public func readInput(timeout: Duration?) -> TerminalInput {
    guard isOpen else { return .hangup }
    let deadline = timeout.map { ContinuousClock.now.advanced(by: $0) }
    var idleReadable = 0
    while true {
      // ncurses may hold keys it has read already, so ask it before waiting on the descriptor.
      switch nextKey() {
      case .key(let key): return .key(key)
      case .resize: return resized()
      case .ignored: continue
      case nil: break
      }
      let wait = deadline.map { Self.milliseconds(until: $0) } ?? -1
      var fds = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wakePipe.readFD, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, 2, wait)
      if ready < 0 {
        if errno == EINTR { continue }
        return .hangup
      }
      if fds[1].revents != 0 {
        let (woken, resize) = wakePipe.drain()
        if resize { return resized() }
        if woken { return .none }
      }
      let input = fds[0].revents
      if input & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
        // Keys that arrived before the hang-up still count.
        switch nextKey() {
        case .key(let key): return .key(key)
        case .resize: return resized()
        case .ignored, nil: return .hangup
        }
      }
      if input & Int16(POLLIN) != 0 {
        // Readable yet nothing decoded, over and over, is an input at end of file.
        idleReadable += 1
        if idleReadable > 64 { return .hangup }
      }
      // Out of time: give up, though input that just became readable gets one more look.
      if ready == 0 || (wait == 0 && idleReadable != 1) { return .none }
    }
  }

  /// The next key ncurses can give without waiting, or `nil` when there is none.
  private func nextKey() -> DecodedKey? {
    var code: wint_t = 0
    let status = wget_wch(window, &code)
    if status == KEY_CODE_YES { return KeyDecoder.decode(.keyCode(Int32(code))) }
    guard status == OK else { return nil }
    let decoded = KeyDecoder.decode(.character(UInt32(code)))
    guard case .key(.character(var character)) = decoded else { return decoded }
    // Combining marks that follow (a decomposed "é") belong to the same character.
    while true {
      var next: wint_t = 0
      let nextStatus = wget_wch(window, &next)
      if nextStatus == OK, let scalar = Unicode.Scalar(UInt32(next)),
        KeyDecoder.extends(character, with: scalar)
      {
        var text = String(character)
        text.unicodeScalars.append(scalar)
        character = Character(text)
        continue
      }
      if nextStatus == OK {
        _ = unget_wch(wchar_t(next))
      } else if nextStatus == KEY_CODE_YES {
        _ = ungetch(Int32(next))
      }
      return .key(.character(character))
    }
  }

  /// Takes the new size from the terminal, tells ncurses, and marks the screen for a repaint.
  private func resized() -> TerminalInput {
    var window = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0,
      window.ws_col > 0
    {
      _ = resize_term(Int32(window.ws_row), Int32(window.ws_col))
    }
    needsClear = true
    shown = nil
    let (rows, columns) = size
    return .resize(rows: rows, columns: columns)
  }

  /// Milliseconds from now to `deadline`, rounded up, 0 when it has passed.
  static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
    let left = ContinuousClock.now.duration(to: deadline)
    guard left > .zero else { return 0 }
    let (seconds, attoseconds) = left.components
    // Past Int32.max ms (24 days) poll's argument is clamped anyway; stop before overflowing.
    let whole = min(seconds, Int64(Int32.max) / 1000 + 1) * 1000
    let millis = whole + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(clamping: millis)
  }
}

import DeskUI

/// How long the desk has gone without a key, for the idle lock of a staff desk.
///
/// Only keys count: an answer from the service or a resize is not someone at the keyboard.
/// Once the time is up the watch starts again, so a desk left alone hears of it once per
/// `after`, not on every read.
struct IdleWatch {
  let after: Duration
  /// The time now: the continuous clock's, or a test's.
  private let now: @Sendable () -> ContinuousClock.Instant
  private var lastKey: ContinuousClock.Instant

  init(after: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant) {
    self.after = after
    self.now = now
    lastKey = now()
  }

  /// How long the next read may wait: until the idle time is up, or for ever when nothing
  /// watches.
  func timeout(watching: Bool) -> Duration? {
    guard watching else { return nil }
    return max(.zero, after - (now() - lastKey))
  }

  mutating func heard(_ input: TerminalInput) {
    if case .key = input { lastKey = now() }
  }

  /// Whether the idle time is up for a desk that watches; the watch then starts again.
  mutating func isDue(watching: Bool) -> Bool {
    guard watching, now() - lastKey >= after else { return false }
    lastKey = now()
    return true
  }
}

extension DeskRuntime {
  /// Reads the terminal into `session` until the desk ends, telling it when no key came for
  /// the idle-lock time.
  func readKeys<Terminal: TerminalIO>(
    into session: DeskSession<Terminal>, from terminal: Terminal
  ) {
    var idle = IdleWatch(after: idleLock, now: idleClock)
    while true {
      let first = terminal.readInput(timeout: idle.timeout(watching: session.state.watchesIdleness))
      let batch = Self.readBatch(after: first, from: terminal)
      for input in batch { idle.heard(input) }
      if idle.isDue(watching: session.state.watchesIdleness) { session.inbox.post(.idle) }
      guard session.take(batch) else { return }
    }
  }
}

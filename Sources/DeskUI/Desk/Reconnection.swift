/// When the desk looks at the channel again while the service does not answer.
///
/// Each probe that finds the service away waits twice as long as the one before, from
/// ``ReconnectPolicy/first`` up to ``ReconnectPolicy/cap``, with jitter, so that desks left
/// pointed at a broken server neither hammer it nor wake up in step. An answer resets the
/// wait. At most one probe timer is ever pending: each carries a generation, and a timer of
/// an older generation does nothing.
public struct Reconnection: Sendable, Hashable {
  /// Where the probing stands.
  public enum Phase: Sendable, Hashable {
    /// The service answered last; nothing is scheduled.
    case up
    /// Probes are on their way; the last one to answer decides what comes next.
    case probing(inFlight: Int)
    /// A probe is due when the timer of this generation fires.
    case waiting(generation: Int, after: Duration)
  }

  public let policy: ReconnectPolicy
  public private(set) var phase: Phase = .up
  /// Probes in a row that found the service away.
  public private(set) var failures = 0
  /// The generation of the newest probe timer; older ones do nothing.
  public private(set) var generation = 0
  private var jitter: SplitMix64

  public init(policy: ReconnectPolicy = .standard, seed: UInt64) {
    self.policy = policy
    jitter = SplitMix64(seed: seed)
  }

  /// A probe is being started: the desk counts every `probeChannel` it asks for.
  mutating func probeStarted() {
    if case .probing(let inFlight) = phase {
      phase = .probing(inFlight: inFlight + 1)
    } else {
      phase = .probing(inFlight: 1)
    }
  }

  /// A probe answered; returns the timer to start, if the service is still away and no other
  /// probe is on its way.
  mutating func probeAnswered(serviceAnswered: Bool) -> (DeskTimer, Duration)? {
    var stillInFlight = 0
    if case .probing(let inFlight) = phase { stillInFlight = inFlight - 1 }
    if serviceAnswered {
      failures = 0
      phase = stillInFlight > 0 ? .probing(inFlight: stillInFlight) : .up
      return nil
    }
    guard stillInFlight <= 0 else {
      phase = .probing(inFlight: stillInFlight)
      return nil
    }
    return scheduleNext()
  }

  /// The channel's security changed; returns the timer to start when the service went away
  /// while nothing was probing or waiting (a request failed, not a probe).
  mutating func securityChanged(serviceAnswers: Bool) -> (DeskTimer, Duration)? {
    if serviceAnswers {
      failures = 0
      if case .waiting = phase {
        // The pending timer is made stale: the service is back.
        generation += 1
        phase = .up
      }
      return nil
    }
    guard case .up = phase else { return nil }
    return scheduleNext()
  }

  /// Whether the probe timer of generation `fired` is the pending one, whose probe is due.
  func isDue(generation fired: Int) -> Bool {
    guard case .waiting(let pending, _) = phase else { return false }
    return pending == fired
  }

  private mutating func scheduleNext() -> (DeskTimer, Duration) {
    failures += 1
    generation += 1
    let delay = policy.delay(afterFailures: failures, unit: jitter.nextUnit())
    phase = .waiting(generation: generation, after: delay)
    return (.probeAgain(generation: generation), delay)
  }
}

/// How long to wait before probing again: exponential from ``first``, at most ``cap``.
public struct ReconnectPolicy: Sendable, Hashable {
  public var first: Duration
  public var cap: Duration
  /// The share of each wait that is random: 0.5 waits between half the wait and all of it.
  public var jitter: Double

  /// 1 s, 2 s, 4 s … up to 30 s, each between half and all of that.
  public static let standard = ReconnectPolicy(first: .seconds(1), cap: .seconds(30), jitter: 0.5)

  public init(first: Duration, cap: Duration, jitter: Double) {
    self.first = first
    self.cap = max(first, cap)
    self.jitter = min(max(jitter, 0), 1)
  }

  /// The wait after `failures` probes in a row found the service away, for a random `unit`
  /// in 0..<1.
  public func delay(afterFailures failures: Int, unit: Double) -> Duration {
    let doublings = min(max(failures - 1, 0), 30)
    var full = first
    for _ in 0..<doublings where full < cap { full = full * 2 }
    full = min(full, cap)
    return full * (1 - jitter * unit)
  }
}

/// A small, fast, seeded generator: the jitter must be random across desks but the state
/// must stay a value that tests can replay.
struct SplitMix64: Sendable, Hashable {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in 0..<1.
  mutating func nextUnit() -> Double {
    Double(next() >> 11) / Double(1 << 53)
  }
}

import DeskUI
import Dispatch
import Synchronization

/// A terminal in memory: keys are handed in with ``send(_:)``, frames are kept as grids.
///
/// The desk runs on it exactly as on ncurses, which makes it the terminal of the runtime's
/// tests and of benchmarks that must not depend on a real terminal.
public final class HeadlessTerminal: TerminalIO, Sendable {
  private struct State {
    var inputs: [TerminalInput] = []
    var woken = false
    var closed = false
    var rows: Int
    var columns: Int
    var lastFrame: Grid?
    var frameCount = 0
  }

  public let supportsUnicode: Bool
  private let state: Mutex<State>
  /// Signalled whenever an input or a wake-up arrives.
  private let inputSignal = DispatchSemaphore(value: 0)

  public init(rows: Int = 24, columns: Int = 80, supportsUnicode: Bool = true) {
    self.supportsUnicode = supportsUnicode
    state = Mutex(State(rows: rows, columns: columns))
  }

  public var size: (rows: Int, columns: Int) {
    state.withLock { ($0.rows, $0.columns) }
  }

  public var waker: HeadlessWaker { HeadlessWaker(terminal: self) }

  /// Hands the desk a key or a resize, as a person at a terminal would; from any thread.
  public func send(_ input: TerminalInput) {
    state.withLock { state in
      if case .resize(let rows, let columns) = input {
        state.rows = rows
        state.columns = columns
      }
      state.inputs.append(input)
    }
    inputSignal.signal()
  }

  /// Types `keys` in one burst: they arrive together, as keys typed ahead or pasted do.
  public func type(_ keys: [Key]) {
    state.withLock { $0.inputs += keys.map { .key($0) } }
    inputSignal.signal()
  }

  /// Ends the terminal: the desk's next read is a hang-up.
  public func hangUp() {
    state.withLock { $0.closed = true }
    inputSignal.signal()
  }

  public func readInput(timeout: Duration?) -> TerminalInput {
    let deadline = timeout.map { DispatchTime.now() + .nanoseconds(Int($0.nanoseconds)) }
    while true {
      let next = state.withLock { state -> TerminalInput? in
        if !state.inputs.isEmpty { return state.inputs.removeFirst() }
        if state.woken {
          state.woken = false
          return TerminalInput.none
        }
        if state.closed { return TerminalInput.hangup }
        return nil
      }
      if let next { return next }
      if let deadline {
        if inputSignal.wait(timeout: deadline) == .timedOut { return TerminalInput.none }
      } else {
        inputSignal.wait()
      }
    }
  }

  public func draw(_ grid: Grid) {
    state.withLock { state in
      state.lastFrame = grid
      state.frameCount += 1
    }
  }

  /// The last frame drawn, if any.
  public var lastFrame: Grid? { state.withLock { $0.lastFrame } }

  /// How many frames have been drawn.
  public var frameCount: Int { state.withLock { $0.frameCount } }

  /// Waits until the last frame drawn satisfies `condition`, or `timeout` passes; returns
  /// the frame, or `nil` if none did in time.
  ///
  /// It polls rather than blocks, so that waiting never holds a thread the desk's own tasks
  /// need.
  public func frame(
    within timeout: Duration = .seconds(30), where condition: (Grid) -> Bool
  ) async -> Grid? {
    let deadline = ContinuousClock.now + timeout
    while true {
      if let frame = lastFrame, condition(frame) { return frame }
      guard ContinuousClock.now < deadline else { return nil }
      try? await Task.sleep(for: .milliseconds(5))
    }
  }

  fileprivate func wake() {
    state.withLock { $0.woken = true }
    inputSignal.signal()
  }
}

/// Wakes a ``HeadlessTerminal``'s reader.
public struct HeadlessWaker: TerminalWaking {
  let terminal: HeadlessTerminal

  public func wake() { terminal.wake() }
}

extension Duration {
  /// The whole duration in nanoseconds, saturating.
  fileprivate var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    return overflow ? .max : product + attoseconds / 1_000_000_000
  }
}

import DeskUI

/// The desk's port to a terminal: keys and sizes in, grids out.
///
/// `DeskTerminal` implements it with ncurses; ``HeadlessTerminal`` implements it in memory,
/// for tests and benchmarks. Every call but ``waker``'s `wake()` comes from the one thread
/// that runs the desk.
public protocol TerminalIO: AnyObject {
  /// Rows and columns now.
  var size: (rows: Int, columns: Int) { get }
  /// Whether the terminal shows Unicode; if not, the desk draws with ASCII glyphs.
  var supportsUnicode: Bool { get }
  associatedtype Waker: TerminalWaking
  /// Wakes a ``readInput(timeout:)`` in progress, from any thread.
  var waker: Waker { get }
  /// Waits for a key, a resize, a wake-up or the timeout, whichever comes first.
  func readInput(timeout: Duration?) -> TerminalInput
  /// Shows `grid`, changing only what differs from the last one shown.
  func draw(_ grid: Grid)
}

/// Makes a terminal's pending or next read return `.none` promptly; safe from any thread.
public protocol TerminalWaking: Sendable {
  func wake()
}

/// What one read from the terminal produced.
public enum TerminalInput: Hashable, Sendable {
  /// A key, decoded into what the desk understands.
  case key(Key)
  /// The terminal changed size; the next draw repaints everything.
  case resize(rows: Int, columns: Int)
  /// Nothing from the terminal: the timeout passed, or the waker woke the reader.
  case none
  /// The terminal went away (its input closed or hung up); nothing more will come.
  case hangup
}

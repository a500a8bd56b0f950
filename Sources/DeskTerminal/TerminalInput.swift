import DeskUI

/// What one read from the terminal produced.
public enum TerminalInput: Hashable, Sendable {
  /// A key, decoded into what the desk understands.
  case key(Key)
  /// The terminal changed size; the next ``Terminal/draw(_:)`` repaints everything.
  case resize(rows: Int, columns: Int)
  /// Nothing from the terminal: the timeout passed, or a ``TerminalWaker`` woke the reader.
  case none
  /// The terminal went away (its input closed or hung up); nothing more will come.
  case hangup
}

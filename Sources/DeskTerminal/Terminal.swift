import CNCurses

/// The real terminal, through ncursesw: puts text on the screen and reads keys.
///
/// Only this type talks to ncurses. It is the edge; everything it draws is decided elsewhere.
public final class Terminal {
  /// Whether the locale can show UTF-8 (box drawing, the lock glyphs) or needs ASCII.
  public let supportsUnicode: Bool
  private var isOpen = false

  /// Takes over the terminal: full screen, no echo, keys one at a time, special keys decoded.
  public init() {
    od_setlocale_from_environment()
    supportsUnicode = od_locale_is_utf8() != 0
    initscr()
    raw()
    noecho()
    nonl()
    keypad(od_stdscr(), true)
    // Wake up every 100 ms even without a key: ncurses reports a resize (SIGWINCH) only from
    // inside get_wch, and the signal may reach another thread than the one reading keys.
    wtimeout(od_stdscr(), 100)
    curs_set(0)
    isOpen = true
  }

  deinit { close() }

  /// Gives the terminal back as it was.
  public func close() {
    guard isOpen else { return }
    endwin()
    isOpen = false
  }

  /// The screen size in cells.
  public var size: (rows: Int, columns: Int) {
    (Int(od_lines()), Int(od_cols()))
  }

  /// Replaces the screen with `lines`, one string per row, clipped to the screen.
  ///
  /// ncurses compares with what is shown and sends only the cells that changed.
  public func show(_ lines: [String], emphasised: Set<Int> = []) {
    let (rows, _) = size
    erase()
    for (row, text) in lines.prefix(rows).enumerated() {
      if emphasised.contains(row) { attron(Int32(bitPattern: od_a_reverse())) }
      _ = od_mvaddstr(Int32(row), 0, text)
      if emphasised.contains(row) { attroff(Int32(bitPattern: od_a_reverse())) }
    }
    refresh()
  }

  /// Waits up to 100 ms for the next key; `.none` when there was none.
  public func readKey() -> Key {
    var character: wint_t = 0
    let result = get_wch(&character)
    if result == od_key_code_yes() {
      return Int32(character) == od_key_resize() ? .resize : .special(Int32(character))
    }
    if result == ERR { return .none }
    guard let scalar = Unicode.Scalar(UInt32(character)) else { return .none }
    return .character(Character(scalar))
  }
}

/// A key as the terminal reported it.
public enum Key: Equatable, Sendable {
  case character(Character)
  case special(Int32)
  case resize
  case none
}

extension Terminal {
  /// ncurses' code for the down arrow.
  public static let keyDown = Int32(KEY_DOWN)
  /// ncurses' code for the up arrow.
  public static let keyUp = Int32(KEY_UP)
}

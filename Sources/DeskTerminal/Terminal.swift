import CNCurses
import DeskRuntime
import DeskTheme
import DeskUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the terminal could not be taken over.
public enum TerminalError: Error, Hashable, Sendable {
  /// ncurses does not know the terminal (`TERM` unset or without a terminfo entry).
  case unknownTerminal(String?)
  /// The process has no file descriptors left for the wake pipe.
  case noWakePipe
}

/// The real terminal, through ncursesw: draws grids and reads keys.
///
/// It is the only type that calls ncurses. Threading: ncurses is not thread-safe, so a
/// `Terminal` is not `Sendable` and every call on it must come from one thread (the desk's key
/// loop, normally the main thread). Other threads reach it only through ``waker``, which makes
/// a blocked ``readInput(timeout:)`` return `.none`. Only one `Terminal` may be open at a time
/// in a process: it owns the SIGWINCH handler while open.
///
/// Call ``close()`` when done (`defer { terminal.close() }`, so a thrown error restores the
/// terminal too); `deinit` closes as a last resort.
public final class Terminal {
  /// Whether the locale can show UTF-8 (box drawing, the lock glyphs) or needs ASCII.
  public let supportsUnicode: Bool
  /// How many colours the desk uses: `COLORS`, or 0 when the terminal has none or `NO_COLOR`
  /// is set, in which case cells get attributes only.
  public let colorCount: Int
  /// Wakes a blocked ``readInput(timeout:)`` from any thread.
  public let waker: TerminalWaker

  let screen: OpaquePointer
  let window: UnsafeMutablePointer<WINDOW>
  let wakePipe: WakePipe
  let capabilities: ColorCapabilities
  var isOpen = true
  var previousResizeHandler: sighandler_t?
  /// Each slot's attributes with its colour pair, ready for `setcchar`.
  var looks: CaseTable<ThemeSlot, (attributes: attr_t, pair: Int16)> = [:]
  /// What the screen shows, as last drawn; `nil` forces the next draw to repaint everything.
  var shown: Grid?
  /// Set by a resize: the terminal's contents are unknown, so the next draw clears first.
  var needsClear = false
  var cursorVisible: Bool?
  /// The terminal's modes from before the desk took it over, until ``draw(_:)`` hands them to
  /// ``CrashRestore`` after the first frame; `nil` when they could not be read.
  var modesBefore: termios?
  /// Standard error, held from the first frame until ``close()`` writes it out.
  var heldErrors: HeldStandardError?

  /// Takes over the terminal with colours for each slot from `style`, which is given a slot and
  /// the number of colours the terminal has.
  init(style: (ThemeSlot, Int) -> CellStyle) throws {
    od_setlocale_from_environment()
    supportsUnicode = od_locale_is_utf8() != 0
    guard let pipe = WakePipe.shared else { throw TerminalError.noWakePipe }
    var modes = termios()
    modesBefore = tcgetattr(STDIN_FILENO, &modes) == 0 ? modes : nil
    guard let screen = od_newterm_stdio(), let window = od_stdscr() else {
      throw TerminalError.unknownTerminal(getenv("TERM").map { String(cString: $0) })
    }
    self.screen = screen
    self.window = window
    wakePipe = pipe
    waker = TerminalWaker(pipe: pipe)

    raw()  // Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys, not signals.
    noecho()
    nonl()
    intrflush(window, false)
    keypad(window, true)
    set_escdelay(25)  // A lone Esc is reported after 25 ms, not ncurses' default second.
    // Never block inside ncurses: readInput waits in poll() on the keyboard and the wake pipe,
    // then reads what is there without delay (ncurses still waits ESCDELAY mid-sequence).
    wtimeout(window, 0)
    for (sequence, code) in KeyDecoder.extraSequences where key_defined(sequence) == 0 {
      _ = define_key(sequence, code)
    }

    let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
    if has_colors() && !noColor && start_color() != ERR {
      let defaultColors = use_default_colors() != ERR
      capabilities = ColorCapabilities(
        colors: Int(od_colors()), pairs: Int(od_color_pairs()), defaultColors: defaultColors)
    } else {
      capabilities = .monochrome
    }
    colorCount = capabilities.colors
    applyPalette(style)

    _ = pipe.drain()
    previousResizeHandler = installResizeSignal(writingTo: pipe)
    showCursor(false)
  }

  deinit { close() }

  /// Gives the terminal back as it was; calling it again does nothing.
  public func close() {
    guard isOpen else { return }
    isOpen = false
    restoreResizeSignal(previousResizeHandler)
    previousResizeHandler = nil
    CrashRestore.remove()
    curs_set(1)
    endwin()
    delscreen(screen)
    heldErrors?.release()
    heldErrors?.discard()
    heldErrors = nil
  }

  /// The screen size in cells.
  public var size: (rows: Int, columns: Int) {
    (Int(od_lines()), Int(od_cols()))
  }

  /// Sets up one colour pair per coloured slot and each slot's attributes, then makes the next
  /// draw repaint everything in the new colours.
  func applyPalette(_ style: (ThemeSlot, Int) -> CellStyle) {
    let colors = capabilities.colors
    let entries = PaletteMapping.entries(for: { style($0, colors) }, capabilities: capabilities)
    looks = [:]
    for slot in ThemeSlot.allCases {
      guard let entry = entries[slot] else { continue }
      if entry.pair > 0 { init_pair(entry.pair, entry.foreground, entry.background) }
      looks[slot] = (Self.cursesAttributes(entry.attributes), entry.pair)
    }
    // Cells a grid does not cover (erased on a repaint) take the background slot's look.
    if let background = looks[.background] {
      var blank = cchar_t()
      _ = setcchar(&blank, [0x20, 0], background.attributes, background.pair, nil)
      wbkgrndset(window, &blank)
    }
    shown = nil
  }

  static func cursesAttributes(_ attributes: TextAttributes) -> attr_t {
    var value = od_a_normal()
    if attributes.contains(.bold) { value |= od_a_bold() }
    if attributes.contains(.dim) { value |= od_a_dim() }
    if attributes.contains(.underline) { value |= od_a_underline() }
    if attributes.contains(.reverse) { value |= od_a_reverse() }
    return value
  }

  /// Shows or hides the hardware cursor, sending nothing when it is already so.
  func showCursor(_ visible: Bool) {
    // With the cursor hidden ncurses may leave it wherever an update ends: fewer bytes.
    leaveok(window, !visible)
    guard cursorVisible != visible else { return }
    curs_set(visible ? 1 : 0)
    cursorVisible = visible
  }
}

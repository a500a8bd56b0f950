import DeskTheme

/// A slot's look with colours already resolved to terminal colour indexes.
struct CellStyle: Hashable, Sendable {
  /// Foreground colour index, or `nil` for the terminal's own.
  var foreground: Int?
  /// Background colour index, or `nil` for the terminal's own.
  var background: Int?
  var attributes: TextAttributes

  init(foreground: Int? = nil, background: Int? = nil, attributes: TextAttributes = []) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
}

/// What the terminal can do with colour.
struct ColorCapabilities: Hashable, Sendable {
  /// How many colours (`COLORS`); 0 for a monochrome terminal or when colour is turned off.
  var colors: Int
  /// How many colour pairs (`COLOR_PAIRS`), pair 0 included.
  var pairs: Int
  /// Whether `use_default_colors` worked, so -1 means "the terminal's own colour".
  var defaultColors: Bool

  static let monochrome = ColorCapabilities(colors: 0, pairs: 0, defaultColors: false)
}

/// How one slot is drawn: a colour pair (0 = the terminal's colours) and attributes.
struct PaletteEntry: Hashable, Sendable {
  var pair: Int16
  var foreground: Int16
  var background: Int16
  var attributes: TextAttributes
}

/// Maps each theme slot to an ncurses colour pair and attributes; pure, so it can be tested.
enum PaletteMapping {
  /// One pair per slot that has a colour, numbered from 1 in slot order; slots without colour,
  /// and every slot on a monochrome terminal, use pair 0 and keep only their attributes.
  static func entries(
    for style: (ThemeSlot) -> CellStyle, capabilities: ColorCapabilities
  ) -> CaseTable<ThemeSlot, PaletteEntry> {
    var entries: CaseTable<ThemeSlot, PaletteEntry> = [:]
    var nextPair = 1
    for slot in ThemeSlot.allCases {
      let look = style(slot)
      let foreground = index(look.foreground, capabilities)
      let background = index(look.background, capabilities)
      let coloured = foreground != nil || background != nil
      guard coloured, nextPair < capabilities.pairs, nextPair <= Int(Int16.max) else {
        entries[slot] = PaletteEntry(
          pair: 0, foreground: -1, background: -1, attributes: look.attributes)
        continue
      }
      // Without default colours -1 is invalid: fall back to white on black, pair 0's colours.
      let fallback: (foreground: Int, background: Int) =
        capabilities.defaultColors ? (-1, -1) : (7, 0)
      entries[slot] = PaletteEntry(
        pair: Int16(nextPair),
        foreground: Int16(foreground ?? fallback.foreground),
        background: Int16(background ?? fallback.background),
        attributes: look.attributes)
      nextPair += 1
    }
    return entries
  }

  /// A colour index the terminal has, or `nil` (the terminal's own colour).
  private static func index(_ color: Int?, _ capabilities: ColorCapabilities) -> Int? {
    guard let color, color >= 0, color < capabilities.colors, color <= Int(Int16.max) else {
      return nil
    }
    return color
  }
}

/// The two strings a theme draws for one ``Glyph``: on a UTF-8 terminal, and on any other.
public struct GlyphText: Sendable, Hashable {
  /// What a UTF-8 terminal shows.
  public var unicode: String
  /// What other terminals show: printable ASCII only.
  public var ascii: String

  /// Creates the pair.
  public init(unicode: String, ascii: String) {
    self.unicode = unicode
    self.ascii = ascii
  }

  /// The glyph's built-in pair.
  public init(defaultFor glyph: Glyph) {
    self.init(unicode: glyph.defaultUnicode, ascii: glyph.defaultASCII)
  }
}

/// How the desk looks: a style for each ``ThemeSlot`` and the text of each ``Glyph``.
///
/// `ThemeFiles` reads one from a TOML file (`Theme.parse(_:source:)`, `ThemeLibrary`);
/// ``default`` and ``monochrome`` are built in, so the desk can draw its first frame before
/// reading a file.
public struct Theme: Sendable, Hashable {
  /// The theme's name, which is also its file's name without `.toml`.
  public var name: String
  /// One line saying what the theme is for.
  public var description: String
  /// The styles the theme sets; ``style(for:)`` fills in the slots it leaves out.
  public var slots: CaseTable<ThemeSlot, SlotStyle>
  /// The glyphs the theme draws differently from the built-in ones.
  public private(set) var glyphOverrides: CaseTable<Glyph, GlyphText>

  /// Creates a theme; glyphs not in `glyphs`, or given as their defaults, stay the defaults.
  public init(
    name: String, description: String = "", slots: CaseTable<ThemeSlot, SlotStyle>,
    glyphs: CaseTable<Glyph, GlyphText> = [:]
  ) {
    self.name = name
    self.description = description
    self.slots = slots
    glyphOverrides = glyphs
    for glyph in glyphs.keys where glyphs[glyph] == GlyphText(defaultFor: glyph) {
      glyphOverrides[glyph] = nil
    }
  }

  /// The style to draw `slot` in, with what the theme leaves out filled in.
  ///
  /// A slot the theme leaves out is drawn like `text`. A colour a slot leaves out is taken
  /// from elsewhere: the foreground from `text` (then `background`), the background from
  /// `background`. `nil` and ``ThemeColor/terminalDefault`` in the result both mean the
  /// terminal's own colour.
  public func style(for slot: ThemeSlot) -> SlotStyle {
    let text = slots[.text]
    let screen = slots[.background]
    let own =
      slots[slot] ?? SlotStyle(attributes: slot == .background ? [] : text?.attributes ?? [])
    return SlotStyle(
      foreground: own.foreground ?? text?.foreground ?? screen?.foreground,
      background: own.background ?? screen?.background,
      attributes: own.attributes
    )
  }

  /// The text to draw for `glyph`: the UTF-8 form when `unicode` is true, ASCII otherwise.
  public func glyph(_ glyph: Glyph, unicode: Bool) -> String {
    let text = glyphOverrides[glyph] ?? GlyphText(defaultFor: glyph)
    return unicode ? text.unicode : text.ascii
  }

  /// Replaces the text drawn for `glyph`.
  public mutating func setGlyph(_ glyph: Glyph, to text: GlyphText) {
    glyphOverrides[glyph] = text == GlyphText(defaultFor: glyph) ? nil : text
  }
}

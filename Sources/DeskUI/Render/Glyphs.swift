import DeskTheme

/// The symbols a render uses, resolved once for this terminal: the theme's, in UTF-8 or ASCII.
public struct Glyphs: Sendable {
  public let unicode: Bool
  private var table = CaseTable<Glyph, String>()

  /// Resolves every glyph with `resolve`, for example from a theme.
  public init(unicode: Bool, resolve: (Glyph) -> String) {
    self.unicode = unicode
    for glyph in Glyph.allCases { table[glyph] = resolve(glyph) }
  }

  /// The built-in glyphs.
  public init(unicode: Bool) {
    self.init(unicode: unicode) { unicode ? $0.defaultUnicode : $0.defaultASCII }
  }

  public subscript(glyph: Glyph) -> String {
    table[glyph] ?? (unicode ? glyph.defaultUnicode : glyph.defaultASCII)
  }
}

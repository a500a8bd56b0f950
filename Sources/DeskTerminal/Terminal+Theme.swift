import DeskTheme

extension Terminal {
  /// Takes over the terminal: full screen, raw keys, no echo, and each slot in `theme`'s look.
  ///
  /// - Throws: ``TerminalError`` when ncurses does not know the terminal or no wake pipe can be
  ///   made; the terminal is then left as it was.
  public convenience init(theme: Theme) throws {
    try self.init(style: { Self.cellStyle(theme.style(for: $0), colors: $1) })
  }

  /// Draws from now on in `theme`'s look; the next ``draw(_:)`` repaints every cell.
  public func apply(_ theme: Theme) {
    guard isOpen else { return }
    applyPalette { Self.cellStyle(theme.style(for: $0), colors: $1) }
  }

  /// A theme's slot style with its colours resolved for a terminal with `colors` colours.
  static func cellStyle(_ style: SlotStyle, colors: Int) -> CellStyle {
    CellStyle(
      foreground: style.foreground?.index(forTerminalColors: colors),
      background: style.background?.index(forTerminalColors: colors),
      attributes: style.attributes)
  }
}

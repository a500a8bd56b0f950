/// A text attribute every curses terminal can show, whatever its colours.
public enum TextAttribute: String, CaseIterable, Sendable, Hashable, Comparable {
  case bold
  case dim
  case underline
  case reverse

  /// Orders attributes as they are declared, so lists of them print the same every time.
  public static func < (lhs: TextAttribute, rhs: TextAttribute) -> Bool {
    let order = allCases
    return order.firstIndex(of: lhs) ?? 0 < order.firstIndex(of: rhs) ?? 0
  }
}

/// How one ``ThemeSlot`` looks: colours and attributes.
///
/// A `nil` colour is one the theme leaves to another slot (see ``Theme/style(for:)``); after
/// resolution, `nil` and ``ThemeColor/terminalDefault`` both mean the terminal's own colour.
public struct SlotStyle: Sendable, Hashable {
  /// The colour of the text.
  public var foreground: ThemeColor?
  /// The colour behind the text.
  public var background: ThemeColor?
  /// Attributes drawn with the text.
  public var attributes: Set<TextAttribute>

  /// Creates a style; with no arguments, one that sets nothing.
  public init(
    foreground: ThemeColor? = nil, background: ThemeColor? = nil,
    attributes: Set<TextAttribute> = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
}

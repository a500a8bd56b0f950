/// Text attributes every curses terminal can show, whatever its colours.
public struct TextAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8

  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = TextAttributes(rawValue: 1 << 0)
  public static let dim = TextAttributes(rawValue: 1 << 1)
  public static let underline = TextAttributes(rawValue: 1 << 2)
  public static let reverse = TextAttributes(rawValue: 1 << 3)

  /// Each attribute with the name a theme file gives it, in this order.
  public static let named: [(name: String, attribute: TextAttributes)] = [
    ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse),
  ]
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
  public var attributes: TextAttributes

  /// Creates a style; with no arguments, one that sets nothing.
  public init(
    foreground: ThemeColor? = nil, background: ThemeColor? = nil,
    attributes: TextAttributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
}

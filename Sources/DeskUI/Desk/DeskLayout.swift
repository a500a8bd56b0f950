import OrderCore

/// The sizes the desk is drawn at, worked out when they change rather than on every key.
///
/// Made anew on a resize and when the catalog arrives, and its status rows when the status
/// message changes; keys read it, so that handling a key never measures text, and drawing and
/// keys agree on how many rows there are.
public struct DeskLayout: Sendable, Hashable {
  public let rows: Int
  public let columns: Int
  /// The status message wrapped to the width, in one to ``statusRowsAtMost`` rows; one blank
  /// row when there is none.
  public private(set) var statusLines: [String] = [""]
  /// How many rows the catalog's longest description wraps to at this width, up to
  /// ``descriptionRowsAtMost``; the list keeps one height while the selection moves.
  public private(set) var descriptionRows = 1

  /// The first row a screen draws its content in, below the title line and the step trail.
  static let contentTop = 3

  /// The most rows the status line grows to for a long message, such as why an order could
  /// not be sent; the rows come from the bottom of the screen's content while it is shown.
  static let statusRowsAtMost = 3

  /// The most rows the chosen product's description takes below the list, when the window
  /// has room: enough for the demo catalog's longest, licence terms and all.
  static let descriptionRowsAtMost = 3

  public init(rows: Int, columns: Int, catalog: Catalog? = nil, message: String? = nil) {
    self.rows = max(0, rows)
    self.columns = max(0, columns)
    show(message: message)
    if let catalog { measureDescriptions(of: catalog) }
  }

  /// Whether the terminal is too small to draw the desk.
  public var isTooSmall: Bool {
    rows < DeskState.minimumSize.rows || columns < DeskState.minimumSize.columns
  }

  /// How many rows a screen has for its content, between the step trail and the bottom frame.
  public var contentRows: Int { rows - 5 - statusLines.count }

  /// How many lines of help the help window shows at once.
  public var helpRows: Int { max(1, rows - 8) }

  /// How far the help scrolls before its last line is at the bottom.
  public var helpScrollLimit: Int { max(0, DeskState.helpLines.count - helpRows) }

  /// How far PgUp and PgDn move the catalog's selection.
  var catalogPage: Int { max(1, rows - 12) }

  /// Wraps the status message (or its absence) to the width.
  mutating func show(message: String?) {
    guard let message else {
      statusLines = [""]
      return
    }
    statusLines = TextLayout.wrap(message, width: columns - 2, atMost: Self.statusRowsAtMost)
  }

  /// Measures how many rows the catalog's longest description needs at this width.
  mutating func measureDescriptions(of catalog: Catalog) {
    let width = columns - 2
    descriptionRows =
      catalog.items.map {
        min(Self.descriptionRowsAtMost, TextLayout.wrap($0.description, width: width).count)
      }.max() ?? 1
  }
}

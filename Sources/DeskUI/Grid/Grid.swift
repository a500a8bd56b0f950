import DeskTheme
import OrderCore

/// One cell of the screen: a grapheme and what it means.
///
/// A character two cells wide sits in its first cell; the second is a ``continuation`` cell
/// that draws nothing.
public struct Cell: Hashable, Sendable {
  /// The grapheme drawn here; a space for an empty cell, empty for a continuation cell.
  public var text: String
  /// What the cell means, which the theme turns into colours and attributes.
  public var slot: ThemeSlot

  public init(_ text: String, slot: ThemeSlot) {
    self.text = text
    self.slot = slot
  }

  /// The second cell of a wide character.
  public var isContinuation: Bool { text.isEmpty }
}

/// The screen as cells: what the desk renders, and what a terminal or a test then shows.
///
/// Everything written through ``put(_:row:column:slot:maxWidth:)`` is neutralised first, so no
/// control character or escape sequence from the service or the user can reach a terminal.
public struct Grid: Hashable, Sendable {
  public let rows: Int
  public let columns: Int
  public private(set) var cells: [Cell]
  /// Where the terminal's cursor should be (in a text field being edited), or `nil` to hide it.
  public var cursor: (row: Int, column: Int)? {
    get { cursorPosition.map { ($0.row, $0.column) } }
    set { cursorPosition = newValue.map { Position(row: $0.row, column: $0.column) } }
  }
  private var cursorPosition: Position?

  private struct Position: Hashable, Sendable {
    var row: Int
    var column: Int
  }

  public init(rows: Int, columns: Int, slot: ThemeSlot = .background) {
    self.rows = max(0, rows)
    self.columns = max(0, columns)
    cells = Array(repeating: Cell(" ", slot: slot), count: self.rows * self.columns)
  }

  public subscript(row: Int, column: Int) -> Cell {
    cells[row * columns + column]
  }

  /// Writes `text` from (`row`, `column`), clipped to the grid and to `maxWidth` cells, and
  /// returns how many cells it took.
  @discardableResult
  public mutating func put(
    _ text: String, row: Int, column: Int, slot: ThemeSlot, maxWidth: Int? = nil
  ) -> Int {
    guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
    let limit = min(columns - column, maxWidth ?? Int.max)
    guard limit > 0 else { return 0 }
    let shown = TerminalText.truncated(TerminalText.neutralised(text), toWidth: limit)
    var x = column
    for character in shown {
      let width = TerminalText.displayWidth(of: character)
      if width == 0 { continue }
      guard x + width <= column + limit else { break }
      clearWide(at: row, x)
      cells[row * columns + x] = Cell(String(character), slot: slot)
      if width == 2 {
        clearWide(at: row, x + 1)
        cells[row * columns + x + 1] = Cell("", slot: slot)
      }
      x += width
    }
    return x - column
  }

  /// Sets `slot` on `width` cells from (`row`, `column`), blanking them.
  public mutating func fill(row: Int, column: Int = 0, width: Int? = nil, slot: ThemeSlot) {
    guard row >= 0, row < rows else { return }
    let start = max(0, column)
    let end = min(columns, start + (width ?? columns))
    guard start < end else { return }
    clearWide(at: row, start)
    if end < columns { clearWide(at: row, end) }
    for x in start..<end { cells[row * columns + x] = Cell(" ", slot: slot) }
  }

  /// Gives cells a new meaning without changing their text: a highlighted row, for example.
  public mutating func restyle(row: Int, column: Int = 0, width: Int? = nil, slot: ThemeSlot) {
    guard row >= 0, row < rows else { return }
    let start = max(0, column)
    let end = min(columns, start + (width ?? columns))
    guard start < end else { return }
    for x in start..<end { cells[row * columns + x].slot = slot }
  }

  /// Replaces each cell's text with `replace(text)`; every result must be one cell wide, and
  /// continuation cells (empty text) become ordinary cells with whatever `replace` gives.
  mutating func transliterate(_ replace: (String) -> String) {
    for index in cells.indices { cells[index].text = replace(cells[index].text) }
  }

  /// The grid as text, one string a row, wide characters once and continuation cells skipped.
  public var lines: [String] {
    (0..<rows).map { row in
      var line = ""
      for x in 0..<columns { line += cells[row * columns + x].text }
      return line
    }
  }

  /// The grid as text with trailing spaces removed: the form snapshots are stored in.
  public var snapshot: String {
    lines.map { line in
      var trimmed = Substring(line)
      while trimmed.last == " " { trimmed = trimmed.dropLast() }
      return String(trimmed)
    }.joined(separator: "\n") + "\n"
  }

  /// Overwriting half of a wide character blanks the other half, so nothing is left half drawn.
  private mutating func clearWide(at row: Int, _ x: Int) {
    guard x >= 0, x < columns else { return }
    let index = row * columns + x
    if cells[index].isContinuation, x > 0 {
      cells[index - 1].text = " "
      cells[index].text = " "
    } else if x + 1 < columns, cells[index + 1].isContinuation,
      TerminalText.displayWidth(cells[index].text) == 2
    {
      cells[index + 1].text = " "
    }
  }

  public static func == (left: Grid, right: Grid) -> Bool {
    left.rows == right.rows && left.columns == right.columns && left.cells == right.cells
      && left.cursorPosition == right.cursorPosition
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(rows)
    hasher.combine(columns)
    hasher.combine(cells)
    hasher.combine(cursorPosition)
  }
}

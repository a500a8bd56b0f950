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
  /// The cells that show a digit of a secret (a card number read back), as indices into
  /// ``cells``: a terminal writes them again on its next frame whatever that frame holds there,
  /// and scrubs them from the grid it keeps.
  public private(set) var secretCellIndices: [Int] = []

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

  /// Writes one digit of a secret, an ASCII digit byte read where the secret lies, into the
  /// cell at (`row`, `column`), and remembers the cell in ``secretCellIndices``.
  ///
  /// The cell's text is one of ten constant strings, so the digits are never put together into
  /// a string of their own, here or in a terminal that draws the grid cell by cell.
  public mutating func putSecretDigit(_ byte: UInt8, row: Int, column: Int, slot: ThemeSlot) {
    guard row >= 0, row < rows, column >= 0, column < columns else { return }
    clearWide(at: row, column)
    let index = row * columns + column
    cells[index] = Cell(Self.digitText(byte), slot: slot)
    secretCellIndices.append(index)
  }

  /// Blanks every secret cell in place, so the grid's own storage no longer holds the digits.
  public mutating func scrubSecretCells() {
    for index in secretCellIndices { cells[index].text = " " }
    secretCellIndices = []
  }

  /// The constant one-character text of an ASCII digit byte; a blank for any other byte.
  private static func digitText(_ byte: UInt8) -> String {
    switch byte {
    case UInt8(ascii: "0"): "0"
    case UInt8(ascii: "1"): "1"
    case UInt8(ascii: "2"): "2"
    case UInt8(ascii: "3"): "3"
    case UInt8(ascii: "4"): "4"
    case UInt8(ascii: "5"): "5"
    case UInt8(ascii: "6"): "6"
    case UInt8(ascii: "7"): "7"
    case UInt8(ascii: "8"): "8"
    case UInt8(ascii: "9"): "9"
    default: " "
    }
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

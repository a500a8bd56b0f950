import DeskTheme
import OrderCore

/// Draws into a grid, row by row, inside the content area of the frame.
struct Painter {
  var grid: Grid
  let glyphs: Glyphs
  /// The first and last rows content may use.
  let top: Int
  let bottom: Int
  /// The next row to draw on.
  var row: Int

  init(grid: Grid, glyphs: Glyphs, top: Int, bottom: Int) {
    self.grid = grid
    self.glyphs = glyphs
    self.top = top
    self.bottom = bottom
    row = top
  }

  var columns: Int { grid.columns }
  var hasRoom: Bool { row <= bottom }
  var rowsLeft: Int { max(0, bottom - row + 1) }

  /// Draws one line of text at the current row and moves down.
  mutating func line(_ text: String, _ slot: ThemeSlot = .text, indent: Int = 1) {
    guard hasRoom else { return }
    grid.put(text, row: row, column: indent, slot: slot, maxWidth: columns - indent - 1)
    row += 1
  }

  /// Draws `text` wrapped to the width, each line at the current row.
  mutating func paragraph(_ text: String, _ slot: ThemeSlot = .text, indent: Int = 1) {
    for piece in TextLayout.wrap(text, width: columns - indent - 1) {
      line(piece, slot, indent: indent)
    }
  }

  mutating func blank(_ count: Int = 1) {
    row += count
  }

  /// A label and a value, the value starting at `valueColumn` and wrapped below itself.
  mutating func pair(
    _ label: String, _ value: String, valueColumn: Int = 18, slot: ThemeSlot = .text
  ) {
    guard hasRoom else { return }
    grid.put(label, row: row, column: 1, slot: .muted, maxWidth: valueColumn - 2)
    let width = columns - valueColumn - 1
    for line in TextLayout.wrap(value, width: width).prefix(max(1, rowsLeft)) {
      grid.put(line, row: row, column: valueColumn, slot: slot, maxWidth: width)
      row += 1
    }
  }

  /// A right-aligned amount with its label, for order lines and totals.
  mutating func amount(
    _ label: String, _ value: String, slot: ThemeSlot = .text, labelSlot: ThemeSlot = .muted,
    width: Int
  ) {
    guard hasRoom else { return }
    let valueWidth = 14
    let start = max(1, columns - 2 - width)
    grid.put(TextLayout.fit(label, width - valueWidth), row: row, column: start, slot: labelSlot)
    grid.put(
      TextLayout.right(value, valueWidth), row: row, column: start + width - valueWidth, slot: slot)
    row += 1
  }

  /// A text field: `[text   ]`, focused or not, with the cursor placed when focused.
  mutating func field(
    at column: Int, width: Int, text: String, cursorColumn: Int?, focused: Bool
  ) {
    guard hasRoom else { return }
    let slot: ThemeSlot = focused ? .focus : .field
    grid.put("[", row: row, column: column, slot: .border)
    grid.fill(row: row, column: column + 1, width: width, slot: slot)
    grid.put(text, row: row, column: column + 1, slot: slot, maxWidth: width)
    grid.put("]", row: row, column: column + 1 + width, slot: .border)
    if focused, let cursorColumn {
      grid.cursor = (row, column + 1 + min(cursorColumn, max(0, width - 1)))
    }
  }

  /// A text field as typed, with the digits ``CardDigitMask`` hides drawn as bullets.
  mutating func field(_ value: TextField, at column: Int, width: Int, focused: Bool) {
    let window = value.drawn(isFocused: focused, bullet: bullet).window(width: width)
    field(
      at: column, width: width, text: window.text, cursorColumn: window.cursorColumn,
      focused: focused)
  }

  /// What a hidden digit is drawn as.
  var bullet: Character { glyphs.unicode ? "•" : "*" }

  /// A box with a border and a title, centred, for help, channel details and questions.
  mutating func box(title: String, lines: [(String, ThemeSlot)], width wanted: Int) {
    let width = min(wanted, columns - 4)
    let inner = width - 4
    var body: [(String, ThemeSlot)] = []
    for (text, slot) in lines {
      for piece in TextLayout.wrap(text, width: inner) { body.append((piece, slot)) }
    }
    let height = min(body.count + 4, grid.rows - 2)
    let left = (columns - width) / 2
    let first = max(1, (grid.rows - height) / 2)
    let horizontal = glyphs.unicode ? "─" : "-"
    let vertical = glyphs.unicode ? "│" : "|"
    let corners = glyphs.unicode ? ("┌", "┐", "└", "┘") : ("+", "+", "+", "+")
    for y in first..<(first + height) {
      grid.fill(row: y, column: left, width: width, slot: .background)
    }
    let bar = String(repeating: horizontal, count: width - 2)
    grid.put(corners.0 + bar + corners.1, row: first, column: left, slot: .border)
    grid.put(" \(title) ", row: first, column: left + 2, slot: .title, maxWidth: width - 4)
    grid.put(corners.2 + bar + corners.3, row: first + height - 1, column: left, slot: .border)
    for y in (first + 1)..<(first + height - 1) {
      grid.put(vertical, row: y, column: left, slot: .border)
      grid.put(vertical, row: y, column: left + width - 1, slot: .border)
    }
    for (offset, (text, slot)) in body.prefix(height - 4).enumerated() {
      grid.put(text, row: first + 2 + offset, column: left + 2, slot: slot, maxWidth: inner)
    }
  }
}

import DeskTheme
import OrderCore

/// How the forms (details, payment, find an order) lay out labels, fields and their errors.
enum FormLayout {
  /// The cells a field's label takes before the field.
  static let labelWidth = 17

  /// How wide a text field is drawn in a window `columns` wide.
  static func fieldWidth(columns: Int) -> Int {
    min(42, columns - labelWidth - 14)
  }

  /// The width a field's error is wrapped to, beside its mark and under its field.
  static func fieldErrorWidth(columns: Int) -> Int { columns - labelWidth - 5 }

  /// The lines each of `messages` is drawn in under its field: one row each, and then the
  /// `spare` rows, in order, to the messages that need more to be read whole; a message cut
  /// short ends in "…".
  static func fieldErrorLines(_ messages: [String?], columns: Int, spare: Int) -> [[String]] {
    let width = fieldErrorWidth(columns: columns)
    var spare = spare
    return messages.map { message in
      guard let message else { return [] }
      let lines = TextLayout.wrap(message, width: width)
      let rows = 1 + min(max(0, lines.count - 1), max(0, spare))
      spare -= rows - 1
      return TextLayout.limit(lines, width: width, to: rows)
    }
  }

  /// The fields of a form drawn in `rows` rows, given the rows each takes (`heights`): all of
  /// them when they fit; else, leaving a row for the note saying which are shown, as many as
  /// fit from the first, or those that end at the focused field (`focus`) when it would not
  /// be seen.
  static func shownFields(heights: [Int], focus: Int, rows: Int) -> Range<Int> {
    guard heights.reduce(0, +) > rows else { return heights.indices }
    let room = rows - 1
    var first = 0
    while first < focus, heights[first...focus].reduce(0, +) > room { first += 1 }
    var end = first
    var used = 0
    while end < heights.count, end <= focus || used + heights[end] <= room {
      used += heights[end]
      end += 1
    }
    return first..<end
  }
}

extension Painter {
  /// A field's label at the current row, with the required mark after it.
  mutating func label(_ text: String, required: Bool) {
    let mark = required ? " " + glyphs[.required] : ""
    grid.put(text + mark, row: row, column: 2, slot: .text)
  }

  /// Draws a field's error, as ``FormLayout/fieldErrorLines(_:columns:spare:)`` made it,
  /// under the field.
  mutating func fieldError(_ lines: [String]) {
    let width = FormLayout.fieldErrorWidth(columns: columns)
    for (index, line) in lines.enumerated() {
      guard hasRoom else { return }
      let mark = index == 0 ? glyphs[.invalid] + " " : "  "
      grid.put(
        mark + line, row: row, column: FormLayout.labelWidth + 2, slot: .error,
        maxWidth: width + 2)
      row += 1
    }
  }

  /// When a form shows only some of its fields (`shown`), says which on the next row.
  mutating func fieldsNote(_ shown: Range<Int>, of count: Int) {
    guard shown.count < count else { return }
    let note =
      "\(glyphs[.up])\(glyphs[.down]) fields \(shown.lowerBound + 1)–"
      + "\(shown.upperBound) of \(count)"
    grid.put(
      note, row: row, column: columns - TerminalText.displayWidth(note) - 2, slot: .muted)
    row += 1
  }
}

import DeskTheme
import OrderCore

/// Lines of text that scroll in the content area, such as a receipt or a found order.
enum ScrollingText {
  /// `lines` wrapped to the width a scrolling view draws them at in a window `columns` wide.
  static func wrapped(_ lines: [(String, ThemeSlot)], columns: Int) -> [(String, ThemeSlot)] {
    lines.flatMap { text, slot in
      TextLayout.wrap(text, width: columns - 3).map { ($0, slot) }
    }
  }

  /// How many of `count` lines a scrolling view of `rows` rows shows: all when they fit,
  /// else all but one row, which says which lines are shown.
  static func linesShown(_ count: Int, rows: Int) -> Int {
    count <= rows ? count : max(1, rows - 1)
  }

  /// How far `count` wrapped lines scroll in a view of `rows` rows before the last one is
  /// at the bottom.
  static func limit(lineCount count: Int, rows: Int) -> Int {
    max(0, count - linesShown(count, rows: rows))
  }

  /// A scroll position after a key of a scrolling view: a line, a page or to either end,
  /// never before the first line or past `limit`.
  static func scroll(_ position: Int, by key: Key, limit: Int, page: Int) -> Int {
    let moved =
      switch key {
      case .up, .character("k"): position - 1
      case .down, .character("j"): position + 1
      case .pageUp: position - max(1, page)
      case .pageDown: position + max(1, page)
      case .home: 0
      case .end: limit
      default: position
      }
    return min(max(0, moved), limit)
  }
}

extension Painter {
  /// Draws as many of `lines` as fit from `scroll` on, and when they do not all fit, a note
  /// on a row of its own below them saying which are shown and with which keys (`keys`) to
  /// see the others.
  mutating func scrolling(_ lines: [(String, ThemeSlot)], scroll: Int, keys: String? = nil) {
    let wrapped = ScrollingText.wrapped(lines, columns: columns)
    let visible = ScrollingText.linesShown(wrapped.count, rows: rowsLeft)
    let first = min(scroll, wrapped.count - visible)
    for (text, slot) in wrapped.dropFirst(first).prefix(visible) { line(text, slot) }
    if wrapped.count > visible {
      let arrows = keys ?? glyphs[.up] + glyphs[.down]
      let note = "\(arrows) \(first + 1)–\(first + visible) of \(wrapped.count)"
      grid.put(
        note, row: bottom, column: columns - TerminalText.displayWidth(note) - 2, slot: .muted)
    }
  }
}

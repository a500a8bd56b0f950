import CNCurses
import DeskTheme
import DeskUI

extension Terminal {
  /// Puts `grid` on the screen, sending only the cells that changed since the last draw.
  ///
  /// The first draw, and the first after a resize or a palette change, repaints everything.
  /// Cells beyond the screen are clipped. The hardware cursor goes to `grid.cursor`, or is
  /// hidden when that is `nil`.
  public func draw(_ grid: Grid) {
    guard isOpen else { return }
    let (rows, columns) = size
    if needsClear || shown.map({ $0.rows != grid.rows || $0.columns != grid.columns }) ?? true {
      // Cells the grid does not cover must not keep an older frame.
      werase(window)
      shown = nil
    }
    if needsClear {
      clearok(od_curscr(), true)
      needsClear = false
    }
    for run in GridDiff.runs(from: shown, to: grid) where run.row < rows {
      let look = looks[run.slot] ?? (od_a_normal(), 0)
      var x = run.columns.lowerBound
      while x < min(run.columns.upperBound, columns) {
        let width = GridDiff.unitWidth(of: grid, row: run.row, column: x)
        let cell = grid[run.row, x]
        // A wide character that would cross the right edge is shown as a blank.
        let text = cell.isContinuation || x + width > columns ? " " : cell.text
        put(text, row: run.row, column: x, look: look)
        x += width
      }
    }
    if let cursor = grid.cursor, (0..<rows).contains(cursor.row),
      (0..<columns).contains(cursor.column)
    {
      showCursor(true)
      wmove(window, Int32(cursor.row), Int32(cursor.column))
    } else {
      showCursor(false)
    }
    wrefresh(window)
    shown = grid
  }

  /// Writes one grapheme into one cell (two for a wide character) with a slot's look.
  private func put(_ text: String, row: Int, column: Int, look: (attributes: attr_t, pair: Int16)) {
    var cell = cchar_t()
    // A cell holds one spacing character and a few combining ones; a grapheme that needs more
    // (an emoji sequence) is shown by its first character.
    var characters = text.unicodeScalars.prefix(Int(CCHARW_MAX)).map { wchar_t($0.value) }
    characters.append(0)
    if setcchar(&cell, characters, look.attributes, look.pair, nil) == ERR {
      let first = text.unicodeScalars.first.map { wchar_t($0.value) } ?? 0x20
      _ = setcchar(&cell, [first, 0], look.attributes, look.pair, nil)
    }
    // Writing the bottom-right cell reports ERR (the cursor cannot move on) but still draws.
    _ = mvwadd_wch(window, Int32(row), Int32(column), &cell)
  }
}

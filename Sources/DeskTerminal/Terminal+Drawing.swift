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
    // The last frame's secret digits are overwritten where it is kept, not only let go of.
    shown?.scrubSecretCells()
    shown = grid
    // Made ready once the first frame is out, so that the first frame does not wait for them.
    if let modes = modesBefore {
      heldErrors = HeldStandardError.start()
      CrashRestore.install(modes: modes, leave: CrashRestore.leaveSequence(), held: heldErrors)
      modesBefore = nil
    }
  }

  /// Writes one grapheme into one cell (two for a wide character) with a slot's look.
  private func put(_ text: String, row: Int, column: Int, look: (attributes: attr_t, pair: Int16)) {
    var cell = cchar_t()
    // A cell holds one spacing character and a few combining ones; a grapheme that needs more
    // (an emoji sequence) is shown by its first character. The characters go through a
    // buffer on the stack: a screen has thousands of cells.
    let limit = Int(CCHARW_MAX)
    withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: limit + 1) { characters in
      var count = 0
      for scalar in text.unicodeScalars.prefix(limit) {
        characters[count] = wchar_t(scalar.value)
        count += 1
      }
      characters[count] = 0
      if setcchar(&cell, characters.baseAddress, look.attributes, look.pair, nil) == ERR {
        // Keep the first character alone, or a blank when there is none.
        if count == 0 { characters[0] = 0x20 }
        characters[1] = 0
        _ = setcchar(&cell, characters.baseAddress, look.attributes, look.pair, nil)
      }
    }
    // Writing the bottom-right cell reports ERR (the cursor cannot move on) but still draws.
    _ = mvwadd_wch(window, Int32(row), Int32(column), &cell)
  }
}

import DeskTheme
import DeskUI

/// A stretch of one row whose cells changed and share one slot: one attribute change, then text.
struct CellRun: Hashable, Sendable {
  var row: Int
  /// The cells covered, continuation cells included: a wide character is never split.
  var columns: Range<Int>
  var slot: ThemeSlot
}

/// Which cells to send to the terminal to turn what it shows into a new grid.
///
/// Writing only changed cells keeps the bytes per keystroke within budget; ncurses then sends
/// the smallest escape sequences it can for them.
enum GridDiff {
  /// The runs of cells in `new` that differ from `old`; every cell when there is no `old` or
  /// its size differs (a first frame, or after a resize).
  ///
  /// A cell that showed a secret digit in `old` counts as changed whatever `new` holds there,
  /// so a card number read back is overwritten on the screen (and in ncurses' copy of it)
  /// cell by cell, never left standing because the next frame happens to agree.
  static func runs(from old: Grid?, to new: Grid) -> [CellRun] {
    let previous = old.flatMap { $0.rows == new.rows && $0.columns == new.columns ? $0 : nil }
    let secret = previous?.secretCellIndices ?? []
    var runs: [CellRun] = []
    for row in 0..<new.rows {
      var x = 0
      while x < new.columns {
        let width = unitWidth(of: new, row: row, column: x)
        let changed =
          previous.map { previous in
            (x..<x + width).contains {
              previous[row, $0] != new[row, $0] || secret.contains(row * new.columns + $0)
            }
          } ?? true
        if changed {
          let slot = new[row, x].slot
          if var last = runs.last, last.row == row, last.columns.upperBound == x, last.slot == slot
          {
            last.columns = last.columns.lowerBound..<x + width
            runs[runs.count - 1] = last
          } else {
            runs.append(CellRun(row: row, columns: x..<x + width, slot: slot))
          }
        }
        x += width
      }
    }
    return runs
  }

  /// How many cells the character starting at (`row`, `column`) takes: 2 when a continuation
  /// cell follows it, else 1 (an orphan continuation cell stands alone and draws as a blank).
  static func unitWidth(of grid: Grid, row: Int, column: Int) -> Int {
    guard !grid[row, column].isContinuation, column + 1 < grid.columns else { return 1 }
    return grid[row, column + 1].isContinuation ? 2 : 1
  }
}

import DeskTheme
import DeskUI
import Testing

@testable import DeskTerminal

@Suite("Grid diff")
struct GridDiffTests {
  private func grid(_ lines: [String], slot: ThemeSlot = .text) -> Grid {
    var grid = Grid(rows: lines.count, columns: 10, slot: slot)
    for (row, line) in lines.enumerated() { grid.put(line, row: row, column: 0, slot: slot) }
    return grid
  }

  @Test func sameGridSendsNothing() {
    let frame = grid(["name", "city"])
    #expect(GridDiff.runs(from: frame, to: frame).isEmpty)
  }

  @Test func oneChangedCellIsOneRun() {
    let before = grid(["name", "city"])
    var after = before
    after.put("x", row: 1, column: 2, slot: .text)
    #expect(
      GridDiff.runs(from: before, to: after) == [CellRun(row: 1, columns: 2..<3, slot: .text)])
  }

  @Test func typingAtTheEndOfAFieldSendsTheNewCellOnly() {
    let before = grid(["Ann"])
    let after = grid(["Anna"])
    #expect(
      GridDiff.runs(from: before, to: after) == [CellRun(row: 0, columns: 3..<4, slot: .text)])
  }

  @Test func adjacentChangesJoinButSplitAtASlotChange() {
    let before = grid(["          "])
    var after = before
    after.put("ab", row: 0, column: 1, slot: .text)
    after.put("cd", row: 0, column: 3, slot: .error)
    after.put("e", row: 0, column: 7, slot: .text)
    #expect(
      GridDiff.runs(from: before, to: after) == [
        CellRun(row: 0, columns: 1..<3, slot: .text),
        CellRun(row: 0, columns: 3..<5, slot: .error),
        CellRun(row: 0, columns: 7..<8, slot: .text),
      ])
  }

  @Test func aSlotChangeAloneIsAChange() {
    let before = grid(["total"])
    var after = before
    after.restyle(row: 0, column: 0, width: 5, slot: .selection)
    #expect(
      GridDiff.runs(from: before, to: after) == [CellRun(row: 0, columns: 0..<5, slot: .selection)])
  }

  @Test func aWideCharacterIsNeverSplit() {
    let before = grid(["ab"])
    let after = grid(["中"])
    #expect(
      GridDiff.runs(from: before, to: after) == [CellRun(row: 0, columns: 0..<2, slot: .text)])
    #expect(GridDiff.unitWidth(of: after, row: 0, column: 0) == 2)
  }

  @Test func restylingOnlyTheSecondHalfOfAWideCharacterRedrawsTheWholeCharacter() {
    let before = grid(["x中"])
    var after = before
    after.restyle(row: 0, column: 2, width: 1, slot: .error)
    #expect(
      GridDiff.runs(from: before, to: after) == [CellRun(row: 0, columns: 1..<3, slot: .text)])
  }

  @Test func replacingAWideCharacterByNarrowOnesCoversBothCells() {
    let before = grid(["中x"])
    let after = grid(["abx"])
    #expect(
      GridDiff.runs(from: before, to: after) == [CellRun(row: 0, columns: 0..<2, slot: .text)])
  }

  @Test func noPreviousGridOrANewSizeRepaintsEveryCell() {
    let after = grid(["ab", "cd"])
    let everything = [
      CellRun(row: 0, columns: 0..<10, slot: .text), CellRun(row: 1, columns: 0..<10, slot: .text),
    ]
    #expect(GridDiff.runs(from: nil, to: after) == everything)
    let smaller = Grid(rows: 1, columns: 10, slot: .text)
    #expect(GridDiff.runs(from: smaller, to: after) == everything)
    let narrower = Grid(rows: 2, columns: 8, slot: .text)
    #expect(GridDiff.runs(from: narrower, to: after) == everything)
  }

  @Test func theCursorIsNotACellChange() {
    let before = grid(["name"])
    var after = before
    after.cursor = (row: 0, column: 4)
    #expect(GridDiff.runs(from: before, to: after).isEmpty)
  }
}

import DeskTheme
import DeskUI
import Testing

@testable import DeskTerminal

/// The cells a card number was read back in are written again on the next frame, whatever it
/// holds there.
@Suite struct GridDiffSecretCellTests {
  /// A row of ten cells with the digits of `digits` drawn as secret cells from column 2.
  private func frame(secret digits: String) -> Grid {
    var grid = Grid(rows: 1, columns: 10)
    for (offset, byte) in digits.utf8.enumerated() {
      grid.putSecretDigit(byte, row: 0, column: 2 + offset, slot: .field)
    }
    return grid
  }

  @Test func secretCellsAreWrittenAgainEvenWhenTheNextFrameAgrees() {
    let shown = frame(secret: "4242")
    var next = Grid(rows: 1, columns: 10)
    next.put("4242", row: 0, column: 2, slot: .field)
    #expect(GridDiff.runs(from: shown, to: next) == [CellRun(row: 0, columns: 2..<6, slot: .field)])
  }

  /// Without the secret mark, the same two frames send nothing: the mark is what does it.
  @Test func withoutTheMarkTheSameFramesSendNothing() {
    var shown = frame(secret: "4242")
    shown.scrubSecretCells()
    shown.put("4242", row: 0, column: 2, slot: .field)
    var next = Grid(rows: 1, columns: 10)
    next.put("4242", row: 0, column: 2, slot: .field)
    #expect(shown.secretCellIndices.isEmpty)
    #expect(GridDiff.runs(from: shown, to: next).isEmpty)
  }

  @Test func scrubbingBlanksTheDigitsInPlace() {
    var shown = frame(secret: "4242")
    #expect(shown.lines == ["  4242    "])
    shown.scrubSecretCells()
    #expect(shown.lines == ["          "])
  }
}

import DeskTheme
import DeskUI
import Testing

@Suite struct GridTests {
  @Test func textIsClippedToTheGridAndToItsWidth() {
    var grid = Grid(rows: 2, columns: 10)
    #expect(grid.put("Hello, world", row: 0, column: 3, slot: .text) == 7)
    #expect(grid.lines[0] == "   Hello,…")
    #expect(grid.put("abcdef", row: 1, column: 0, slot: .text, maxWidth: 4) == 4)
    #expect(grid.lines[1] == "abc…      ")
  }

  @Test func controlCharactersAndEscapesAreNeutralised() {
    var grid = Grid(rows: 1, columns: 20)
    grid.put("a\u{1B}[2Jb\u{07}", row: 0, column: 0, slot: .text)
    #expect(!grid.lines[0].unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    #expect(grid.lines[0].hasPrefix("a"))
  }

  @Test func wideCharactersTakeTwoCellsAndAreNeverHalfDrawn() {
    var grid = Grid(rows: 1, columns: 6)
    #expect(grid.put("🔒 ok", row: 0, column: 0, slot: .lockSecure) == 5)
    #expect(grid[0, 1].isContinuation)
    #expect(grid.lines[0] == "🔒 ok ")
    // Writing over the second half of the lock blanks the first half too.
    grid.put("x", row: 0, column: 1, slot: .text)
    #expect(grid.lines[0] == " x ok ")
    // A wide character that does not fit in the last cell is not drawn.
    var narrow = Grid(rows: 1, columns: 3)
    narrow.put("ab🔒", row: 0, column: 0, slot: .text)
    #expect(!narrow.lines[0].contains("🔒"))
  }

  @Test func snapshotTrimsTrailingSpaces() {
    var grid = Grid(rows: 2, columns: 5)
    grid.put("ab", row: 0, column: 0, slot: .text)
    #expect(grid.snapshot == "ab\n\n")
  }
}

import Testing

@testable import DeskTheme

@Suite struct CaseTableTests {
  @Test func everyThemeSlotKnowsItsPlaceAmongAllCases() {
    #expect(ThemeSlot.allCases.map(\.caseIndex) == Array(0..<ThemeSlot.caseCount))
  }

  @Test func everyGlyphKnowsItsPlaceAmongAllCases() {
    #expect(Glyph.allCases.map(\.caseIndex) == Array(0..<Glyph.caseCount))
  }

  @Test func holdsWhatIsSetAndForgetsWhatIsRemoved() {
    var table = CaseTable<ThemeSlot, Int>()
    #expect(table.isEmpty)
    #expect(table.keys.isEmpty)
    table[.keyHint] = 3
    table[.background] = 1
    table[.error] = 2
    #expect(table[.keyHint] == 3)
    #expect(table[.text] == nil)
    #expect(table.keys == [.background, .error, .keyHint])
    #expect(table.values == [1, 2, 3])
    table[.error] = nil
    #expect(table.keys == [.background, .keyHint])
    #expect(!table.isEmpty)
  }

  @Test func aLiteralKeepsTheLaterOfTwoValuesForOneKey() {
    let table: CaseTable<Glyph, String> = [.up: "first", .down: "d", .up: "second"]
    #expect(table[.up] == "second")
    #expect(table.keys == [.up, .down])
  }

  @Test func tablesWithTheSamePairsAreEqualWhateverTheOrderTheyWereSetIn() {
    let one: CaseTable<ThemeSlot, String> = [.text: "t", .focus: "f"]
    var other = CaseTable<ThemeSlot, String>()
    other[.focus] = "f"
    other[.text] = "t"
    #expect(one == other)
    #expect(one.hashValue == other.hashValue)
    other[.text] = "changed"
    #expect(one != other)
    #expect(Set([one, other]).count == 2)
  }
}

@Suite struct TextAttributesTests {
  @Test func eachNamedAttributeIsItsOwnBit() {
    let all = TextAttributes.named.map(\.attribute)
    #expect(TextAttributes.named.map(\.name) == ["bold", "dim", "underline", "reverse"])
    #expect(all.reduce(0) { $0 | $1.rawValue } == 0b1111)
    #expect(Set(all).count == all.count)
    #expect(TextAttributes(all) == [.bold, .dim, .underline, .reverse])
  }
}

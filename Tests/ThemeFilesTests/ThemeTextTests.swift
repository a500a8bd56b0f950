import DeskTheme
import OrderCore
import Testing

@testable import ThemeFiles

@Suite struct ThemeTextTests {
  @Test func defaultGlyphsFitTheRules() {
    for glyph in Glyph.allCases {
      #expect(ThemeText.firstForbidden(in: glyph.defaultUnicode) == nil)
      #expect((1...3).contains(TerminalText.displayWidth(glyph.defaultUnicode)))
    }
  }

  @Test func suggestsOnlyNearNames() {
    let slots = ThemeSlot.allCases.map(\.rawValue)
    #expect(ThemeText.suggestion(for: "lock-secur", among: slots) == "lock-secure")
    #expect(ThemeText.suggestion(for: "Focus", among: slots) == "focus")
    #expect(ThemeText.suggestion(for: "keyhint", among: slots) == "key-hint")
    #expect(ThemeText.suggestion(for: "completely-different", among: slots) == nil)
    #expect(ThemeText.suggestion(for: "purple", among: ThemeColor.names) == nil)
    #expect(ThemeText.suggestion(for: "brigth-red", among: ThemeColor.names) == "bright-red")
  }
}

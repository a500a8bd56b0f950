import DeskTheme
import Testing

@Suite struct GlyphTests {
  @Test(arguments: Glyph.allCases)
  func fallbackIsPlainASCII(glyph: Glyph) {
    #expect(!glyph.defaultASCII.isEmpty)
    #expect(glyph.defaultASCII.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 })
  }
}

import DeskTheme
import Testing

@Suite struct ThemeStyleTests {
  let red = ThemeColor.ansi(.red)
  let blue = ThemeColor.ansi(.blue)
  let white = ThemeColor.ansi(.white)

  @Test func aSlotLeftOutLooksLikeText() {
    let theme = Theme(
      name: "t",
      slots: [
        .background: SlotStyle(background: blue),
        .text: SlotStyle(foreground: white, attributes: [.bold]),
      ])
    #expect(
      theme.style(for: .error)
        == SlotStyle(foreground: white, background: blue, attributes: [.bold]))
    #expect(
      theme.style(for: .text) == SlotStyle(foreground: white, background: blue, attributes: [.bold])
    )
    #expect(theme.style(for: .background) == SlotStyle(foreground: white, background: blue))
  }

  @Test func aColourLeftOutComesFromTextAndBackground() {
    let theme = Theme(
      name: "t",
      slots: [
        .background: SlotStyle(background: blue),
        .text: SlotStyle(foreground: white, background: red),
        .error: SlotStyle(foreground: red, attributes: [.underline]),
        .focus: SlotStyle(background: white),
      ])
    #expect(
      theme.style(for: .error)
        == SlotStyle(foreground: red, background: blue, attributes: [.underline]))
    #expect(theme.style(for: .focus) == SlotStyle(foreground: white, background: white))
    #expect(theme.style(for: .text).background == red)
  }

  @Test func anEmptyThemeLeavesEverythingToTheTerminal() {
    let theme = Theme(name: "empty", slots: [:])
    for slot in ThemeSlot.allCases {
      #expect(theme.style(for: slot) == SlotStyle())
    }
  }

  @Test func glyphsGivenAsTheirDefaultsAreNotOverrides() {
    var theme = Theme(
      name: "t", slots: [:],
      glyphs: [.pointer: GlyphText(defaultFor: .pointer), .up: GlyphText(unicode: "⇧", ascii: "^")])
    #expect(theme.glyphOverrides.keys == [.up])
    #expect(theme.glyph(.up, unicode: true) == "⇧")
    #expect(theme.glyph(.up, unicode: false) == "^")
    theme.setGlyph(.up, to: GlyphText(defaultFor: .up))
    #expect(theme == Theme(name: "t", slots: [:]))
  }

  @Test(arguments: Glyph.allCases)
  func builtInThemesDrawTheDefaultGlyphs(glyph: Glyph) {
    #expect(Theme.default.glyph(glyph, unicode: true) == glyph.defaultUnicode)
    #expect(Theme.monochrome.glyph(glyph, unicode: false) == glyph.defaultASCII)
  }
}

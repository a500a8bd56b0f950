import DeskTheme
import Testing

@testable import DeskTerminal

@Suite("Palette mapping")
struct PaletteMappingTests {
  private let xterm256 = ColorCapabilities(colors: 256, pairs: 65536, defaultColors: true)

  private let theme = Theme(
    name: "test",
    slots: [
      .background: SlotStyle(foreground: .terminalDefault, background: .terminalDefault),
      .text: SlotStyle(),
      .error: SlotStyle(foreground: .ansi(.red), attributes: [.bold]),
      .selection: SlotStyle(
        foreground: .ansi(.black), background: .rgb(red: 0, green: 135, blue: 255),
        attributes: [.reverse]),
      .muted: SlotStyle(foreground: .palette(244), attributes: [.dim, .underline]),
    ])

  private func entries(
    _ theme: Theme, _ capabilities: ColorCapabilities
  ) -> CaseTable<ThemeSlot, PaletteEntry> {
    PaletteMapping.entries(
      for: { Terminal.cellStyle(theme.style(for: $0), colors: capabilities.colors) },
      capabilities: capabilities)
  }

  @Test func everySlotHasAnEntry() {
    #expect(Set(entries(theme, xterm256).keys) == Set(ThemeSlot.allCases))
  }

  @Test func colouredSlotsGetTheirOwnPairWithThemeColours() throws {
    let palette = entries(theme, xterm256)
    let error = try #require(palette[.error])
    #expect(error.pair > 0)
    #expect(error.foreground == 1)
    #expect(error.background == -1)
    #expect(error.attributes == [.bold])
    let selection = try #require(palette[.selection])
    #expect(selection.foreground == 0)
    #expect(selection.background == 33)  // #0087ff is cube entry 33.
    #expect(selection.attributes == [.reverse])
    let muted = try #require(palette[.muted])
    #expect(muted.foreground == 244)
    #expect(muted.attributes == [.dim, .underline])
    let pairs = palette.values.map(\.pair).filter { $0 > 0 }
    #expect(Set(pairs).count == pairs.count)
  }

  @Test func slotsWithTerminalColoursUsePairZero() {
    let palette = entries(theme, xterm256)
    #expect(palette[.background]?.pair == 0)
    #expect(palette[.text]?.pair == 0)
  }

  @Test func sixteenColourTerminalGetsTheNearestNamedColour() {
    let palette = entries(theme, ColorCapabilities(colors: 16, pairs: 256, defaultColors: true))
    #expect(palette[.muted]?.foreground ?? 0 < 16)
    #expect(palette[.selection]?.background ?? 0 < 16)
  }

  @Test func monochromeKeepsAttributesOnly() {
    let palette = entries(theme, .monochrome)
    #expect(palette.keys == ThemeSlot.allCases)
    #expect(ThemeSlot.allCases.allSatisfy { palette[$0]?.pair == 0 })
    #expect(palette[.error]?.attributes == [.bold])
    #expect(palette[.selection]?.attributes == [.reverse])
  }

  @Test func withoutDefaultColoursTheMissingColourIsWhiteOnBlack() {
    let palette = entries(theme, ColorCapabilities(colors: 8, pairs: 64, defaultColors: false))
    #expect(palette[.error]?.foreground == 1)
    #expect(palette[.error]?.background == 0)
  }

  @Test func runningOutOfPairsFallsBackToPairZero() {
    let palette = entries(theme, ColorCapabilities(colors: 256, pairs: 2, defaultColors: true))
    let coloured = palette.values.filter { $0.pair > 0 }
    #expect(coloured.count == 1)
    #expect(coloured.allSatisfy { $0.pair == 1 })
  }

  @Test func coloursTheTerminalLacksBecomeItsOwn() {
    let palette = PaletteMapping.entries(
      for: { _ in CellStyle(foreground: 300, background: -4) },
      capabilities: ColorCapabilities(colors: 256, pairs: 256, defaultColors: true))
    #expect(palette.keys == ThemeSlot.allCases)
    #expect(ThemeSlot.allCases.allSatisfy { palette[$0]?.pair == 0 })
  }
}

import Testing

@testable import DeskTheme

@Suite struct ThemeColorParsingTests {
  @Test(arguments: [
    ("#ff0000", ThemeColor.rgb(red: 255, green: 0, blue: 0)),
    ("#00Aa5F", .rgb(red: 0, green: 0xaa, blue: 0x5f)),
    ("default", .terminalDefault),
    ("black", .ansi(.black)),
    ("white", .ansi(.white)),
    ("bright-black", .ansi(.brightBlack)),
    ("bright-white", .ansi(.brightWhite)),
  ])
  func parsesColour(text: String, expected: ThemeColor) {
    #expect(ThemeColor(text) == expected)
    #expect(ThemeColor(ThemeColor(text)?.description ?? "") == expected)
  }

  @Test(arguments: [
    "#12345", "#1234567", "#gg0000", "purple", "Red", "", "#", "ff0000", " #ff0000",
    "#ff0000 ", "bright-", "bright-purple", "\u{1B}[31m", "#ff\u{0}000",
    String(repeating: "#ff0000", count: 10_000), "#ｆｆ0000", "#+f0000",
  ])
  func refusesWhatIsNotAColour(text: String) {
    #expect(ThemeColor(text) == nil)
  }

  @Test func namesAllSixteenInPaletteOrder() {
    #expect(ANSIColor.allCases.count == 16)
    for color in ANSIColor.allCases {
      #expect(ANSIColor(name: color.name) == color)
    }
    #expect(ANSIColor.brightMagenta.name == "bright-magenta")
    #expect(ANSIColor.brightMagenta.rawValue == 13)
  }

  @Test func paletteIndexesAreZeroTo255() {
    #expect(ThemeColor(paletteIndex: 0) == .palette(0))
    #expect(ThemeColor(paletteIndex: 255) == .palette(255))
    #expect(ThemeColor(paletteIndex: 256) == nil)
    #expect(ThemeColor(paletteIndex: 300) == nil)
    #expect(ThemeColor(paletteIndex: -1) == nil)
    #expect(ThemeColor(paletteIndex: Int.min) == nil)
  }
}

@Suite struct ThemeColorTerminalTests {
  @Test(arguments: [
    // colour, 256, 16, 8
    (ThemeColor.rgb(red: 255, green: 0, blue: 0), 196, 9, 1),
    (.rgb(red: 0x80, green: 0x80, blue: 0x80), 244, 8, 7),
    (.rgb(red: 0, green: 0, blue: 0), 16, 0, 0),
    (.rgb(red: 255, green: 255, blue: 255), 231, 15, 7),
    (.rgb(red: 0x5f, green: 0x87, blue: 0xaf), 67, 8, 6),
    (.rgb(red: 0x12, green: 0x12, blue: 0x12), 233, 0, 0),
    (.rgb(red: 0xd0, green: 0xd0, blue: 0xd0), 252, 7, 7),
    (.rgb(red: 0xa0, green: 0xa0, blue: 0xb0), 248, 8, 7),
    (.rgb(red: 0xff, green: 0x88, blue: 0x00), 208, 3, 3),
    (.ansi(.brightWhite), 15, 15, 7),
    (.ansi(.brightBlack), 8, 8, 0),
    (.ansi(.red), 1, 1, 1),
    (.palette(196), 196, 9, 1),
    (.palette(244), 244, 8, 7),
    (.palette(12), 12, 12, 4),
    (.palette(3), 3, 3, 3),
  ])
  func mapsToWhatATerminalCanShow(color: ThemeColor, at256: Int, at16: Int, at8: Int) {
    #expect(color.index(forTerminalColors: 256) == at256)
    #expect(color.index(forTerminalColors: 16_777_216) == at256)
    #expect(color.index(forTerminalColors: 16) == at16)
    #expect(color.index(forTerminalColors: 88) == at16)
    #expect(color.index(forTerminalColors: 8) == at8)
  }

  @Test(arguments: [0, 1, 2, 7, -1])
  func monochromeTerminalsGetNoColour(count: Int) {
    #expect(ThemeColor.rgb(red: 255, green: 0, blue: 0).index(forTerminalColors: count) == nil)
    #expect(ThemeColor.ansi(.red).index(forTerminalColors: count) == nil)
    #expect(ThemeColor.palette(1).index(forTerminalColors: count) == nil)
  }

  @Test(arguments: [256, 16, 8, 0])
  func terminalDefaultIsAlwaysTheTerminals(count: Int) {
    #expect(ThemeColor.terminalDefault.index(forTerminalColors: count) == nil)
  }

  /// Every RGB value maps inside what the terminal has, and to a colour no farther away
  /// than any other it has (checked by brute force on a grid of the RGB cube); a grey
  /// below 256 colours only to a grey.
  @Test(arguments: [256, 16, 8])
  func rgbMapsToTheNearestColourTheTerminalHas(count: Int) throws {
    for red in stride(from: 0, through: 255, by: 17) {
      for green in stride(from: 0, through: 255, by: 51) {
        for blue in stride(from: 0, through: 255, by: 15) {
          let rgb = RGB(red, green, blue)
          let greys = [0, 7, 8, 15].filter { $0 < count }
          let candidates =
            count >= 256
            ? Array(16..<256)
            : max(red, green, blue) - min(red, green, blue) <= 32 ? greys : Array(0..<count)
          let color = ThemeColor.rgb(red: UInt8(red), green: UInt8(green), blue: UInt8(blue))
          let index = try #require(color.index(forTerminalColors: count))
          #expect(candidates.contains(index))
          let best = candidates.map { rgb.distance(to: XtermPalette.rgb(of: $0)) }.min()
          #expect(rgb.distance(to: XtermPalette.rgb(of: index)) == best, "\(color) → \(index)")
        }
      }
    }
  }

  @Test func paletteEntriesMapToThemselvesAt256AndIntoRangeBelow() {
    for index in 0..<256 {
      let color = ThemeColor.palette(UInt8(index))
      #expect(color.index(forTerminalColors: 256) == index)
      #expect((0..<16).contains(color.index(forTerminalColors: 16) ?? -1))
      #expect((0..<8).contains(color.index(forTerminalColors: 8) ?? -1))
    }
  }

  @Test func paletteRGBValuesAreXterms() {
    #expect(XtermPalette.rgb(of: 16) == RGB(0, 0, 0))
    #expect(XtermPalette.rgb(of: 196) == RGB(255, 0, 0))
    #expect(XtermPalette.rgb(of: 67) == RGB(0x5f, 0x87, 0xaf))
    #expect(XtermPalette.rgb(of: 231) == RGB(255, 255, 255))
    #expect(XtermPalette.rgb(of: 232) == RGB(8, 8, 8))
    #expect(XtermPalette.rgb(of: 255) == RGB(238, 238, 238))
  }
}

import DeskTheme
import Testing

@testable import ThemeFiles

/// The themes shipped in `themes/`: each loads, and each keeps every slot readable.
@Suite struct BundledThemeTests {
  static let required = [
    "default.toml", "light.toml", "high-contrast.toml", "monochrome.toml", "workbench.toml",
  ]

  static func load(_ file: String) throws -> Theme {
    try ThemeLibrary.loadFile(Repository.themes + "/" + file)
  }

  @Test func theRequiredThemesAreThere() {
    for file in Self.required {
      #expect(Repository.themeFiles.contains(file), "themes/\(file) is missing")
    }
  }

  @Test(arguments: Repository.themeFiles)
  func loadsWithEverySlotSetAndItsFileName(file: String) throws {
    let theme = try Self.load(file)
    #expect(theme.name + ".toml" == file)
    #expect(!theme.description.isEmpty)
    #expect(Set(theme.slots.keys) == Set(ThemeSlot.allCases), "\(file) leaves slots out")
  }

  /// How a slot looks on a terminal with `colors` colours: -1 for the terminal's colour.
  static func look(_ theme: Theme, _ slot: ThemeSlot, colors: Int) -> [Int] {
    let style = theme.style(for: slot)
    return [
      style.foreground?.index(forTerminalColors: colors) ?? -1,
      style.background?.index(forTerminalColors: colors) ?? -1,
      100 + Int(style.attributes.rawValue),
    ]
  }

  @Test(arguments: Repository.themeFiles, [256, 16, 8])
  func theSlotsThatMustStandOutDoAtEveryColourDepth(file: String, colors: Int) throws {
    let theme = try Self.load(file)
    let look = { (slot: ThemeSlot) in Self.look(theme, slot, colors: colors) }
    let fields: [ThemeSlot] = [.focus, .selection, .field, .text]
    #expect(Set(fields.map(look)).count == fields.count, "focus, selection, field, text")
    #expect(look(.lockSecure) != look(.lockInsecure))
    #expect(look(.lockSecure) != look(.lockUnverified))
    #expect(look(.lockUnverified) != look(.lockInsecure))
    #expect(look(.error) != look(.text))
    #expect(look(.focus) != look(.background))
    for slot in ThemeSlot.allCases {
      let style = theme.style(for: slot)
      let foreground = style.foreground?.index(forTerminalColors: colors)
      let background = style.background?.index(forTerminalColors: colors)
      if let foreground, let background {
        #expect(foreground != background, "\(file): \(slot) is \(foreground) on itself")
      }
    }
  }

  @Test func monochromeUsesNoColourAndStillTellsSlotsApart() throws {
    let theme = try Self.load("monochrome.toml")
    for slot in ThemeSlot.allCases {
      let style = theme.style(for: slot)
      #expect([nil, ThemeColor.terminalDefault].contains(style.foreground))
      #expect([nil, ThemeColor.terminalDefault].contains(style.background))
    }
    let look = { (slot: ThemeSlot) in theme.style(for: slot).attributes }
    let distinct: [ThemeSlot] = [.text, .focus, .selection, .field]
    #expect(Set(distinct.map(look)).count == distinct.count)
    let locks: [ThemeSlot] = [.lockSecure, .lockUnverified, .lockInsecure, .lockUnknown]
    #expect(Set(locks.map(look)).count == locks.count)
    #expect(look(.error) != look(.text))
    #expect(look(.error) != look(.warning))
  }

  @Test func theFilesAndTheBuiltInThemesAreTheSame() throws {
    #expect(try Self.load("default.toml") == Theme.default)
    #expect(try Self.load("monochrome.toml") == Theme.monochrome)
  }

  @Test func theWorkbenchThemeUsesTheWorkbenchPalette() throws {
    let theme = try Self.load("workbench.toml")
    #expect(theme.style(for: .background).background == .rgb(red: 0, green: 0x55, blue: 0xaa))
    #expect(theme.style(for: .text).foreground == .rgb(red: 255, green: 255, blue: 255))
    #expect(theme.style(for: .focus).background == .rgb(red: 255, green: 0x88, blue: 0))
    #expect(theme.glyph(.pointer, unicode: true) == ">")
  }
}

import DeskTheme
import Testing

@testable import ThemeFiles

/// The problems `Theme.parse` finds, as their description reads.
func problems(_ text: String, source: String = "themes/broken.toml") -> [String] {
  do {
    _ = try Theme.parse(text, source: source)
    return []
  } catch {
    return error.description.split(separator: "\n").map(String.init)
  }
}

@Suite struct ThemeParseTests {
  @Test func readsAFullTheme() throws {
    let theme = try Theme.parse(
      """
      name = "test"
      description = "For the tests"
      [slots]
      text = { fg = "#d0d0d0", bg = "default" }
      focus = { fg = "black", bg = 33, attrs = ["bold", "reverse"] }
      [glyphs]
      lock-secure = { unicode = "🔐", ascii = "[S]" }
      pointer = { ascii = "->" }
      """, source: "test.toml")
    #expect(theme.name == "test")
    #expect(theme.description == "For the tests")
    #expect(
      theme.slots[.text]
        == SlotStyle(
          foreground: .rgb(red: 0xd0, green: 0xd0, blue: 0xd0), background: .terminalDefault))
    #expect(
      theme.slots[.focus]
        == SlotStyle(
          foreground: .ansi(.black), background: .palette(33), attributes: [.bold, .reverse]))
    #expect(theme.glyph(.lockSecure, unicode: true) == "🔐")
    #expect(theme.glyph(.lockSecure, unicode: false) == "[S]")
    #expect(theme.glyph(.pointer, unicode: true) == Glyph.pointer.defaultUnicode)
    #expect(theme.glyph(.pointer, unicode: false) == "->")
    #expect(theme.glyph(.enter, unicode: false) == "Enter")
  }

  @Test func theExampleInTheBriefReportsAnUnknownSlotWithItsLine() {
    let text = """
      # A broken theme
      name = "broken"
      description = "Broken on purpose"

      [slots]
      text = { fg = "#d0d0d0" }
      lock-secur = { fg = "green" }
      """
    #expect(
      problems(text) == [
        #"themes/broken.toml:7: unknown slot "lock-secur" (did you mean "lock-secure"?)"#
      ])
  }

  @Test func listsEveryProblemWithItsLineInOrder() {
    let text = """
      name = "broken"
      colours = 1
      [slots]
      text = { fg = "#12345" }
      muted = { fg = "purple" }
      accent = { fg = 300 }
      border = { bg = -1 }
      title = { attrs = ["bold", "blink"] }
      focus = { fg = 1.5 }
      field = { colour = "red" }
      selection = "reverse"
      error = { attrs = "bold" }

      [glyphs]
      pointr = { unicode = ">" }
      valid = { unicode = "" }
      invalid = { ascii = "✗" }
      up = { unicode = "↑↑↑↑" }
      down = { unicode = "\\u001b[2J" }
      """
    let found = problems(text)
    let lines = found.map { $0.split(separator: ":")[1] }
    #expect(
      lines == ["2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "15", "16", "17", "18", "19"])
    #expect(found.count == 15)
    #expect(found[0].hasPrefix(#"themes/broken.toml:2: unknown key "colours""#))
    #expect(
      found[1].hasPrefix(##"themes/broken.toml:4: invalid colour "#12345" for slots.text.fg"##))
    #expect(found[2].hasPrefix(#"themes/broken.toml:5: invalid colour "purple""#))
    #expect(found[3].contains("invalid colour 300 for slots.accent.fg; a palette index is 0–255"))
    #expect(found[4].contains("invalid colour -1 for slots.border.bg"))
    #expect(found[5].contains(#"unknown attribute "blink" in slots.title.attrs"#))
    #expect(found[6].contains("slots.focus.fg should be a colour"))
    #expect(found[6].contains("not a floating-point number"))
    #expect(found[7].contains(#"unknown key "colour" in slots.field"#))
    #expect(found[8].contains("slots.selection should be a style"))
    #expect(found[9].contains("slots.error.attrs should be a list"))
    #expect(found[10].contains(#"unknown glyph "pointr" (did you mean "pointer"?)"#))
    #expect(found[11].contains("glyphs.valid.unicode is empty"))
    #expect(found[12].contains("glyphs.invalid.ascii holds U+2717, which is not printable ASCII"))
    #expect(found[13].contains("glyphs.up.unicode \"↑↑↑↑\" is 4 cells wide; at most 3 fit"))
    #expect(found[14].contains("glyphs.down.unicode holds a control character (U+001B)"))
  }

  @Test func aSyntaxErrorGivesLineAndColumn() {
    let found = problems(
      """
      name = "broken"
      [slots]
      text = { fg = "white" 
      """)
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("themes/broken.toml:3:") == true)
    #expect(found.first?.contains("not valid TOML") == true)
  }

  @Test func aDuplicateKeyIsASyntaxError() {
    let found = problems(
      """
      name = "broken"
      [slots]
      text = { fg = "white" }
      text = { fg = "black" }
      """)
    #expect(found.first?.hasPrefix("themes/broken.toml:4:") == true)
  }

  @Test func aMissingNameIsReported() {
    #expect(
      problems("[slots]\ntext = {}\n") == [
        #"themes/broken.toml: missing name = "…": every theme has a name"#
      ])
  }

  @Test(arguments: [
    (#"name = """#, "name is empty"),
    (#"name = 7"#, "name should be a string, not a integer"),
    (#"name = "a/b""#, #"holds a "/""#),
    (#"name = "bad\u001b[2Jname""#, "name holds a control character (U+001B)"),
    (#"name = "rtl\u202Eevil""#, "name holds a control character (U+202E)"),
    ("name = \"\(String(repeating: "n", count: 65))\"", "name is longer than 64 characters"),
  ])
  func refusesBadNames(line: String, message: String) {
    let found = problems(line + "\n")
    #expect(found.count == 1)
    #expect(found.first?.contains("themes/broken.toml:1: ") == true)
    #expect(found.first?.contains(message) == true, "\(found)")
  }

  @Test func refusesControlsInTheDescription() {
    let found = problems("name = \"x\"\ndescription = \"\\u0007bell\"\n")
    #expect(found == ["themes/broken.toml:2: description holds a control character (U+0007)"])
  }

  @Test func errorMessagesNeverCarryTheFilesControlCharacters() {
    let found = problems(
      """
      name = "x"
      [slots]
      "\\u001b]0;owned\\u0007" = { fg = "white" }
      text = { fg = "\\u001b[31m" }
      """)
    #expect(found.count == 2)
    for problem in found {
      #expect(!problem.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }
    #expect(found.contains { $0.contains(#"\u{1b}]0;owned\u{7}"#) })
  }

  @Test func refusesAFileTooLarge() {
    let text = themeText(name: "big") + "\n#" + String(repeating: "x", count: 70_000)
    #expect(
      problems(text) == [
        "themes/broken.toml: the file is \(text.utf8.count) bytes; a theme file may be at most 64 KiB"
      ])
  }

  @Test func refusesNulBytesRawOrEscaped() {
    #expect(problems("name = \"x\"\n\0") == ["themes/broken.toml:2: the file holds a NUL byte"])
    #expect(
      problems("name = \"x\\u0000y\"")
        == ["themes/broken.toml:1: a string holds a NUL character, which a theme never needs"])
  }

  @Test func manyProblemsAreCappedWithACount() {
    let slots = (1...80).map { "nope\($0) = {}" }.joined(separator: "\n")
    let found = problems("name = \"x\"\n[slots]\n" + slots)
    #expect(found.count == 51)
    #expect(found.last == "themes/broken.toml: and 30 more problems")
  }

  @Test func findsTheLineOfKeysWrittenInOtherTOMLForms() {
    let text = """
      name = "x"
      description = '''
      [slots]
      nope = 1
      '''
      [slots.text]
      fg = "white"
      attrs = [
        "bold",
        "blnk",
      ]
      [slots]
      "lock-secure".fg = "nope"
      [glyphs.up]
      ascii = "^^^^"
      """
    let found = problems(text)
    #expect(found.map { String($0.split(separator: ":")[1]) } == ["2", "8", "13", "15"])
    #expect(found.first?.hasSuffix("description holds a control character (U+000A)") == true)
    #expect(
      found.dropFirst().first?.contains(#"unknown attribute "blnk" in slots.text.attrs"#) == true)
  }

  @Test func allowsAWideGlyphUpToThreeCellsAndEnterAsWideAsItsDefault() throws {
    let theme = try Theme.parse(
      themeText(
        name: "x",
        extra: """
          [glyphs]
          lock-secure = { unicode = "🔒!", ascii = "[+]" }
          enter = { ascii = "Enter" }
          """), source: "x.toml")
    #expect(theme.glyph(.lockSecure, unicode: true) == "🔒!")
    #expect(
      problems(themeText(name: "x", extra: "[glyphs]\nlock-secure = { unicode = \"🔒🔒\" }"))
        == [
          #"themes/broken.toml:7: glyphs.lock-secure.unicode "🔒🔒" is 4 cells wide; at most 3 fit"#
        ])
  }
}

import Testing

@testable import OrderCore

@Suite struct TerminalTextTests {
  @Test func keepsPrintableTextAsItIs() {
    let samples = [
      "", "Ada Lovelace", "山田 太郎", "محمد عبد الله", "देवनागरी नाम", "Zoë Saldaña",
      "e\u{301}le\u{300}ve", "👩‍💻 Dev 🇩🇪", "❤️", "tab-free, line-free text",
      "\u{200D}\u{200C}", "«quotes» and ‘apostrophes’",
    ]
    for sample in samples {
      #expect(TerminalText.neutralised(sample) == sample)
      #expect(!TerminalText.containsControls(sample))
    }
  }

  @Test func clearScreenSequenceCannotAct() {
    let result = TerminalText.neutralised("\u{1B}[2J")
    #expect(result == "␛[2J")
    #expect(!TerminalText.containsControls(result))
  }

  @Test func windowTitleSequenceCannotAct() {
    let result = TerminalText.neutralised("\u{1B}]0;pwned\u{7}")
    #expect(result == "␛]0;pwned␇")
    #expect(!result.unicodeScalars.contains("\u{1B}"))
    #expect(!result.unicodeScalars.contains("\u{7}"))
  }

  @Test func eachC0ControlBecomesItsControlPicture() {
    for value in UInt32(0)...0x1F {
      let control = Character(Unicode.Scalar(value)!)
      let picture = Unicode.Scalar(0x2400 + value)!
      #expect(TerminalText.neutralised(String(control)) == String(Character(picture)))
    }
    #expect(TerminalText.neutralised("\u{7F}") == "␡")
    #expect(TerminalText.neutralised("a\r\nb") == "a␍␊b")
    #expect(TerminalText.neutralised("\0") == "␀")
  }

  @Test func c1ControlsBecomeReplacementCharacters() {
    for value in UInt32(0x80)...0x9F {
      let control = String(Character(Unicode.Scalar(value)!))
      #expect(TerminalText.containsControls(control))
      #expect(TerminalText.neutralised(control) == "\u{FFFD}")
    }
    // CSI as one 8-bit control, which some terminals honour.
    #expect(TerminalText.neutralised("\u{9B}31m red") == "\u{FFFD}31m red")
  }

  @Test func bidiOverridesAndIsolatesBecomeReplacementCharacters() {
    let bidi: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
    for value in bidi {
      let text = "invoice\(Character(Unicode.Scalar(value)!))fdp.exe"
      #expect(TerminalText.containsControls(text))
      #expect(TerminalText.neutralised(text) == "invoice\u{FFFD}fdp.exe")
    }
  }

  @Test func neighboursOfTheControlRangesAreKept() {
    // Just outside each replaced range: printable, so kept.
    let kept = [
      "\u{20}", "\u{7E}", "\u{A0}", "\u{A1}", "\u{2029}", "\u{202F}", "\u{2065}", "\u{206A}",
    ]
    for text in kept {
      #expect(!TerminalText.containsControls(text))
      #expect(TerminalText.neutralised(text) == text)
    }
  }

  @Test func keepsTheScalarCount() {
    let text = "\u{1B}[31mred\u{1B}[0m \u{202E}abc\u{9B}"
    #expect(
      TerminalText.neutralised(text).unicodeScalars.count == text.unicodeScalars.count)
  }

  @Test func combiningMarkAfterControlStaysAMark() {
    let result = TerminalText.neutralised("\u{1B}\u{301}")
    #expect(Array(result.unicodeScalars) == ["\u{241B}", "\u{301}"])
  }

  @Test(.timeLimit(.minutes(1)))
  func tenMegabytesOfEscapesAreNeutralised() {
    let hostile = String(repeating: "\u{1B}[2J", count: 2_500_000)
    let result = TerminalText.neutralised(hostile)
    #expect(!TerminalText.containsControls(result))
    #expect(result.unicodeScalars.count == hostile.unicodeScalars.count)
    #expect(result == String(repeating: "␛[2J", count: 2_500_000))
  }
}

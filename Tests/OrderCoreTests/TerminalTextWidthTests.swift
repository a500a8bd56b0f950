import Testing

@testable import OrderCore

@Suite struct TerminalTextWidthTests {
  @Test(arguments: [
    ("", 0), ("abc", 3), ("Zoë", 3), ("e\u{301}", 1), ("山田", 4), ("ｱ", 1), ("Ａ", 2),
    ("한국", 4), ("\u{1100}\u{1161}\u{11A8}", 2), ("😀", 2), ("👩‍💻", 2), ("👨‍👩‍👧‍👦", 2),
    ("🇩🇪", 2), ("❤️", 2), ("❤", 1), ("1️⃣", 2), ("👍🏽", 2), ("…", 1), ("\u{200B}", 0),
    ("\u{AD}", 0), ("a\u{20DD}", 1), ("محمد", 4), ("नमस्ते", 4), ("\u{1B}[2J", 4),
    ("\r\n", 2), ("\u{202E}", 1), ("\u{301}", 0), ("ー", 2), ("、", 2), ("\u{3000}", 2),
  ])
  func displayWidth(text: String, width: Int) {
    #expect(TerminalText.displayWidth(text) == width)
  }

  @Test func controlsTakeTheWidthOfTheirStandIns() {
    let text = "\u{1B}]0;pwned\u{7}\u{9B}\u{2066}x"
    #expect(
      TerminalText.displayWidth(text) == TerminalText.displayWidth(TerminalText.neutralised(text)))
    #expect(TerminalText.displayWidth(text) == text.unicodeScalars.count)
  }

  @Test func textThatFitsIsUnchanged() {
    #expect(TerminalText.truncated("Germany", toWidth: 7) == "Germany")
    #expect(TerminalText.truncated("山田", toWidth: 4) == "山田")
    #expect(TerminalText.truncated("", toWidth: 0) == "")
    #expect(TerminalText.truncated("e\u{301}", toWidth: 1) == "e\u{301}")
  }

  @Test func longTextEndsInAnEllipsis() {
    #expect(TerminalText.truncated("United Kingdom", toWidth: 8) == "United …")
    #expect(TerminalText.truncated("abcdef", toWidth: 1) == "…")
    #expect(TerminalText.truncated("abcdef", toWidth: 2) == "a…")
  }

  @Test func widthZeroOrBelowGivesNothing() {
    #expect(TerminalText.truncated("abc", toWidth: 0) == "")
    #expect(TerminalText.truncated("abc", toWidth: -5) == "")
    // Zero-width text fits in zero cells.
    #expect(TerminalText.truncated("\u{FE0E}", toWidth: 0) == "\u{FE0E}")
    #expect(TerminalText.truncated("\u{301}", toWidth: -1) == "")
  }

  @Test func wideCharactersAreNeverCutInHalf() {
    // Four cells of 山田 do not fit in 4 with an ellipsis: 山 (2) + … (1) = 3.
    #expect(TerminalText.truncated("山田太郎", toWidth: 4) == "山…")
    #expect(TerminalText.truncated("山田太郎", toWidth: 3) == "山…")
    #expect(TerminalText.truncated("山田太郎", toWidth: 2) == "…")
  }

  @Test func emojiAndAccentsStayWhole() {
    #expect(TerminalText.truncated("👨‍👩‍👧‍👦👨‍👩‍👧‍👦", toWidth: 3) == "👨‍👩‍👧‍👦…")
    #expect(TerminalText.truncated("e\u{301}e\u{301}e\u{301}", toWidth: 2) == "e\u{301}…")
    #expect(TerminalText.truncated("🇩🇪🇫🇷", toWidth: 3) == "🇩🇪…")
  }

  @Test(.timeLimit(.minutes(1)))
  func truncatingTenMegabytesKeepsOnlyTheStart() {
    let unit = "山田👩‍💻e\u{301}"
    let huge = String(repeating: unit, count: 1_000_000)
    let result = TerminalText.truncated(huge, toWidth: 80)
    // Each unit is 7 cells wide (2 + 2 + 2 + 1): eleven units (77 cells), then 山 (2) and the
    // ellipsis (1) fill the 80 cells exactly; 田 no longer fits and is not cut in half.
    #expect(result == String(repeating: unit, count: 11) + "山…")
    #expect(TerminalText.displayWidth(result) == 80)
    #expect(huge.hasPrefix(result.dropLast()))
  }
}

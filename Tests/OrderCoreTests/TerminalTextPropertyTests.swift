import PropertyBased
import Testing

@testable import OrderCore

/// Scalars a hostile or just international string may hold.
private let interestingScalars: [Unicode.Scalar] = [
  "\u{0}", "\u{7}", "\u{8}", "\t", "\n", "\r", "\u{1B}", "\u{7F}", "\u{80}", "\u{85}", "\u{9B}",
  "\u{9F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200B}", "\u{200D}", "\u{FE0F}",
  "\u{FE0E}", "\u{301}", "\u{308}", "\u{20E3}", "\u{600}", "\u{1160}", "\u{1100}", "\u{1F3FD}",
  "\u{1F1E9}", "\u{1F1EA}", "\u{1F3FB}", "\u{17C7}", "\u{93E}", "\u{20E3}", "\u{E0067}",
  "\u{E007F}", "👍", "🏳", "a", "Z", "[", "]", ";", " ", "1", "é", "ß", "山", "ｱ", "Ａ", "한",
  "م", "न", "्", "😀", "👩", "💻", "❤", "…", "\u{FFFD}", "␛", "\u{2028}", "\u{3000}",
]

/// Strings mixing control, bidi, combining, wide and emoji scalars with plain text.
private let hostileStrings = Gen.oneOf(
  Gen<Unicode.Scalar?>.element(of: interestingScalars).map { Character($0!) },
  Gen.unicodeScalar(in: "\u{0}"..."\u{2FFF}").map(Character.init),
  Gen.unicodeScalar(in: "\u{1F000}"..."\u{1FAFF}").map(Character.init)
)
.string(of: 0...40)

@Suite struct TerminalTextPropertyTests {
  @Test func neutralisedOutputNeverHoldsAControl() async {
    await propertyCheck(count: 500, input: hostileStrings) { text in
      let result = TerminalText.neutralised(text)
      #expect(!result.unicodeScalars.contains(where: TerminalText.isControl))
      #expect(!TerminalText.containsControls(result))
    }
  }

  @Test func neutralisingIsIdempotent() async {
    await propertyCheck(count: 500, input: hostileStrings) { text in
      let once = TerminalText.neutralised(text)
      #expect(TerminalText.neutralised(once) == once)
    }
  }

  @Test func neutralisingChangesOnlyControls() async {
    await propertyCheck(count: 500, input: hostileStrings) { text in
      let result = Array(TerminalText.neutralised(text).unicodeScalars)
      let original = Array(text.unicodeScalars)
      #expect(result.count == original.count)
      for (before, after) in zip(original, result) where !TerminalText.isControl(before) {
        #expect(before == after)
      }
    }
  }

  @Test func widthIsTheSameBeforeAndAfterNeutralising() async {
    await propertyCheck(count: 500, input: hostileStrings) { text in
      #expect(
        TerminalText.displayWidth(text)
          == TerminalText.displayWidth(TerminalText.neutralised(text)))
    }
  }

  @Test func displayWidthOfASCIIIsItsCount() async {
    await propertyCheck(count: 500, input: Gen.ascii.string(of: 0...100)) { text in
      #expect(TerminalText.displayWidth(text) == text.unicodeScalars.count)
    }
  }

  @Test func displayWidthAddsUpOverCharacters() async {
    await propertyCheck(count: 500, input: hostileStrings) { text in
      let sum = text.reduce(0) { $0 + TerminalText.displayWidth(String($1)) }
      #expect(TerminalText.displayWidth(text) == sum)
    }
  }

  @Test func truncatedTextFitsAndKeepsAPrefix() async {
    await propertyCheck(count: 500, input: hostileStrings, Gen.int(in: -2...50)) { text, width in
      let safe = TerminalText.neutralised(text)
      let result = TerminalText.truncated(safe, toWidth: width)
      #expect(TerminalText.displayWidth(result) <= max(width, 0))
      if TerminalText.displayWidth(safe) <= width {
        #expect(result == safe)
      } else if width > 0 {
        // Compared by scalars: a prepended mark before the cut joins the ellipsis's cluster.
        let kept = Array(result.unicodeScalars.dropLast())
        #expect(result.unicodeScalars.last == "…")
        #expect(Array(safe.unicodeScalars.prefix(kept.count)) == kept)
      }
    }
  }
}

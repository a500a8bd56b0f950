extension TerminalText {
  /// The ellipsis that ``truncated(_:toWidth:)`` puts where text was cut; one cell wide.
  public static let ellipsis = "…"

  /// How many terminal cells `text` takes.
  ///
  /// An emoji sequence (a grapheme cluster that starts with an emoji shown as emoji: one
  /// with emoji presentation, or any emoji followed by U+FE0F) takes 2 cells as a whole, the
  /// way current terminals draw flags, skin tones, keycaps and ZWJ sequences; only scalars
  /// outside the sequence, like a stray spacing mark, add to it. Anything else is the sum of
  /// its scalars, as `wcwidth` counts them: East Asian Wide and Fullwidth characters and
  /// emoji take 2; combining marks, format characters and Hangul medial and final jamo take
  /// 0; everything else takes 1. Ambiguous-width characters such as `…` and `�` count as 1,
  /// as they do outside CJK locales. A control counts as one cell, the width of its
  /// stand-in, so a string and its ``neutralised(_:)`` form have the same width.
  public static func displayWidth(_ text: String) -> Int {
    // Plain ASCII is the common case and is one cell per byte, controls included.
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
    var width = 0
    for character in text {
      width += displayWidth(of: character)
    }
    return width
  }

  /// `text` cut to at most `width` cells, ending in ``ellipsis`` when anything was cut.
  ///
  /// Text that fits is returned unchanged; with no room even for the ellipsis the result is
  /// empty. Cuts fall between grapheme clusters, so an emoji or a letter with its accents is
  /// kept whole or dropped whole; a wide character that does not fit before the ellipsis
  /// leaves its cell empty rather than half drawn. Reads only as much of `text` as fits, so
  /// a huge string costs no more than a short one.
  public static func truncated(_ text: String, toWidth width: Int) -> String {
    var used = 0
    // End of the longest prefix that still leaves one cell for the ellipsis.
    var cut = text.startIndex
    var index = text.startIndex
    while index < text.endIndex {
      let next = text.index(after: index)
      used += displayWidth(of: text[index])
      if used > width { return width > 0 ? String(text[..<cut]) + ellipsis : "" }
      if used < width { cut = next }
      index = next
    }
    return text
  }

  /// The cells one grapheme cluster takes.
  public static func displayWidth(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first, first.properties.isEmoji,
      first.properties.isEmojiPresentation || scalars.contains("\u{FE0F}")
    else { return scalars.reduce(0) { $0 + cellWidth(of: $1) } }
    // The sequence is drawn as one emoji; only scalars outside it, such as a stray spacing
    // mark, add cells, as they would if a control before the emoji had broken the cluster.
    var width = 2
    var previous = first
    for scalar in scalars.dropFirst() {
      if !continuesEmoji(scalar, after: previous) { width += cellWidth(of: scalar) }
      previous = scalar
    }
    return width
  }

  /// Whether `scalar` is drawn inside the emoji before it: the emoji after a zero-width
  /// joiner, a skin tone after a base that takes one, the second half of a flag.
  private static func continuesEmoji(
    _ scalar: Unicode.Scalar, after previous: Unicode.Scalar
  )
    -> Bool
  {
    if previous == "\u{200D}" { return true }
    if scalar.properties.isEmojiModifier { return previous.properties.isEmojiModifierBase }
    let regionalIndicators: ClosedRange<Unicode.Scalar> = "\u{1F1E6}"..."\u{1F1FF}"
    return regionalIndicators.contains(scalar) && regionalIndicators.contains(previous)
  }

  /// The cells one scalar takes on its own: 0, 1 or 2; a control takes its stand-in's 1.
  static func cellWidth(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return value == 0xAD ? 0 : 1 }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return 0
    case .format: return isControl(scalar) ? 1 : 0
    default: break
    }
    // Hangul medial vowels and final consonants join the leading consonant's cell.
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
    return properties.isEmojiPresentation || isWide(value) ? 2 : 1
  }

  /// Whether the scalar value is East Asian Wide or Fullwidth.
  static func isWide(_ value: UInt32) -> Bool {
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = wideRanges[middle]
      if value < range.first {
        high = middle - 1
      } else if value > range.last {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }

  /// East Asian Wide and Fullwidth blocks, first and last scalar, sorted; emoji are found by
  /// their properties.
  ///
  /// Pairs rather than `ClosedRange`s: the first `ClosedRange<UInt32>` a process makes has
  /// the Swift runtime search the binary's conformances for `UInt32: Comparable`, and the
  /// desk's first frame, which measures its glyphs, would wait for that search.
  ///
  /// Whole blocks are listed where nearly all of a block is wide; unassigned scalars in
  /// them are counted wide too, which is what terminals do for the CJK blocks.
  static let wideRanges: [(first: UInt32, last: UInt32)] = [
    (0x1100, 0x115F),  // Hangul leading consonants
    (0x2329, 0x232A),  // angle brackets
    (0x2E80, 0x303E),  // CJK radicals, Kangxi, ideographic description, CJK punctuation
    (0x3041, 0x33FF),  // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
    (0x3400, 0x4DBF),  // CJK extension A
    (0x4E00, 0x9FFF),  // CJK unified ideographs
    (0xA000, 0xA4CF),  // Yi
    (0xA960, 0xA97F),  // Hangul extended A
    (0xAC00, 0xD7A3),  // Hangul syllables
    (0xF900, 0xFAFF),  // CJK compatibility ideographs
    (0xFE10, 0xFE19),  // vertical forms
    (0xFE30, 0xFE6F),  // CJK compatibility forms, small form variants
    (0xFF00, 0xFF60),  // fullwidth forms
    (0xFFE0, 0xFFE6),  // fullwidth signs
    (0x16FE0, 0x16FE4),  // ideographic symbols
    (0x16FF0, 0x16FF1),
    (0x17000, 0x18CFF),  // Tangut, Khitan
    (0x18D00, 0x18D08),
    (0x1AFF0, 0x1B2FF),  // Kana extended and supplement, Nushu
    (0x1F200, 0x1F2FF),  // enclosed ideographic supplement
    (0x20000, 0x2FFFD),  // CJK extensions B to F
    (0x30000, 0x3FFFD),  // CJK extensions G and H
  ]
}

extension Grid {
  /// Single-cell ASCII stand-ins for the punctuation the desk's own text uses.
  static let asciiStandIns: [String: String] = [
    "·": "-", "×": "x", "…": ".", "“": "\"", "”": "\"", "‘": "'", "’": "'", "–": "-", "—": "-",
    "−": "-", "•": "*", "✓": "+", "✗": "x", "→": ">", "←": "<", "↑": "^", "↓": "v",
  ]

  /// The grid with every cell plain ASCII, for a terminal whose locale is not UTF-8.
  ///
  /// Known punctuation gets its stand-in; anything else, such as a product name in Japanese,
  /// shows as `?` in each of its cells, so the layout stays as it was measured.
  public func asciiOnly() -> Grid {
    var copy = self
    copy.transliterate { text in
      if text.unicodeScalars.allSatisfy(\.isASCII) { return text }
      if text.isEmpty { return "?" }
      return Grid.asciiStandIns[text] ?? "?"
    }
    return copy
  }
}

import OrderCore

/// Word wrapping and padding by display width.
enum TextLayout {
  /// `text` broken into lines of at most `width` cells, at spaces where possible.
  static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      // Leading spaces indent every line of the paragraph, by at most half the width less a
      // cell, so that the text beside them always has room for a wide character.
      let spaces = paragraph.prefix { $0 == " " }.count
      let indent = String(repeating: " ", count: min(spaces, max(0, width - 2) / 2))
      let body = paragraph.dropFirst(spaces)
      let wrapped = wrapLine(String(body), width: width - indent.count)
      lines += wrapped.map { indent + $0 }
    }
    return lines
  }

  /// `text` wrapped to `width`, in at most `most` lines; when it needs more, the last one
  /// holds what is left, cut with "…".
  static func wrap(_ text: String, width: Int, atMost most: Int) -> [String] {
    limit(wrap(text, width: width), width: width, to: most)
  }

  /// Wrapped `lines` kept to at most `most`; the last one kept holds what is left of the
  /// others, cut with "…".
  static func limit(_ lines: [String], width: Int, to most: Int) -> [String] {
    guard lines.count > most, most > 0 else { return lines }
    let rest = lines.dropFirst(most - 1).joined(separator: " ")
    return lines.prefix(most - 1) + [TerminalText.truncated(rest, toWidth: width)]
  }

  private static func wrapLine(_ paragraph: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    var lineWidth = 0
    for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
      var word = Substring(word)
      var wordWidth = TerminalText.displayWidth(String(word))
      let gap = line.isEmpty ? 0 : 1
      if lineWidth + gap + wordWidth <= width {
        line += (gap == 1 ? " " : "") + word
        lineWidth += gap + wordWidth
        continue
      }
      // A word longer than a line (a URL, a key) is cut into pieces anyway, so its first
      // piece starts beside a label ("Download: https://…") when at least half a line is left.
      let room = width - lineWidth - gap
      if wordWidth > width, !line.isEmpty, room * 2 >= width,
        case let first = cut(word, width: room), first.width <= room
      {
        line += " " + first.piece
        wordWidth -= first.width
        word = first.rest
      }
      if !line.isEmpty { lines.append(line) }
      while wordWidth > width {
        let next = cut(word, width: width)
        lines.append(next.piece)
        wordWidth -= next.width
        word = next.rest
      }
      line = String(word)
      lineWidth = wordWidth
    }
    lines.append(line)
    return lines
  }

  /// The first piece of `word` that fits in `width` cells, its width and the rest.
  ///
  /// The cut is after the last `/`, `?` or `&` that fits when that keeps more than half the
  /// width, so a link is cut between its parts, else at the edge. A character wider than
  /// `width` is a piece alone.
  private static func cut(
    _ word: Substring, width: Int
  ) -> (piece: String, width: Int, rest: Substring) {
    var piece = ""
    var pieceWidth = 0
    var rest = word
    var lastPart: (piece: String, width: Int, rest: Substring)?
    while let character = rest.first {
      let cells = TerminalText.displayWidth(of: character)
      if pieceWidth + cells > width { break }
      piece.append(character)
      pieceWidth += cells
      rest = rest.dropFirst()
      if character == "/" || character == "?" || character == "&" {
        lastPart = (piece, pieceWidth, rest)
      }
    }
    if let lastPart, lastPart.width * 2 > width, !rest.isEmpty { return lastPart }
    if piece.isEmpty, let character = rest.first {
      return (String(character), TerminalText.displayWidth(of: character), rest.dropFirst())
    }
    return (piece, pieceWidth, rest)
  }

  /// `text` cut or padded to exactly `width` cells.
  static func fit(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    let shown = TerminalText.truncated(text, toWidth: width)
    return shown + String(repeating: " ", count: max(0, width - TerminalText.displayWidth(shown)))
  }

  /// `text` right-aligned in `width` cells.
  static func right(_ text: String, _ width: Int) -> String {
    let shown = TerminalText.truncated(text, toWidth: width)
    return String(repeating: " ", count: max(0, width - TerminalText.displayWidth(shown))) + shown
  }

  /// A calendar date (UTC) for seconds since 1970, as YYYY-MM-DD.
  static func date(epochSeconds: Int64) -> String {
    let days =
      Int(epochSeconds.quotientAndRemainder(dividingBy: 86_400).quotient)
      - (epochSeconds < 0 && epochSeconds % 86_400 != 0 ? 1 : 0)
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthPrime = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
    let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))"
  }
}

extension TextLayout {
  /// "1 item", "3 items".
  static func itemCount(_ count: Int) -> String {
    count == 1 ? "1 item" : "\(count) items"
  }
}

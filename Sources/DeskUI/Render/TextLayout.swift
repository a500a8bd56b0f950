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

  private static func wrapLine(_ paragraph: String, width: Int) -> [String] {
    var lines: [String] = []
    do {
      var line = ""
      var lineWidth = 0
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
        var word = String(word)
        var wordWidth = TerminalText.displayWidth(word)
        let gap = line.isEmpty ? 0 : 1
        if lineWidth + gap + wordWidth <= width {
          line += (gap == 1 ? " " : "") + word
          lineWidth += gap + wordWidth
          continue
        }
        if !line.isEmpty { lines.append(line) }
        line = ""
        lineWidth = 0
        // A word longer than a line (a URL, a key) is cut into pieces: after its last `/`,
        // `?` or `&` that fits when that keeps more than half the line, so a link is cut
        // between its parts, else at the edge.
        while wordWidth > width {
          var piece = ""
          var pieceWidth = 0
          var rest = Substring(word)
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
          if let lastPart, lastPart.width * 2 > width, !rest.isEmpty {
            (piece, pieceWidth, rest) = lastPart
          }
          // A character wider than the whole line goes on a line of its own.
          if piece.isEmpty, let character = rest.first {
            (piece, pieceWidth, rest) = (
              String(character), TerminalText.displayWidth(of: character), rest.dropFirst()
            )
          }
          lines.append(piece)
          word = String(rest)
          wordWidth -= pieceWidth
        }
        line = word
        lineWidth = wordWidth
      }
      lines.append(line)
    }
    return lines
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

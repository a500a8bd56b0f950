/// Rules for the people-facing text in a catalog, and safe quoting of untrusted text.
///
/// Catalog text ends up on a terminal. A control character or an escape sequence in a
/// product name could move the cursor, recolour the screen or hide the price, and a
/// bidirectional override could make a name read differently from what it is, so they are
/// refused rather than filtered.
enum CatalogText {
  /// Longest product family name, in characters.
  static let maximumProductLength = 60
  /// Longest edition name, in characters.
  static let maximumEditionLength = 40
  /// Longest item name, in characters.
  static let maximumNameLength = 80
  /// Longest description, in characters.
  static let maximumDescriptionLength = 1_000

  /// What is wrong with `text` as the value of `field`, or `nil` when it is fine.
  static func problem(_ text: String, field: String, maximumLength: Int) -> String? {
    if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
      return "\(field) must not be empty"
    }
    // Checked before the length so that a long hostile string is named for what it holds.
    if let scalar = text.unicodeScalars.first(where: isRefused) {
      return "\(field) contains the control character \(codePoint(scalar)); "
        + "catalog text must be plain text on one line"
    }
    if let first = text.unicodeScalars.first, first.properties.isWhitespace {
      return "\(field) must not begin with a space"
    }
    if let last = text.unicodeScalars.last, last.properties.isWhitespace {
      return "\(field) must not end with a space"
    }
    // The scalar bound keeps a pile of combining marks on one letter from passing as short.
    if text.unicodeScalars.count > maximumLength * 4 || text.count > maximumLength {
      return "\(field) must be at most \(maximumLength) characters long"
    }
    return nil
  }

  /// Whether a scalar may not appear in catalog text.
  static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    // Line and paragraph separators, Arabic letter mark, LRM/RLM, embeddings, overrides
    // and isolates.
    case 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
      return true
    default:
      return scalar.properties.generalCategory == .control
    }
  }

  /// The `U+XXXX` name of a scalar.
  static func codePoint(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// Untrusted text in double quotes, safe to show: controls written as code points, and
  /// cut to `limit` characters so that a megabyte of junk does not flood a message.
  static func quoted(_ text: String, limit: Int = 40) -> String {
    var result = "\""
    var count = 0
    for character in text {
      if count == limit {
        result += "…"
        break
      }
      if character.unicodeScalars.count > 8 {
        // A letter buried under hundreds of combining marks is shown as its base alone.
        result +=
          character.unicodeScalars.first.map { isRefused($0) ? codePoint($0) : String($0) }
          ?? ""
      } else if character.unicodeScalars.contains(where: isRefused) {
        result += character.unicodeScalars.map { isRefused($0) ? codePoint($0) : String($0) }
          .joined()
      } else if character == "\"" || character == "\\" {
        result += "\\" + String(character)
      } else {
        result.append(character)
      }
      count += 1
    }
    return result + "\""
  }
}

/// The rules for the cardholder's name as printed on the card.
public enum CardholderName {
  /// The most characters a name may have: the name field of a card's magnetic stripe
  /// (track 1, ISO/IEC 7813) holds 26, and cards are embossed to match.
  public static let maximumLength = 26

  /// The most UTF-8 bytes looked at, generous for 26 characters in any script with accents,
  /// so that a 10 MB paste is refused before it is even trimmed.
  static let maximumUTF8Length = maximumLength * 32

  /// The name without surrounding whitespace, if it is acceptable.
  ///
  /// Any script is fine; characters are counted as people see them, so a letter with a
  /// combining accent counts once. Control characters (tabs, line breaks, escape sequences)
  /// and invisible bidirectional overrides are refused because they would garble or disguise
  /// what is shown on screens and receipts.
  public static func normalise(_ name: String) throws(CardholderNameProblem) -> String {
    guard name.utf8.count <= maximumUTF8Length else { throw .tooLong }
    let trimmed = name.trimmingASCIIWhitespace()
    if trimmed.isEmpty { throw .empty }
    if trimmed.unicodeScalars.contains(where: isRefused) { throw .invalidCharacters }
    if trimmed.count > maximumLength { throw .tooLong }
    return trimmed
  }

  private static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .lineSeparator, .paragraphSeparator, .unassigned:
      return true
    default:
      // Bidirectional embeddings, overrides and isolates can make text display reversed.
      return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
  }
}

/// Why a cardholder name was refused.
public enum CardholderNameProblem: Error, Sendable, Hashable, CaseIterable {
  /// Nothing but whitespace was typed.
  case empty
  /// More than 26 characters.
  case tooLong
  /// Control characters, line breaks or invisible direction overrides.
  case invalidCharacters

  /// The problem in words a person understands.
  public var message: String {
    switch self {
    case .empty:
      "Please enter the name as it appears on the card."
    case .tooLong:
      "The name on the card can be at most \(CardholderName.maximumLength) characters long, "
        + "the most a card holds (ISO/IEC 7813). Please shorten it as printed on the card."
    case .invalidCharacters:
      "The name contains characters that cannot be printed, such as tabs, line breaks or "
        + "control codes. Please type it as it appears on the card."
    }
  }
}

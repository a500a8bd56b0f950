import OrderCore

/// The rules a staff passphrase follows (PCI DSS 8.3.6 asks for 12 characters with letters
/// and digits): 12 to 128 characters, at least one letter and one digit, no control
/// characters, and not the account's name inside it.
///
/// The rules apply when a passphrase is chosen (`add`, `reset`); signing in accepts whatever
/// is typed and lets the hash decide.
public enum PassphrasePolicy {
  /// The fewest characters.
  public static let minimumLength = 12
  /// The most characters.
  public static let maximumLength = 128
  /// The most UTF-8 bytes, so that 128 characters of stacked combining marks are refused
  /// too.
  static let maximumBytes = 1024

  /// The first rule `passphrase` breaks for the account `name`, or `nil` when it follows
  /// them all.
  ///
  /// The length is judged first and from the byte count, so a 10 MB paste is refused
  /// without being read character by character.
  public static func problem(_ passphrase: String, name: StaffName) -> PassphraseProblem? {
    guard passphrase.utf8.count <= maximumBytes, passphrase.count <= maximumLength else {
      return .tooLong
    }
    if passphrase.unicodeScalars.contains(where: TerminalText.isControl) {
      return .controlCharacter
    }
    guard passphrase.count >= minimumLength else { return .tooShort }
    guard passphrase.contains(where: \.isLetter) else { return .noLetter }
    guard passphrase.contains(where: \.isNumber) else { return .noDigit }
    if passphrase.lowercased().contains(name.rawValue) { return .containsName(name) }
    return nil
  }
}

/// A rule of ``PassphrasePolicy`` that a passphrase breaks, in words that say how to mend it.
///
/// No message repeats the passphrase.
public enum PassphraseProblem: Sendable, Hashable, CustomStringConvertible {
  /// Fewer than 12 characters.
  case tooShort
  /// More than 128 characters.
  case tooLong
  /// No letter.
  case noLetter
  /// No digit.
  case noDigit
  /// A control character (NUL, tab, a line break, escape, a bidi override).
  case controlCharacter
  /// The account's name, in any case, inside it.
  case containsName(StaffName)

  public var description: String {
    switch self {
    case .tooShort:
      "The passphrase must be at least \(PassphrasePolicy.minimumLength) characters long."
    case .tooLong:
      "The passphrase must be at most \(PassphrasePolicy.maximumLength) characters long."
    case .noLetter: "The passphrase must hold at least one letter."
    case .noDigit: "The passphrase must hold at least one digit."
    case .controlCharacter:
      "The passphrase must not hold control characters (such as NUL, tab or a line break)."
    case .containsName(let name): "The passphrase must not contain the account name '\(name)'."
    }
  }
}

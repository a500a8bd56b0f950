/// A practical syntax check for email addresses, strict enough to catch typing mistakes.
///
/// It does not try to accept everything RFC 5322 allows (quoted local parts, comments, IP
/// literals): nobody types those into an order form, and mail systems reject most of them.
enum EmailRules {
  static let maxLength = 254
  static let maxLocalPartLength = 64
  static let maxDomainLength = 253
  static let maxLabelLength = 63

  /// The error for `raw`, or nil when it is a usable address.
  static func check(_ raw: String) -> FieldError? {
    problem(in: raw).map { FieldError(.customerEmail, $0) }
  }

  /// What is wrong with `raw`, as a sentence that never repeats the input.
  static func problem(in raw: String) -> String? {
    // A scalar is at most 4 bytes, so this refuses only what is surely too long.
    if raw.utf8.count > maxLength * 4 { return tooLong }
    let email = raw.trimmingASCIIWhitespace()
    if email.isEmpty {
      return "Enter an email address; the receipt and licence keys are sent there."
    }
    let scalars = email.unicodeScalars
    if scalars.contains(where: isInvisible) {
      return "Email address must not contain spaces, invisible characters or control characters."
    }
    if scalars.count > maxLength { return tooLong }
    if CardNumberScanner.containsCardNumber(email) {
      return CardNumberScanner.misplacedMessage("Email address")
    }
    // Split on scalars: as characters, "@" followed by a combining mark is not an "@".
    let parts = scalars.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      return "Email address needs exactly one @, like name@example.com."
    }
    return localPartProblem(Substring(parts[0])) ?? domainProblem(Substring(parts[1]))
  }

  private static let tooLong = "Email address must be at most \(maxLength) characters."

  private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    if TerminalText.isControl(scalar) || scalar.properties.isWhitespace { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator: return true
    default: return false
    }
  }

  /// The signs RFC 5322 allows in an unquoted local part besides letters, digits and dots.
  private static let localPartSigns = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

  /// Checks the part before the @: ASCII letters, digits, dots and the RFC 5322 signs.
  ///
  /// Unicode local parts (RFC 6531) are refused because many mail systems still reject
  /// them, and a receipt that never arrives is worse than a clear message now.
  private static func localPartProblem(_ local: Substring) -> String? {
    if local.isEmpty { return "Email address needs a name before the @, like name@example.com." }
    if local.utf8.count > maxLocalPartLength {
      return "The part before the @ must be at most \(maxLocalPartLength) characters."
    }
    let allowed = local.unicodeScalars.allSatisfy { scalar in
      scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "."
          || localPartSigns.contains(scalar))
    }
    if !allowed {
      return "The part before the @ may use only letters a to z, digits, dots and the signs "
        + "! # $ % & ' * + - / = ? ^ _ ` { | } ~."
    }
    // Only ASCII is left here, so characters and scalars are the same.
    if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
      return "The part before the @ cannot start or end with a dot or have two dots in a row."
    }
    return nil
  }

  /// Checks the domain: dot-separated labels of letters (any script), digits and hyphens.
  private static func domainProblem(_ domain: Substring) -> String? {
    if domain.isEmpty { return "Email address needs a domain after the @, like example.com." }
    if domain.unicodeScalars.count > maxDomainLength {
      return "The domain after the @ must be at most \(maxDomainLength) characters."
    }
    let labels = domain.unicodeScalars.split(separator: ".", omittingEmptySubsequences: false)
      .map(Substring.init)
    if labels.count < 2 { return "The domain after the @ needs a dot, like example.com." }
    if labels.contains(where: \.isEmpty) {
      return "The domain after the @ cannot start or end with a dot or have two dots in a row."
    }
    for label in labels {
      if let problem = labelProblem(label) { return problem }
    }
    if let last = labels.last, last.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
      return "The domain must end in a name like .com or .de, not a number."
    }
    if let last = labels.last, last.unicodeScalars.count < 2 {
      return "The domain must end in a name of at least two letters, like .com or .de."
    }
    return nil
  }

  private static func labelProblem(_ label: Substring) -> String? {
    if label.unicodeScalars.count > maxLabelLength {
      return "Each part of the domain between dots must be at most \(maxLabelLength) characters."
    }
    for (offset, scalar) in label.unicodeScalars.enumerated() {
      switch scalar.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .decimalNumber:
        continue
      // Marks belong to the letter before them, as in Hindi or Thai domain names.
      case .nonspacingMark where offset > 0, .spacingMark where offset > 0:
        continue
      default:
        if scalar == "-" { continue }
        return "The domain may use only letters, digits, hyphens and dots, like example.com."
      }
    }
    if label.unicodeScalars.first == "-" || label.unicodeScalars.last == "-" {
      return "Parts of the domain cannot start or end with a hyphen."
    }
    return nil
  }
}

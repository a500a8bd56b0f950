/// The rules for an optional phone number, written the way people write them.
///
/// Digits with the usual separators (`+49 30 1234567`, `(555) 123-4567`, `030.123.4567`);
/// 7 to 15 digits, because E.164 numbers have at most 15 and no real number has fewer than 7;
/// a `+` only at the start, where it means "international".
enum PhoneRules {
  static let digitCount = 7...15
  /// Longer than any well-formed number with separators; refused before looking further.
  static let maxBytes = 64

  /// The error for `raw`, or nil when it is empty or a plausible number.
  static func check(_ raw: String) -> FieldError? {
    problem(in: raw).map { FieldError(.customerPhone, $0) }
  }

  static func problem(in raw: String) -> String? {
    if raw.utf8.count > maxBytes {
      return "Phone number is too long; it can have at most \(digitCount.upperBound) digits."
    }
    let phone = raw.trimmingASCIIWhitespace()
    var digits = 0
    for (offset, scalar) in phone.unicodeScalars.enumerated() {
      switch scalar {
      case "0"..."9":
        digits += 1
      case "+" where offset == 0, " ", "-", "(", ")", ".":
        continue
      case "+":
        return "A + may only come at the start of a phone number."
      default:
        return "Phone number may contain only digits, spaces and the signs + - ( ) ."
      }
    }
    if CardNumberScanner.containsCardNumber(phone) {
      return CardNumberScanner.misplacedMessage("Phone number")
    }
    if phone.isEmpty || digitCount.contains(digits) { return nil }
    return "Phone number must have \(digitCount.lowerBound) to \(digitCount.upperBound) digits."
  }
}

/// The one rule for "this text holds a card number", used by the desk on every text field and
/// by the order service on every free-text field it accepts.
///
/// Text is read the way NFKC normalisation would present it, and more: a digit is any
/// Unicode scalar whose numeric value is a single digit (ASCII, full-width `４`, superscript
/// `⁴`, mathematical `𝟒`, and the decimal digits of every script), so `４２４２…` and
/// `٤٢٤٢…` are the card numbers they look like. Separators of any kind (spaces of every
/// width, dots, dashes, slashes, combining marks, zero-width characters) are dropped; a letter
/// or a line break ends the run, so text of many lines (a log) is read a line at a time. Within a run, any stretch of whole digit groups of 12 to 19 digits that passes
/// the Luhn checksum and is a valid length of a brand whose issuer range it starts in is a card
/// number.
///
/// Two things are left alone: an unbroken run of more than 19 digits (a reference of some
/// other kind, which cannot be cut into a card number without inventing a break), and an
/// international phone number, a `+` followed by a run of at most 15 digits, the most E.164
/// allows; no card is written after a `+`, and a 16- to 19-digit one is still found.
public enum CardNumberScanner {
  /// The fewest digits of any card number (a 12-digit Maestro).
  public static let fewestDigits = 12

  /// The most digits an E.164 phone number has.
  public static let longestPhoneNumber = 15

  /// The parts of `text` that are a card number, in order and not overlapping.
  ///
  /// The work grows with the length of the text: from each group start at most 19 digits are
  /// read, so a 10 MB paste of digits and spaces costs a pass, not its square.
  public static func cardNumbers(in text: String) -> [Range<String.Index>] {
    var found: [Range<String.Index>] = []
    var run = DigitRun()
    var lastNonSpace: Unicode.Scalar?
    let scalars = text.unicodeScalars
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let scalar = scalars[index]
      let next = scalars.index(after: index)
      if let digit = digitValue(scalar) {
        if run.isEmpty { run.afterPlus = lastNonSpace == "+" }
        run.add(digit, at: index, next: next)
      } else if scalar.properties.isAlphabetic || isLineBreak(scalar) {
        found += run.takeCardNumbers()
      } else {
        run.endGroup()
      }
      if !scalar.properties.isWhitespace { lastNonSpace = scalar }
      index = next
    }
    return found + run.takeCardNumbers()
  }

  /// Whether `text` holds a card number; see ``cardNumbers(in:)``.
  public static func containsCardNumber(_ text: String) -> Bool {
    !cardNumbers(in: text).isEmpty
  }

  /// What ``redacted(_:)`` puts in place of a card number.
  public static let standIn = "[card number]"

  /// `text` with every card number in it replaced by ``standIn``, for text that quotes what
  /// someone typed: an error, a log line, an audit record.
  public static func redacted(_ text: some StringProtocol) -> String {
    let text = String(text)
    let ranges = cardNumbers(in: text)
    guard !ranges.isEmpty else { return text }
    var kept = ""
    var rest = text.startIndex
    for range in ranges {
      kept += text[rest..<range.lowerBound] + standIn
      rest = range.upperBound
    }
    return kept + text[rest...]
  }

  /// The error for a field named `label` that holds a card number; it never repeats it.
  public static func misplacedMessage(_ label: String) -> String {
    "\(label) holds what looks like a card number. A card number belongs only in the card "
      + "number field, where it is sealed for the vault."
  }

  /// Whether `scalar` ends a line: line feed, carriage return, and Unicode's own separators.
  static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }

  /// The value 0–9 of a scalar that is a single digit in any script or form, else `nil`.
  ///
  /// Circled and parenthesised numbers above 9 (`⑩`) are not digits, as NFKC turns them into
  /// two; their digits are not run together with their neighbours'.
  public static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
    if scalar.isASCII {
      return (0x30...0x39).contains(scalar.value) ? UInt8(scalar.value - 0x30) : nil
    }
    let properties = scalar.properties
    guard properties.numericType == .decimal || properties.numericType == .digit,
      let value = properties.numericValue, value >= 0, value <= 9, value == value.rounded()
    else { return nil }
    return UInt8(value)
  }
}

/// Digits in groups, as read from text: separators between groups, no letter among them.
private struct DigitRun {
  private struct Group {
    var range: Range<String.Index>
    var firstDigit: Int
    var count: Int
  }

  /// The digits' values 0–9; wiped as soon as the run has been judged.
  private var digits: [UInt8] = []
  private var groups: [Group] = []
  private var current: Group?
  /// Whether a `+` came right before the run's first digit.
  var afterPlus = false

  var isEmpty: Bool { digits.isEmpty }

  mutating func add(_ digit: UInt8, at index: String.Index, next: String.Index) {
    var group = current ?? Group(range: index..<next, firstDigit: digits.count, count: 0)
    group.range = group.range.lowerBound..<next
    group.count += 1
    current = group
    digits.append(digit)
  }

  mutating func endGroup() {
    if let group = current { groups.append(group) }
    current = nil
  }

  /// The card numbers among consecutive whole groups of the run, which then starts afresh.
  ///
  /// From each group on, the first stretch of groups that is a card number counts and the
  /// search goes on after it; no stretch is longer than 19 digits, so this is linear.
  mutating func takeCardNumbers() -> [Range<String.Index>] {
    endGroup()
    defer {
      for index in digits.indices { digits[index] = 0 }
      digits.removeAll(keepingCapacity: true)
      groups.removeAll(keepingCapacity: true)
      afterPlus = false
    }
    if afterPlus && digits.count <= CardNumberScanner.longestPhoneNumber { return [] }
    var found: [Range<String.Index>] = []
    var first = 0
    while first < groups.count {
      var matched: Int?
      let from = groups[first].firstDigit
      var count = 0
      for last in first..<groups.count {
        count += groups[last].count
        guard count <= CardNumberRules.maximumDigits else { break }
        if count >= CardNumberScanner.fewestDigits, Self.isCardNumber(digits[from..<from + count]) {
          matched = last
          break
        }
      }
      if let last = matched {
        found.append(groups[first].range.lowerBound..<groups[last].range.upperBound)
        first = last + 1
      } else {
        first += 1
      }
    }
    return found
  }

  /// Whether digit values make a card number: checksum, brand range and length.
  private static func isCardNumber(_ values: ArraySlice<UInt8>) -> Bool {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: values.count) { buffer in
      defer { SecretBytes.zero(UnsafeMutableRawBufferPointer(buffer)) }
      for (offset, value) in values.enumerated() { buffer[offset] = value + 0x30 }
      return CardNumberRules.evaluate(digits: UnsafeBufferPointer(buffer)).isValid
    }
  }
}

/// The rules for a card's expiry date as people type it: "MM/YY", "MM / YY", "MMYY" or "M/YY".
public enum CardExpiry {
  /// How far ahead an expiry may lie; cards are not issued for longer, so a date further out
  /// is a typing mistake.
  public static let maximumYearsAhead = 20

  /// The longest text looked at; longer input is refused before any other work.
  static let maximumInputLength = 16

  /// The expiry month `text` names, checked against `currentMonth`.
  ///
  /// A card is good through the end of its month, so the current month is accepted and the
  /// month before it is not. A two-digit year is read as the year with those last two digits
  /// that lies closest to the current year, which keeps working across a century change.
  public static func parse(
    _ text: String, currentMonth: YearMonth
  ) throws(CardExpiryProblem) -> YearMonth {
    let (month, year) = try fields(of: text)
    guard (1...12).contains(month) else { throw .invalidMonth }
    let fullYear = resolve(twoDigitYear: year, near: currentMonth.year)
    guard let expiry = YearMonth(year: fullYear, month: month) else { throw .invalidMonth }
    try check(expiry, currentMonth: currentMonth)
    return expiry
  }

  /// Checks an expiry month against `currentMonth`: not past, not too far ahead.
  public static func check(
    _ expiry: YearMonth, currentMonth: YearMonth
  ) throws(CardExpiryProblem) {
    if expiry < currentMonth { throw .expired }
    if expiry > currentMonth.adding(months: maximumYearsAhead * 12) { throw .tooFarAhead }
  }

  /// The month and two-digit year of `text`, before any range checks.
  private static func fields(of text: String) throws(CardExpiryProblem) -> (Int, Int) {
    guard text.utf8.count <= maximumInputLength else { throw .malformed }
    let trimmed = Array(text.trimmingASCIIWhitespace().utf8)
    if trimmed.isEmpty { throw .empty }
    let digits = trimmed.compactMap(CardNumberRules.digitValue)
    if let slash = trimmed.firstIndex(of: UInt8(ascii: "/")) {
      let monthPart = trimmed[..<slash].trimmingSpaces()
      let yearPart = trimmed[(slash + 1)...].trimmingSpaces()
      guard (1...2).contains(monthPart.count), yearPart.count == 2,
        monthPart.allSatisfy({ CardNumberRules.digitValue($0) != nil }),
        yearPart.allSatisfy({ CardNumberRules.digitValue($0) != nil })
      else { throw .malformed }
      return (number(monthPart), number(yearPart))
    }
    guard trimmed.count == 4, digits.count == 4 else { throw .malformed }
    return (number(trimmed[0..<2]), number(trimmed[2..<4]))
  }

  private static func number(_ bytes: some Collection<UInt8>) -> Int {
    bytes.reduce(0) { $0 * 10 + (CardNumberRules.digitValue($1) ?? 0) }
  }

  /// The four-digit year ending in `twoDigitYear` that is nearest to `currentYear`.
  static func resolve(twoDigitYear: Int, near currentYear: Int) -> Int {
    let century = currentYear - ((currentYear % 100) + 100) % 100
    var year = century + twoDigitYear
    if year < currentYear - 50 { year += 100 }
    if year >= currentYear + 50 { year -= 100 }
    return year
  }
}

extension ArraySlice<UInt8> {
  /// The slice without leading and trailing ASCII spaces.
  fileprivate func trimmingSpaces() -> ArraySlice<UInt8> {
    let space = UInt8(ascii: " ")
    guard let first = firstIndex(where: { $0 != space }),
      let last = lastIndex(where: { $0 != space })
    else { return [] }
    return self[first...last]
  }
}

/// Why an expiry date was refused.
public enum CardExpiryProblem: Error, Sendable, Hashable, CaseIterable {
  /// Nothing was typed.
  case empty
  /// The text is not a month and a two-digit year.
  case malformed
  /// The month is not between 01 and 12.
  case invalidMonth
  /// The card's last valid month has passed.
  case expired
  /// The date lies more than `CardExpiry.maximumYearsAhead` years ahead.
  case tooFarAhead

  /// The problem in words a person understands.
  public var message: String {
    switch self {
    case .empty:
      "Please enter the expiry date shown on the card, as MM/YY."
    case .malformed:
      "Please write the expiry date as month and year, MM/YY, for example 04/29."
    case .invalidMonth:
      "The month of the expiry date must be between 01 and 12."
    case .expired:
      "This card has expired. Please use a card that is still valid."
    case .tooFarAhead:
      "This expiry date is more than \(CardExpiry.maximumYearsAhead) years away. Please check it."
    }
  }
}

/// A calendar month of a year, such as July 2031.
///
/// Card expiry is a month, not a day, so this is the "clock" that expiry rules are checked
/// against. Callers inject the current month; nothing in the core reads the system clock.
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The year in the Gregorian calendar, for example 2031.
  public let year: Int
  /// The month of the year, 1 for January through 12 for December.
  public let month: Int

  /// A month, or `nil` when `month` is not in 1...12.
  public init?(year: Int, month: Int) {
    guard (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }

  /// The month, in UTC, of the moment `seconds` after 1970-01-01 00:00 UTC (before it when
  /// negative), in the proleptic Gregorian calendar as `gmtime` counts it.
  ///
  /// Worked out from the day count (Howard Hinnant's `civil_from_days`), so no time zone
  /// database is read for it.
  public init(utcSecondsSince1970 seconds: Int) {
    let days = seconds.quotientFloored(by: 86_400) + 719_468  // days since 0000-03-01
    let era = days.quotientFloored(by: 146_097)
    let dayOfEra = days - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    self.init(uncheckedYear: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month)
  }

  /// The month `months` later (or earlier, when negative).
  ///
  /// Years roll over, so December plus one month is January of the next year. The month
  /// count must stay within `Int` range, as it does for any calendar date.
  public func adding(months: Int) -> YearMonth {
    let total = monthsSinceYearZero + months
    let year = total.quotientFloored(by: 12)
    return YearMonth(uncheckedYear: year, month: total - year * 12 + 1)
  }

  /// The number of months from this month to `other`; negative when `other` is earlier.
  public func months(until other: YearMonth) -> Int {
    other.monthsSinceYearZero - monthsSinceYearZero
  }

  public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
    (lhs.year, lhs.month) < (rhs.year, rhs.month)
  }

  /// The month as `YYYY-MM`, for example `2031-07`.
  public var description: String {
    let monthText = month < 10 ? "0\(month)" : "\(month)"
    return "\(year)-\(monthText)"
  }

  private init(uncheckedYear: Int, month: Int) {
    self.year = uncheckedYear
    self.month = month
  }

  private var monthsSinceYearZero: Int { year * 12 + (month - 1) }

  private enum CodingKeys: String, CodingKey {
    case year
    case month
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let year = try container.decode(Int.self, forKey: .year)
    let month = try container.decode(Int.self, forKey: .month)
    guard let value = YearMonth(year: year, month: month) else {
      throw DecodingError.dataCorruptedError(
        forKey: .month, in: container, debugDescription: "A month must be between 1 and 12.")
    }
    self = value
  }
}

extension Int {
  /// Division that rounds towards negative infinity, so months before year zero still map
  /// to a month in 1...12.
  fileprivate func quotientFloored(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor < 0) ? quotient - 1 : quotient
  }
}

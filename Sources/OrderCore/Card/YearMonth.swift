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

import Foundation
import OrderCore

/// What a member of staff typed into the order search, and how many orders to return.
///
/// The text is trimmed of surrounding white space and then read as the first of these that
/// fits (see ``OrderStore/search(_:)``):
///
/// 1. nothing: the newest orders;
/// 2. exactly four digits: orders paid with a card ending in them;
/// 3. a valid date as `YYYY-MM-DD`: orders created on that day, in UTC;
/// 4. anything containing `@`: orders whose email is exactly this, ignoring case;
/// 5. an order number: that order, or, when no order has that number, the next rule (so a
///    name such as "Lovelace", which is also a well-formed order number, still finds people);
/// 6. anything else: orders whose customer name contains the text, ignoring case in any
///    script, with `%`, `_` and `\` matched as themselves.
public struct OrderQuery: Sendable, Hashable {
  /// The longest text accepted, in Unicode scalars (as the API file's `maxLength` counts),
  /// before trimming.
  public static let maximumTextLength = 200
  /// The most orders one search returns.
  public static let maximumLimit = 200

  /// The text as typed; it may be empty.
  public var text: String
  /// How many orders to return at most, `1...200`; the search refuses any other number.
  public var limit: Int
  /// The first UTC day (`YYYY-MM-DD`) of orders to return; `nil` for no lower bound.
  public var from: String?
  /// The last UTC day (`YYYY-MM-DD`) of orders to return; `nil` for no upper bound.
  public var to: String?

  /// A search for `text` that returns at most `limit` orders, newest first, created between
  /// the days `from` and `to` (both included) when given.
  public init(text: String, limit: Int = 50, from: String? = nil, to: String? = nil) {
    self.text = text
    self.limit = limit
    self.from = from
    self.to = to
  }

  /// The seconds (since 1970, UTC) from the start of `from` to the end of `to`.
  ///
  /// - Throws: ``OrderStoreError/invalidInput(_:)`` when a day is not a valid `YYYY-MM-DD`,
  ///   or `to` comes before `from`.
  func createdRange() throws(OrderStoreError) -> ClosedRange<Int64> {
    func day(_ text: String?, _ name: String) throws(OrderStoreError) -> Int64? {
      guard let text else { return nil }
      guard text.utf8.count == 10, let start = Self.utcDayStart(Array(text.utf8)) else {
        throw .invalidInput("\(name) must be a day written YYYY-MM-DD, such as 2026-12-07")
      }
      return start
    }
    let lower = try day(from, "from") ?? Int64.min
    let upper = try day(to, "to").map { $0 + 86_399 } ?? Int64.max
    guard lower <= upper else { throw .invalidInput("to comes before from") }
    return lower...upper
  }

  /// The limits a search accepts.
  public static let limits = 1...maximumLimit

  /// What the text asks for, once trimmed and checked.
  ///
  /// - Throws: ``OrderStoreError/invalidInput(_:)`` when the text is too long or holds NUL,
  ///   or the limit is outside ``limits``.
  func kind() throws(OrderStoreError) -> Kind {
    guard Self.limits.contains(limit) else {
      throw .invalidInput("the limit must be 1 to \(Self.maximumLimit) orders")
    }
    // The byte count first, so a hostile megabyte is refused without walking its scalars.
    guard text.utf8.count <= Self.maximumTextLength * 4,
      text.unicodeScalars.count <= Self.maximumTextLength
    else {
      throw .invalidInput(
        "the search text is longer than \(Self.maximumTextLength) characters; type less of it")
    }
    guard !text.utf8.contains(0) else {
      throw .invalidInput("the search text holds a NUL character, which cannot be searched for")
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty { return .newest }
    let bytes = Array(trimmed.utf8)
    if bytes.count == 4, bytes.allSatisfy(Self.isDigit) { return .lastFour(trimmed) }
    if let day = Self.utcDayStart(bytes) { return .createdOnDay(start: day) }
    if trimmed.contains("@") { return .email(trimmed) }
    if let number = OrderNumber(trimmed) { return .number(number, orName: trimmed) }
    return .name(trimmed)
  }

  /// What a search looks for.
  enum Kind: Equatable {
    case newest
    case lastFour(String)
    /// Orders created from `start` (seconds since 1970, UTC) for 24 hours.
    case createdOnDay(start: Int64)
    case email(String)
    /// The order with this number; if there is none, orders whose name contains `orName`.
    case number(OrderNumber, orName: String)
    case name(String)
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  /// The first second of the UTC day `YYYY-MM-DD` in `bytes`, or `nil` if they are not a
  /// valid date in that form.
  private static func utcDayStart(_ bytes: [UInt8]) -> Int64? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
    else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for byte in bytes[range] {
        guard isDigit(byte) else { return nil }
        value = value * 10 + Int64(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
    else { return nil }
    return daysSince1970(year: year, month: month, day: day) * 86_400
  }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2:
      let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
  /// `days_from_civil`).
  private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
    let year = month <= 2 ? year - 1 : year
    let era = (year >= 0 ? year : year - 399) / 400
    let yearOfEra = year - era * 400
    let monthFromMarch = (month + 9) % 12
    let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}

import Foundation
import OrderDeskTestSupport
import Testing

@testable import OrderCore

@Suite("YearMonth")
struct CardYearMonthTests {
  @Test func monthsOutsideOneToTwelveAreRefused() {
    #expect(YearMonth(year: 2025, month: 0) == nil)
    #expect(YearMonth(year: 2025, month: 13) == nil)
    #expect(YearMonth(year: 2025, month: -1) == nil)
    #expect(YearMonth(year: 2025, month: 1)?.month == 1)
    #expect(YearMonth(year: 2025, month: 12)?.year == 2025)
  }

  @Test func addingMonthsRollsOverYears() throws {
    let december = try #require(YearMonth(year: 2025, month: 12))
    #expect(december.adding(months: 1) == YearMonth(year: 2026, month: 1))
    #expect(december.adding(months: 0) == december)
    #expect(december.adding(months: 240) == YearMonth(year: 2045, month: 12))
    #expect(december.adding(months: -12) == YearMonth(year: 2024, month: 12))
    let january = try #require(YearMonth(year: 2026, month: 1))
    #expect(january.adding(months: -1) == december)
    #expect(january.adding(months: -13) == YearMonth(year: 2024, month: 12))
    let yearOne = try #require(YearMonth(year: 0, month: 1))
    #expect(yearOne.adding(months: -1) == YearMonth(year: -1, month: 12))
    #expect(december.months(until: january) == 1)
    #expect(january.months(until: december) == -1)
  }

  @Test func ordersByYearThenMonth() throws {
    let a = try #require(YearMonth(year: 2025, month: 12))
    let b = try #require(YearMonth(year: 2026, month: 1))
    let c = try #require(YearMonth(year: 2026, month: 2))
    #expect(a < b && b < c)
    #expect([c, a, b].sorted() == [a, b, c])
    #expect(!(b < b))
  }

  @Test func descriptionIsYearDashMonth() throws {
    #expect(try #require(YearMonth(year: 2031, month: 7)).description == "2031-07")
    #expect(try #require(YearMonth(year: 2031, month: 11)).description == "2031-11")
  }

  @Test func codableRoundTripAndValidation() throws {
    let value = try #require(YearMonth(year: 2031, month: 7))
    let data = try JSONEncoder().encode(value)
    #expect(try JSONDecoder().decode(YearMonth.self, from: data) == value)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(YearMonth.self, from: Data(#"{"year":2031,"month":13}"#.utf8))
    }
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(YearMonth.self, from: Data(#"{"year":2031}"#.utf8))
    }
  }

  @Test(arguments: [
    (0, 1970, 1), (-1, 1969, 12), (951_782_399, 2000, 2), (951_868_800, 2000, 3),
    (1_796_083_199, 2026, 11), (1_796_083_200, 2026, 12), (4_107_542_400, 2100, 3),
    (-62_135_596_800, 1, 1), (253_402_300_799, 9999, 12),
  ])
  func theUTCMonthOfAMomentFollowsTheGregorianCalendar(seconds: Int, year: Int, month: Int) {
    #expect(YearMonth(utcSecondsSince1970: seconds) == YearMonth(year: year, month: month))
  }

  @Test func theUTCMonthOfAMomentAgreesWithGmtime() {
    var generator = SeededGenerator(seed: 1970)
    for _ in 0..<20_000 {
      // From 1900 to 2400, half of them at midnight UTC or one second before it.
      var seconds = Int.random(in: -2_208_988_800...13_569_465_600, using: &generator)
      if Bool.random(using: &generator) { seconds -= seconds % 86_400 + Int.random(in: 0...1) }
      var time = time_t(seconds)
      var parts = tm()
      #expect(gmtime_r(&time, &parts) != nil)
      let expected = YearMonth(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1)
      #expect(YearMonth(utcSecondsSince1970: seconds) == expected, "at \(seconds)")
    }
  }
}

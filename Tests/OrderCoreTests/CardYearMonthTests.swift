import Foundation
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
}

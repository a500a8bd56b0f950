import PropertyBased
import Testing

@testable import OrderCore

@Suite("Card expiry")
struct CardExpiryTests {
  private static func month(_ year: Int, _ month: Int) -> YearMonth {
    YearMonth(year: year, month: month)!
  }

  private let june2025: YearMonth = Self.month(2025, 6)

  private func parse(
    _ text: String, now: YearMonth? = nil
  ) throws(CardExpiryProblem)
    -> YearMonth
  {
    try CardExpiry.parse(text, currentMonth: now ?? june2025)
  }

  @Test(arguments: ["06/25", "06 / 25", "0625", "6/25", " 06/25 ", "06/ 25", "6 /25", "\t06/25\n"])
  func acceptedForms(text: String) throws {
    #expect(try parse(text) == Self.month(2025, 6))
  }

  @Test func thisMonthIsGoodLastMonthIsNot() throws {
    #expect(try parse("06/25") == Self.month(2025, 6))
    #expect(throws: CardExpiryProblem.expired) { try parse("05/25") }
    #expect(throws: CardExpiryProblem.expired) { try parse("12/24") }
    #expect(throws: CardExpiryProblem.expired) { try parse("0125") }
  }

  @Test func twentyYearsAheadIsTheLimit() throws {
    #expect(try parse("06/45") == Self.month(2045, 6))
    #expect(throws: CardExpiryProblem.tooFarAhead) { try parse("07/45") }
    #expect(throws: CardExpiryProblem.tooFarAhead) { try parse("12/74") }
  }

  @Test func decemberToJanuaryRollover() throws {
    let december = Self.month(2025, 12)
    #expect(try parse("12/25", now: december) == december)
    #expect(throws: CardExpiryProblem.expired) { try parse("11/25", now: december) }
    #expect(try parse("01/26", now: december) == Self.month(2026, 1))
    let january = Self.month(2026, 1)
    #expect(throws: CardExpiryProblem.expired) { try parse("12/25", now: january) }
    #expect(try parse("01/26", now: january) == january)
    #expect(try parse("12/45", now: december) == Self.month(2045, 12))
    #expect(throws: CardExpiryProblem.tooFarAhead) { try parse("01/46", now: december) }
  }

  @Test(arguments: ["00/26", "13/26", "0/26", "99/26", "0026", "1326"])
  func monthsOutsideTheYearAreRefused(text: String) {
    #expect(throws: CardExpiryProblem.invalidMonth) { try parse(text) }
  }

  @Test(arguments: ["", "   ", "\t\n"])
  func emptyIsEmpty(text: String) {
    #expect(throws: CardExpiryProblem.empty) { try parse(text) }
  }

  @Test(arguments: [
    "6/2025", "06/2025", "062025", "625", "06252", "06-25", "06.25", "ab/cd", "06/2", "/25",
    "06/", "1/2/25", "06/25\u{1B}", "\u{1B}[31m06/25", "０６/２５", "06/25💳", "0\u{301}6/25",
    "06\u{0}/25", "-6/25", "+6/25", "06//25", "06 25",
  ])
  func malformedInputIsRefused(text: String) {
    #expect(throws: CardExpiryProblem.malformed) { try parse(text) }
  }

  @Test(.timeLimit(.minutes(1)))
  func hugeInputIsRefusedAsMalformed() {
    // A valid expiry padded with 10 MB of whitespace is refused too: the length limit is
    // applied before trimming, so the padding is never scanned.
    let inputs = [CardTestKit.huge("0"), CardTestKit.huge(" "), "06/25" + CardTestKit.huge(" ")]
    for input in inputs {
      #expect(throws: CardExpiryProblem.malformed) { try parse(input) }
    }
  }

  @Test func twoDigitYearsResolveNearTheCurrentYear() throws {
    #expect(CardExpiry.resolve(twoDigitYear: 25, near: 2025) == 2025)
    #expect(CardExpiry.resolve(twoDigitYear: 74, near: 2025) == 2074)
    #expect(CardExpiry.resolve(twoDigitYear: 75, near: 2025) == 1975)
    #expect(CardExpiry.resolve(twoDigitYear: 3, near: 2098) == 2103)
    #expect(CardExpiry.resolve(twoDigitYear: 99, near: 2001) == 1999)
    // Across a century change a card typed as "05/03" in 2098 is good until 2103.
    #expect(try parse("05/03", now: Self.month(2098, 6)) == Self.month(2103, 5))
    #expect(throws: CardExpiryProblem.expired) { try parse("12/99", now: Self.month(2101, 1)) }
  }

  @Test func problemMessagesAreSentences() {
    for problem in CardExpiryProblem.allCases {
      #expect(problem.message.hasSuffix("."))
      #expect(problem.message.first?.isUppercase == true)
    }
    #expect(CardExpiryProblem.tooFarAhead.message.contains("20 years"))
  }

  @Test func everyMonthInTheWindowIsAcceptedAndNoneOutside() async {
    await propertyCheck(
      count: 300, input: Gen.int(in: 2000...2200), Gen.int(in: 1...12),
      Gen.int(in: -30...260)
    ) { year, monthNumber, offset in
      let now = Self.month(year, monthNumber)
      let expiry = now.adding(months: offset)
      let yy = expiry.year % 100
      let text =
        (expiry.month < 10 ? "0" : "") + "\(expiry.month)/" + (yy < 10 ? "0" : "")
        + "\(yy)"
      let result = Result { () throws(CardExpiryProblem) in
        try CardExpiry.parse(text, currentMonth: now)
      }
      switch offset {
      case ..<0: #expect(result == .failure(.expired))
      case 0...240: #expect(result == .success(expiry))
      default: #expect(result == .failure(.tooFarAhead))
      }
    }
  }
}

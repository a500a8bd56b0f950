import Testing

@testable import OrderCore

@Suite("Money")
struct MoneyTests {
  @Test(
    "amounts format with symbol, grouping and minor digits",
    arguments: [
      (123_450, Currency.eur, "€1,234.50", "EUR 1,234.50", "1234.50"),
      (1_235, .jpy, "¥1,235", "JPY 1,235", "1235"),
      (-123_450, .eur, "-€1,234.50", "-EUR 1,234.50", "-1234.50"),
      (0, .eur, "€0.00", "EUR 0.00", "0.00"),
      (0, .jpy, "¥0", "JPY 0", "0"),
      (5, .usd, "$0.05", "USD 0.05", "0.05"),
      (-5, .gbp, "-£0.05", "-GBP 0.05", "-0.05"),
      (99_999, .gbp, "£999.99", "GBP 999.99", "999.99"),
      (100_000, .usd, "$1,000.00", "USD 1,000.00", "1000.00"),
      (999, .jpy, "¥999", "JPY 999", "999"),
      (1_000_000, .jpy, "¥1,000,000", "JPY 1,000,000", "1000000"),
      (
        Int64.max, .eur, "€92,233,720,368,547,758.07", "EUR 92,233,720,368,547,758.07",
        "92233720368547758.07"
      ),
      (
        Int64.min, .eur, "-€92,233,720,368,547,758.08", "-EUR 92,233,720,368,547,758.08",
        "-92233720368547758.08"
      ),
      (
        Int64.min, .jpy, "-¥9,223,372,036,854,775,808", "-JPY 9,223,372,036,854,775,808",
        "-9223372036854775808"
      ),
    ])
  func formatting(units: Int64, currency: Currency, symbol: String, code: String, decimal: String) {
    let money = Money(minorUnits: units, currency: currency)
    #expect(money.description == symbol)
    #expect(money.formatted(.code) == code)
    #expect(money.decimalString == decimal)
  }

  @Test("mixing currencies is refused")
  func mismatch() {
    let euro = Money(minorUnits: 100, currency: .eur)
    let dollar = Money(minorUnits: 100, currency: .usd)
    #expect(throws: MoneyError.currencyMismatch(.eur, .usd)) { try euro.adding(dollar) }
    #expect(throws: MoneyError.currencyMismatch(.usd, .eur)) { try dollar.subtracting(euro) }
    #expect(throws: MoneyError.currencyMismatch(.eur, .usd)) { try euro.isLess(than: dollar) }
    #expect(throws: MoneyError.currencyMismatch(.jpy, .eur)) { try Money.sum([euro], in: .jpy) }
  }

  @Test("overflow is refused, not wrapped")
  func overflow() throws {
    let max = Money(minorUnits: .max, currency: .eur)
    let min = Money(minorUnits: .min, currency: .eur)
    let one = Money(minorUnits: 1, currency: .eur)
    #expect(throws: MoneyError.overflow) { try max.adding(one) }
    #expect(throws: MoneyError.overflow) { try min.subtracting(one) }
    #expect(throws: MoneyError.overflow) { try max.multiplied(by: 2) }
    #expect(throws: MoneyError.overflow) { try min.multiplied(by: -1) }
    #expect(throws: MoneyError.overflow) { try Money.sum([max, one], in: .eur) }
    #expect(try max.subtracting(one).adding(one) == max)
    #expect(try Money.sum([], in: .gbp) == .zero(.gbp))
    #expect(try one.multiplied(by: 0).isZero)
  }

  @Test(
    "currency codes parse in any case, but Unicode look-alikes do not",
    arguments: [
      ("EUR", Currency?.some(.eur)), ("eur", .eur), (" usd\t", .usd), ("Jpy", .jpy),
      ("uſd", nil), ("ＥＵＲ", nil), ("EURO", nil), ("", nil), ("EU", nil), ("€", nil),
      ("E\u{1B}R", nil),
      ("gbp\u{0}", nil), ("ınr", nil),
    ])
  func currencyCodes(text: String, expected: Currency?) {
    #expect(Currency(code: text) == expected)
  }

  @Test("a 10 MB currency code is refused", .timeLimit(.minutes(1)))
  func hugeCode() {
    let huge = String(repeating: "E", count: 10_000_000)
    #expect(Currency(code: huge) == nil)
    #expect(Currency(code: "EUR" + huge) == nil)
  }

  @Test("currencies know their minor units")
  func minorUnits() {
    #expect(Currency.allCases.map(\.minorUnitsPerMajor) == [100, 100, 100, 1])
    #expect(Currency.allCases.map(\.minorUnitName) == ["cents", "cents", "pence", "yen"])
  }
}

import Testing

@testable import OrderCore

@Suite("Tax rates")
struct TaxRatesTests {
  @Test("the EU table holds the 27 standard rates in force in 2026")
  func euTable() throws {
    let expected: [String: Int] = [
      "AT": 2000, "BE": 2100, "BG": 2000, "HR": 2500, "CY": 1900, "CZ": 2100, "DK": 2500,
      "EE": 2400, "FI": 2550, "FR": 2000, "DE": 1900, "GR": 2400, "HU": 2700, "IE": 2300,
      "IT": 2200, "LV": 2100, "LT": 2100, "LU": 1700, "MT": 1800, "NL": 2100, "PL": 2300,
      "PT": 2300, "RO": 2100, "SK": 2300, "SI": 2200, "ES": 2100, "SE": 2500,
    ]
    #expect(TaxRates.euStandard.standardRates.count == 27)
    #expect(TaxRates.euStandard.standardRates.mapValues(\.basisPoints) == expected)
    for (country, basisPoints) in expected {
      #expect(
        try TaxRates.euStandard.rate(for: .standard, in: country.lowercased()).basisPoints
          == basisPoints)
    }
  }

  @Test(
    "countries outside the table pay no VAT",
    arguments: ["US", "JP", "GB", "CH", "NO", "EL", "XK", "zz"])
  func outside(country: String) throws {
    #expect(try TaxRates.euStandard.rate(for: .standard, in: country) == .zero)
    #expect(try TaxRates.none.rate(for: .standard, in: "DE") == .zero)
  }

  @Test(
    "a malformed country is refused, not sold tax-free",
    arguments: [
      "", "D", "DEU", "D1", "Dé", "ＤＥ", "\u{1B}D", String(repeating: "x", count: 10_000_000),
    ])
  func malformed(country: String) {
    #expect(throws: PricingError.invalidCountry) {
      try TaxRates.euStandard.rate(for: .standard, in: country)
    }
  }

  @Test("custom tables check their keys and store them in upper case")
  func custom() throws {
    let rates = try TaxRates(standardRates: ["ch": try #require(TaxRate(basisPoints: 810))])
    #expect(rates.standardRates.keys.sorted() == ["CH"])
    #expect(try rates.rate(for: .standard, in: "CH").description == "8.1%")
    #expect(throws: PricingError.invalidCountry) { try TaxRates(standardRates: ["CHE": .zero]) }
  }

  @Test(
    "rates are 0 to 10,000 basis points and print without needless zeros",
    arguments: [
      (0, "0%"), (5, "0.05%"), (50, "0.5%"), (550, "5.5%"), (1205, "12.05%"), (1900, "19%"),
      (2550, "25.5%"), (10_000, "100%"),
    ])
  func rates(basisPoints: Int, text: String) throws {
    #expect(try #require(TaxRate(basisPoints: basisPoints)).description == text)
  }

  @Test("rates outside 0…100 % do not exist")
  func outOfRange() throws {
    for value in [-1, 10_001, Int.min, Int.max] { #expect(TaxRate(basisPoints: value) == nil) }
    #expect(throws: DecodingError.self) { try CommerceJSON.decode(TaxRate.self, from: "10001") }
    #expect(try CommerceJSON.decode(TaxRate.self, from: "2550") == TaxRate(basisPoints: 2550))
  }
}

import Testing

@testable import OrderCore

/// VAT is rounded once per quote, half up, to the currency's minor unit.
@Suite("Pricing: tax rounding")
struct PricingRoundingTests {
  /// A catalog of one-off items with exact prices, so every boundary can be hit.
  let catalog: Catalog = {
    func item(_ code: String, eur: Int64, jpy: Int64) -> CatalogItem {
      CatalogItem(
        sku: sku(code), product: "Test", name: code, description: "Test item.", kind: .download,
        prices: [
          .eur: Money(minorUnits: eur, currency: .eur),
          .jpy: Money(minorUnits: jpy, currency: .jpy),
        ])
    }
    return try! Catalog(items: [
      item("HALF", eur: 150, jpy: 1_005), item("OTHER-HALF", eur: 150, jpy: 1_015),
      item("BELOW", eur: 149, jpy: 1_004), item("EURO", eur: 100, jpy: 100),
      item("ONE", eur: 1, jpy: 1_025), item("TWO", eur: 2, jpy: 2), item("THREE", eur: 3, jpy: 3),
    ])
  }()

  let japan = try! TaxRates(standardRates: ["JP": TaxRate(basisPoints: 1_000)!])

  func tax(
    _ lines: [(String, Int)], _ currency: Currency, _ country: String, rates: TaxRates = .euStandard
  ) throws -> Int64 {
    let cart = try Cart(lines: lines.map { CartLine(sku: sku($0.0), quantity: $0.1) })
    let quote = try Pricing.quote(
      cart: cart, catalog: catalog, currency: currency, country: country, rates: rates)
    #expect(
      quote.total.minorUnits == quote.subtotal.minorUnits + quote.tax.minorUnits
        + quote.shipping.minorUnits)
    return quote.tax.minorUnits
  }

  @Test("exactly half a cent rounds up; just under rounds down")
  func euroBoundaries() throws {
    #expect(try tax([("HALF", 1)], .eur, "DE") == 29)  // 28.5
    #expect(try tax([("BELOW", 1)], .eur, "DE") == 28)  // 28.31
    #expect(try tax([("EURO", 1)], .eur, "FI") == 26)  // 25.5
    #expect(try tax([("ONE", 1)], .eur, "FI") == 0)  // 0.255
    #expect(try tax([("TWO", 1)], .eur, "FI") == 1)  // 0.51
    #expect(try tax([("THREE", 1)], .eur, "FI") == 1)  // 0.765
    #expect(try tax([("ONE", 1)], .eur, "LU") == 0)  // 0.17
  }

  @Test("tax is rounded once per quote, not per line")
  func oncePerQuote() throws {
    // Per line: 28.5 → 29 twice = 58. Per quote: 300 × 19 % = 57.
    #expect(try tax([("HALF", 1), ("OTHER-HALF", 1)], .eur, "DE") == 57)
    #expect(try tax([("HALF", 2)], .eur, "DE") == 57)
    // Per line: 0.255 → 0 three times. Per quote: 3 × 0.255 = 0.765 → 1.
    #expect(try tax([("ONE", 3)], .eur, "FI") == 1)
  }

  @Test("yen have no minor digits: ¥100.5 rounds to ¥101, ¥102.5 to ¥103 (half up, not to even)")
  func yenBoundaries() throws {
    #expect(try tax([("HALF", 1)], .jpy, "JP", rates: japan) == 101)  // 100.5
    #expect(try tax([("BELOW", 1)], .jpy, "JP", rates: japan) == 100)  // 100.4
    #expect(try tax([("OTHER-HALF", 1)], .jpy, "JP", rates: japan) == 102)  // 101.5
    #expect(try tax([("ONE", 1)], .jpy, "JP", rates: japan) == 103)  // 102.5
    #expect(try tax([("EURO", 1)], .jpy, "FI") == 26)  // 25.5
    #expect(try tax([("HALF", 1), ("ONE", 1)], .jpy, "JP", rates: japan) == 203)  // 203.0
  }

  @Test("the tax function at the limits of 64 bits")
  func extremes() throws {
    let full = try #require(TaxRate(basisPoints: 10_000))
    let standard = try #require(TaxRate(basisPoints: 1_900))
    let half = try #require(TaxRate(basisPoints: 5_000))
    func eur(_ units: Int64) -> Money { Money(minorUnits: units, currency: .eur) }
    #expect(try Pricing.tax(on: eur(.max), at: full) == eur(.max))
    let expected = (Int128(Int64.max) * 1_900 + 5_000) / 10_000
    #expect(try Pricing.tax(on: eur(.max), at: standard).minorUnits == Int64(expected))
    #expect(try Pricing.tax(on: eur(.min), at: half) == eur(-(1 << 62)))
    #expect(throws: PricingError.overflow) { try Pricing.tax(on: eur(.min), at: full) }
    #expect(try Pricing.tax(on: eur(-150), at: standard) == eur(-29))
    #expect(try Pricing.tax(on: eur(0), at: full) == eur(0))
    #expect(try Pricing.tax(on: eur(.max), at: .zero) == eur(0))
  }
}

import PropertyBased
import Testing

@testable import OrderCore

@Suite("Pricing properties")
struct PricingPropertyTests {
  static let demo = try! Catalog.demo
  static let line = zip(Gen<CatalogItem?>.element(of: demo.items).map { $0! }, Gen.int(in: 1...99))
  static let currency = Gen<Currency?>.element(of: Currency.allCases).map { $0! }
  static let country = Gen<String?>.element(of: ["DE", "FI", "HU", "LU", "US", "JP", "GB", "ch"])
    .map { $0! }

  /// Half up, computed independently in 128 bits.
  static func expectedTax(_ base: Int64, _ basisPoints: Int) -> Int64 {
    Int64((Int128(base) * Int128(basisPoints) + 5_000) / 10_000)
  }

  @Test("total == subtotal + tax + shipping, tax is never negative and matches a 128-bit oracle")
  func totals() async {
    await propertyCheck(count: 400, input: Self.line.array(of: 1...12), Self.currency, Self.country)
    { lines, currency, country in
      var cart = Cart()
      for (item, quantity) in lines where cart.quantity(of: item.sku) + quantity <= 99 {
        try cart.add(item.sku, quantity: quantity)
      }
      let items = cart.lines.compactMap { Self.demo.item(for: $0.sku) }
      guard items.allSatisfy({ $0.price(in: currency) != nil }) else {
        #expect(throws: PricingError.self) {
          try Pricing.quote(cart: cart, catalog: Self.demo, currency: currency, country: country)
        }
        return
      }
      let quote = try Pricing.quote(
        cart: cart, catalog: Self.demo, currency: currency, country: country)
      #expect(
        quote.total.minorUnits == quote.subtotal.minorUnits + quote.tax.minorUnits
          + quote.shipping.minorUnits)
      #expect(quote.tax.minorUnits >= 0)
      #expect(quote.lines.map(\.sku) == cart.lines.map(\.sku))
      #expect(
        quote.lines.allSatisfy {
          $0.lineTotal.minorUnits == $0.unitPrice.minorUnits * Int64($0.quantity)
        })
      #expect(quote.subtotal.minorUnits == quote.lines.reduce(0) { $0 + $1.lineTotal.minorUnits })
      let boxes = zip(cart.lines, items).filter { $1.kind == .boxed }.reduce(0) {
        $0 + $1.0.quantity
      }
      #expect(quote.requiresShipping == (boxes > 0))
      if let rate = Self.demo.shippingRate(in: currency), boxes > 0 {
        #expect(
          quote.shipping.minorUnits == rate.firstItem.minorUnits + Int64(boxes - 1)
            * rate.eachAdditionalItem.minorUnits)
      } else {
        #expect(quote.shipping.isZero)
      }
      let rate = TaxRates.euStandard.standardRates[country.uppercased()]?.basisPoints ?? 0
      #expect(
        quote.tax.minorUnits
          == Self.expectedTax(quote.subtotal.minorUnits + quote.shipping.minorUnits, rate))
      #expect(
        [quote.subtotal, quote.tax, quote.shipping, quote.total].allSatisfy {
          $0.currency == currency
        })
    }
  }

  @Test("the tax function matches the oracle, never exceeds the base and grows with it")
  func taxFunction() async {
    let base = Gen.int64(in: 0...Int64.max)
    await propertyCheck(count: 1_000, input: base, Gen.int(in: 0...10_000)) { base, basisPoints in
      let rate = try #require(TaxRate(basisPoints: basisPoints))
      let tax = try Pricing.tax(on: Money(minorUnits: base, currency: .jpy), at: rate)
      #expect(tax.minorUnits == Self.expectedTax(base, basisPoints))
      #expect(tax.minorUnits >= 0 && tax.minorUnits <= base)
      if base < Int64.max {
        #expect(
          try Pricing.tax(on: Money(minorUnits: base + 1, currency: .jpy), at: rate).minorUnits
            >= tax.minorUnits)
      }
    }
  }
}

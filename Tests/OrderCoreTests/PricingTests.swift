import Testing

@testable import OrderCore

@Suite("Pricing")
struct PricingTests {
  func cart(_ lines: (String, Int)...) throws -> Cart {
    try Cart(lines: lines.map { CartLine(sku: sku($0.0), quantity: $0.1) })
  }

  func quote(
    _ cart: Cart, _ currency: Currency, _ country: String, rates: TaxRates = .euStandard
  ) throws -> Quote {
    try Pricing.quote(
      cart: cart, catalog: try Catalog.demo, currency: currency, country: country, rates: rates)
  }

  @Test("Germany: 19 % on a download")
  func germany() throws {
    let quote = try quote(try cart(("INKWELL-PRO", 1)), .eur, "DE")
    #expect(
      quote.lines == [
        QuoteLine(
          sku: sku("INKWELL-PRO"), name: "Inkwell Pro", quantity: 1,
          unitPrice: Money(minorUnits: 8900, currency: .eur),
          lineTotal: Money(minorUnits: 8900, currency: .eur), requiresShipping: false)
      ])
    #expect(quote.subtotal.minorUnits == 8900)
    #expect(quote.taxRate.description == "19%")
    #expect(quote.tax.minorUnits == 1691)
    #expect(quote.shipping.isZero && !quote.requiresShipping)
    #expect(quote.total.description == "€105.91")
    #expect(quote.currency == .eur && quote.country == "DE")
  }

  @Test("Finland: 25.5 %, where €89.00 gives exactly half a cent and rounds up")
  func finland() throws {
    let quote = try quote(try cart(("INKWELL-PRO", 1)), .eur, "fi")
    #expect(quote.country == "FI")
    #expect(quote.taxRate.description == "25.5%")
    // 8900 × 25.5 % = 2269.5 cents.
    #expect(quote.tax.minorUnits == 2270)
    #expect(quote.total.description == "€111.70")
  }

  @Test("United States: no VAT in the table, so none is charged")
  func unitedStates() throws {
    let quote = try quote(try cart(("INKWELL-PRO", 2), ("LUMEN-PHOTO", 1)), .usd, "US")
    #expect(quote.subtotal.minorUnits == 2 * 9900 + 7900)
    #expect(quote.taxRate == .zero && quote.tax.isZero)
    #expect(quote.total.description == "$277.00")
  }

  @Test("Japan in yen: no VAT from the EU table, 10 % consumption tax from a table that has it")
  func japan() throws {
    let order = try cart(("INKWELL-PRO", 1))
    let untaxed = try quote(order, .jpy, "JP")
    #expect(untaxed.total.description == "¥14,800")
    let japanese = try TaxRates(standardRates: ["jp": try #require(TaxRate(basisPoints: 1_000))])
    let taxed = try quote(order, .jpy, "JP", rates: japanese)
    #expect(taxed.tax.description == "¥1,480")
    #expect(taxed.total.description == "¥16,280")
  }

  @Test("boxed items ship: the first rate once, then the other rate per further box, all taxed")
  func boxedShipping() throws {
    let quote = try quote(try cart(("INKWELL-PRO-BOX", 3), ("INKWELL-PRO", 1)), .eur, "DE")
    #expect(quote.requiresShipping)
    #expect(quote.lines.map(\.requiresShipping) == [true, false])
    #expect(quote.subtotal.minorUnits == 38_600)
    #expect(quote.shipping.minorUnits == 900 + 2 * 300)
    // (38,600 + 1,500) × 19 % = 7,619.
    #expect(quote.tax.minorUnits == 7_619)
    #expect(quote.total.description == "€477.19")

    let two = try self.quote(try cart(("INKWELL-PRO-BOX", 1), ("CREATOR-SUITE-BOX", 1)), .eur, "FR")
    #expect(two.shipping.minorUnits == 1_200)
    #expect(two.tax.minorUnits == 6_000)
    #expect(two.total.minorUnits == 36_000)

    let yen = try self.quote(try cart(("INKWELL-PRO-BOX-JA", 2)), .jpy, "JP")
    #expect(yen.shipping.description == "¥2,000")
    #expect(yen.total.description == "¥35,600")
  }

  @Test("errors: empty cart, unknown item, item not sold in the currency")
  func errors() throws {
    #expect(throws: PricingError.emptyCart) { try quote(Cart(), .eur, "DE") }
    #expect(throws: PricingError.unknownSKU(sku("NOPE-1"))) {
      try quote(try cart(("INKWELL-PRO", 1), ("NOPE-1", 1)), .eur, "DE")
    }
    #expect(throws: PricingError.notPriced(sku("INKWELL-PRO-BOX-JA"), .eur)) {
      try quote(try cart(("INKWELL-PRO-BOX-JA", 1)), .eur, "DE")
    }
  }

  @Test(
    "a country that is not two ASCII letters is refused",
    arguments: [
      "", "D", "DEU", " DE", "Ä1", "d\u{1B}", "１２", "D-", String(repeating: "D", count: 1_000_000),
    ])
  func invalidCountry(country: String) throws {
    #expect(throws: PricingError.invalidCountry) {
      try quote(try cart(("INKWELL-PRO", 1)), .eur, country)
    }
  }

  @Test("overflow anywhere is refused, not wrapped")
  func overflow() throws {
    func catalog(_ minorUnits: Int64) throws -> Catalog {
      try Catalog(items: [
        CatalogItem(
          sku: sku("BIG"), product: "Big", name: "Big", description: "Big.", kind: .download,
          prices: [.eur: Money(minorUnits: minorUnits, currency: .eur)]),
        CatalogItem(
          sku: sku("BIG-TOO"), product: "Big", name: "Big too", description: "Big.",
          kind: .download, prices: [.eur: Money(minorUnits: minorUnits, currency: .eur)]),
      ])
    }
    let half = try catalog(Int64.max / 2 + 1)
    #expect(throws: PricingError.overflow) {
      try Pricing.quote(cart: try cart(("BIG", 2)), catalog: half, currency: .eur, country: "US")
    }
    #expect(throws: PricingError.overflow) {
      try Pricing.quote(
        cart: try cart(("BIG", 1), ("BIG-TOO", 1)), catalog: half, currency: .eur, country: "US")
    }
    let nearMax = try catalog(Int64.max - 10)
    #expect(
      try Pricing.quote(cart: try cart(("BIG", 1)), catalog: nearMax, currency: .eur, country: "US")
        .total.minorUnits == Int64.max - 10)
    #expect(throws: PricingError.overflow) {
      try Pricing.quote(cart: try cart(("BIG", 1)), catalog: nearMax, currency: .eur, country: "DE")
    }
  }

  @Test("errors are sentences that point at a field")
  func messages() {
    let errors: [PricingError] = [
      .emptyCart, .unknownSKU(sku("ABC")), .notPriced(sku("ABC"), .jpy), .noShippingRate(.gbp),
      .invalidCountry, .overflow,
    ]
    for error in errors {
      #expect(error.description.hasSuffix("."))
      #expect(hasNoControlCharacters(error.description))
    }
    #expect(
      PricingError.notPriced(sku("ABC"), .jpy).fieldError
        == FieldError(.currency, "ABC is not sold in JPY; choose another currency or remove it."))
    #expect(PricingError.invalidCountry.field == .country)
    #expect(PricingError.emptyCart.field == .cart)
  }

  @Test("quotes encode for the order service's answers")
  func codable() throws {
    let quote = try quote(try cart(("INKWELL-PRO-BOX", 1)), .gbp, "IE")
    let text = try CommerceJSON.encode(quote)
    #expect(text.contains(#""taxRate":2300"#))
    #expect(try CommerceJSON.decode(Quote.self, from: text) == quote)
  }
}

import Testing

@testable import OrderCore

@Suite("Catalog built in code")
struct CatalogInCodeTests {
  func item(
    _ code: String, prices: [Currency: Money]? = nil, kind: ProductKind = .download,
    includes: [SKU] = [], name: String = "Name"
  ) -> CatalogItem {
    CatalogItem(
      sku: sku(code), product: "Product", name: name, description: "Description.", kind: kind,
      prices: prices ?? [.eur: Money(minorUnits: 100, currency: .eur)], includes: includes)
  }

  @Test("valid items make a catalog with lookups")
  func valid() throws {
    let catalog = try Catalog(items: [
      item("AAA"), item("BBB", prices: [.usd: Money(minorUnits: 5, currency: .usd)]),
    ])
    #expect(catalog.items.map(\.sku) == [sku("AAA"), sku("BBB")])
    #expect(catalog[sku("bbb")]?.sku == sku("BBB"))
    #expect(catalog[sku("CCC")] == nil)
    #expect(catalog.items(in: .usd).map(\.sku) == [sku("BBB")])
    #expect(catalog.items(in: .gbp).isEmpty)
    #expect(catalog.currencies == [.eur, .usd])
  }

  @Test("the same rules apply, with entries named items[i]")
  func rules() {
    let wrongCurrency = item("AAA", prices: [.eur: Money(minorUnits: 100, currency: .usd)])
    let negative = item("BBB", prices: [.gbp: Money(minorUnits: -1, currency: .gbp)])
    let boxed = item("CCC", kind: .boxed)
    let control = item("DDD", name: "Bad\u{1B}[0m")
    let bundle = item("EEE", includes: [sku("ZZZ")])
    do {
      _ = try Catalog(
        items: [wrongCurrency, negative, boxed, control, bundle, item("AAA")], source: "code")
      Issue.record("accepted")
    } catch {
      #expect(error.source == "code")
      #expect(
        error.problems == [
          CatalogProblem(
            location: "items[0] (AAA)", message: "price for EUR is an amount in USD, not in EUR"),
          CatalogProblem(location: "items[1] (BBB)", message: "price for GBP must not be negative"),
          CatalogProblem(
            location: "items[2] (CCC)",
            message: "is boxed and priced in EUR, but shipping has no rate for EUR"),
          CatalogProblem(
            location: "items[3] (DDD)",
            message:
              "name contains the control character U+001B; catalog text must be plain text on one line"
          ),
          CatalogProblem(
            location: "items[4] (EEE)", message: "includes ZZZ, which is not in the catalog"),
          CatalogProblem(
            location: "items[5] (AAA)", message: "the SKU AAA is already used by items[0]"),
        ])
    }
  }

  @Test("empty catalogs, empty prices and bad shipping rates are refused")
  func edges() {
    #expect(
      throws: CatalogError(
        source: "catalog",
        problems: [CatalogProblem(location: nil, message: "the catalog has no products")])
    ) {
      try Catalog(items: [])
    }
    #expect(throws: CatalogError.self) { try Catalog(items: [item("AAA", prices: [:])]) }
    let badRate = ShippingRate(
      firstItem: Money(minorUnits: 1, currency: .usd),
      eachAdditionalItem: Money(minorUnits: -1, currency: .eur))
    do {
      _ = try Catalog(items: [item("AAA")], shippingRates: [.eur: badRate])
      Issue.record("accepted")
    } catch {
      #expect(
        error.problems.map(\.description) == [
          "shipping.EUR: firstItem is an amount in USD, not in EUR",
          "shipping.EUR: eachAdditionalItem must not be negative",
        ])
    }
  }

  @Test("shipping costs the first rate once and the other rate for each further item")
  func shippingCost() throws {
    let rate = ShippingRate(
      firstItem: Money(minorUnits: 900, currency: .eur),
      eachAdditionalItem: Money(minorUnits: 300, currency: .eur))
    #expect(try rate.cost(forItems: 0).minorUnits == 0)
    #expect(try rate.cost(forItems: 1).minorUnits == 900)
    #expect(try rate.cost(forItems: 4).minorUnits == 1_800)
    let huge = ShippingRate(
      firstItem: Money(minorUnits: 1, currency: .eur),
      eachAdditionalItem: Money(minorUnits: .max, currency: .eur))
    #expect(throws: MoneyError.overflow) { try huge.cost(forItems: 2) }
  }
}

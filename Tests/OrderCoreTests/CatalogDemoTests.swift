import Testing

@testable import OrderCore

@Suite("Demo catalog")
struct CatalogDemoTests {
  @Test("the embedded demo file reads through the same reader without a problem")
  func parses() throws {
    let direct = try Catalog.parse(Catalog.demoJSON.utf8, source: "demo-catalog.json")
    #expect(try Catalog.demo == direct)
    #expect(direct.items.count >= 12)
  }

  @Test("it has editions, upgrades, a bundle, boxed items and all four currencies")
  func contents() throws {
    let catalog = try Catalog.demo
    let inkwell = catalog.items.filter {
      $0.product == "Inkwell" && $0.kind == .download && !$0.isUpgrade
    }
    #expect(inkwell.compactMap(\.edition) == ["Standard", "Pro", "Studio"])

    let upgrade = try #require(catalog.item(for: sku("INKWELL-UPG-STD-PRO")))
    #expect(upgrade.upgradeFrom == [sku("INKWELL-STD")])
    #expect(
      catalog.upgrades(from: sku("INKWELL-PRO")).map(\.sku) == [sku("INKWELL-UPG-PRO-STUDIO")])

    let suite = try #require(catalog.item(for: sku("CREATOR-SUITE")))
    #expect(catalog.contents(of: suite).count == 4)
    let separately = try Money.sum(
      catalog.contents(of: suite).compactMap { $0.price(in: .eur) }, in: .eur)
    #expect(try suite.price(in: .eur)!.isLess(than: separately))

    let boxed = catalog.items.filter { $0.kind == .boxed }.map(\.sku)
    #expect(boxed == [sku("INKWELL-PRO-BOX"), sku("INKWELL-PRO-BOX-JA"), sku("CREATOR-SUITE-BOX")])
    #expect(catalog.item(for: sku("CREATOR-SUITE-BOX"))?.includes == suite.includes)

    #expect(catalog.currencies == [.eur, .usd, .gbp, .jpy])
    for currency in Currency.allCases {
      #expect(catalog.shippingRate(in: currency) != nil)
    }
    #expect(catalog.items(in: .jpy).count == catalog.items.count)
    #expect(catalog.items(in: .eur).count == catalog.items.count - 1)
    #expect(!catalog.items(in: .eur).contains { $0.sku == sku("INKWELL-PRO-BOX-JA") })
  }

  @Test("its prices are plausible: positive and ordered by edition")
  func prices() throws {
    let catalog = try Catalog.demo
    for item in catalog.items {
      for price in item.prices.values { #expect(price.minorUnits > 0, "\(item.sku)") }
    }
    for currency in Currency.allCases {
      let editions = ["INKWELL-STD", "INKWELL-PRO", "INKWELL-STUDIO"].map {
        catalog.item(for: sku($0))?.price(in: currency)?.minorUnits ?? 0
      }
      #expect(editions == editions.sorted() && editions[0] > 0)
    }
    #expect(catalog.item(for: sku("INKWELL-PRO"))?.price(in: .eur)?.description == "€89.00")
    #expect(catalog.item(for: sku("INKWELL-PRO"))?.price(in: .jpy)?.description == "¥14,800")
  }

  @Test("every name is unique and every description fits the desk")
  func texts() throws {
    let catalog = try Catalog.demo
    #expect(Set(catalog.items.map(\.name)).count == catalog.items.count)
    #expect(catalog.items.allSatisfy { $0.description.count <= 160 })
  }
}

import Testing

@testable import OrderCore

@Suite("Catalog file: bundles, upgrades and shipping")
struct CatalogReferenceTests {
  let standard = itemJSON("INKWELL-STD")
  let photo = itemJSON("LUMEN-PHOTO")

  @Test("a bundle and an upgrade that refer to items in the file are read")
  func valid() throws {
    let json = catalogJSON([
      standard, photo,
      itemJSON("SUITE", ["includes": #"["inkwell-std", "LUMEN-PHOTO"]"#]),
      itemJSON("UPG", ["upgradeFrom": #"["INKWELL-STD"]"#, "includes": "[]"]),
    ])
    let catalog = try Catalog.parse(json.utf8, source: "t.json")
    let suite = try #require(catalog.item(for: sku("SUITE")))
    #expect(suite.isBundle && !suite.isUpgrade)
    #expect(catalog.contents(of: suite).map(\.sku) == [sku("INKWELL-STD"), sku("LUMEN-PHOTO")])
    #expect(catalog.upgrades(from: sku("INKWELL-STD")).map(\.sku) == [sku("UPG")])
    #expect(catalog.item(for: sku("UPG"))?.isBundle == false)
  }

  @Test("a bundle that includes an unknown SKU names both")
  func unknownInclude() {
    let found = catalogProblem(
      catalogJSON([standard, itemJSON("SUITE", ["includes": #"["INKWELL-STD", "INKWELL-MAX"]"#])]))
    #expect(
      found
        == CatalogProblem(
          location: "products[1] (SUITE)",
          message: "includes INKWELL-MAX, which is not in the catalog"))
  }

  @Test("an upgrade from an unknown SKU names both")
  func unknownUpgrade() {
    let found = catalogProblem(
      catalogJSON([itemJSON("UPG", ["upgradeFrom": #"["INKWELL-STD"]"#]), photo]))
    #expect(
      found
        == CatalogProblem(
          location: "products[0] (UPG)",
          message: "upgrades from INKWELL-STD, which is not in the catalog"))
  }

  @Test("a reference to an entry that has other problems is not called unknown")
  func referenceToBrokenEntry() {
    let found = catalogProblems(
      catalogJSON([
        itemJSON("INKWELL-STD", ["name": #""""#]),
        itemJSON("SUITE", ["includes": #"["INKWELL-STD"]"#]),
      ]))
    #expect(
      found == [
        CatalogProblem(location: "products[0] (INKWELL-STD)", message: "name must not be empty")
      ])
  }

  @Test("bundles cannot be nested, contain themselves or repeat an item")
  func bundleRules() {
    let nested = catalogProblem(
      catalogJSON([
        standard, itemJSON("SUITE", ["includes": #"["INKWELL-STD"]"#]),
        itemJSON("MEGA", ["includes": #"["SUITE"]"#]),
      ]))
    #expect(
      nested
        == CatalogProblem(
          location: "products[2] (MEGA)",
          message: "includes SUITE, which is itself a bundle; bundles cannot be nested"))
    let itself = catalogProblem(
      catalogJSON([standard, itemJSON("SUITE", ["includes": #"["INKWELL-STD", "suite"]"#])]))
    #expect(
      itself
        == CatalogProblem(
          location: "products[1] (SUITE)", message: "includes must not name the item itself"))
    let twice = catalogProblem(
      catalogJSON([
        standard,
        itemJSON("SUITE", ["includes": #"["INKWELL-STD", "inkwell-std", "INKWELL-STD"]"#]),
      ]))
    #expect(
      twice
        == CatalogProblem(
          location: "products[1] (SUITE)", message: "includes names INKWELL-STD more than once"))
    let selfUpgrade = catalogProblem(catalogJSON([itemJSON("UPG", ["upgradeFrom": #"["UPG"]"#])]))
    #expect(selfUpgrade?.message == "upgradeFrom must not name the item itself")
  }

  @Test("reference lists must be lists of valid SKUs")
  func referenceTypes() {
    #expect(
      catalogProblem(catalogJSON([itemJSON(["includes": #""INKWELL-STD""#])]))?.message
        == "includes must be a list of SKUs, not a string")
    #expect(
      catalogProblem(
        catalogJSON([standard, itemJSON("SUITE2", ["includes": #"["INKWELL-STD", 7]"#])]))?
        .message == "includes[1] must be a string, not a number")
    #expect(
      catalogProblem(catalogJSON([itemJSON(["upgradeFrom": #"["a b c"]"#])]))?.message
        == "upgradeFrom[0] may contain only the letters A to Z, the digits 0 to 9 and hyphens, not U+0020"
    )
  }

  @Test("a boxed item needs a shipping rate in every currency it is priced in")
  func boxedNeedsShipping() throws {
    let boxed = itemJSON(
      "BOX", ["kind": #""boxed""#, "prices": #"{"EUR": 9900, "GBP": 8500, "USD": 10900}"#])
    let found = catalogProblem(catalogJSON([boxed], shipping: eurUSDShipping))
    #expect(
      found
        == CatalogProblem(
          location: "products[0] (BOX)",
          message: "is boxed and priced in GBP, but shipping has no rate for GBP"))
    let none = catalogProblems(catalogJSON([boxed]))
    #expect(none.count == 3)
    let catalog = try Catalog.parse(
      catalogJSON([itemJSON("BOX", ["kind": #""boxed""#])], shipping: eurUSDShipping).utf8,
      source: "t.json")
    #expect(
      catalog.shippingRate(in: .eur)
        == ShippingRate(
          firstItem: Money(minorUnits: 900, currency: .eur),
          eachAdditionalItem: Money(minorUnits: 300, currency: .eur)))
    #expect(catalog.shippingRate(in: .jpy) == nil)
  }

  @Test(
    "shipping rates are checked like prices",
    arguments: [
      (#"{"EUR": {"firstItem": 900}}"#, "shipping.EUR", "eachAdditionalItem is missing"),
      (
        #"{"EUR": {"firstItem": -1, "eachAdditionalItem": 0}}"#, "shipping.EUR",
        "firstItem must not be negative"
      ),
      (
        #"{"EUR": {"firstItem": 9.5, "eachAdditionalItem": 0}}"#, "shipping.EUR",
        "firstItem must be a whole number of cents, not 9.5"
      ),
      (
        #"{"EUR": {"firstItem": 900, "eachAdditionalItem": 300, "free": true}}"#, "shipping.EUR",
        #"unknown field "free""#
      ),
      (
        #"{"EUR": 900}"#, "shipping.EUR",
        "must be an object with firstItem and eachAdditionalItem, not a number"
      ),
      (
        #"{"EURO": {"firstItem": 900, "eachAdditionalItem": 300}}"#, "shipping",
        #"unknown currency code "EURO"; use EUR, USD, GBP, JPY"#
      ),
      (#"[900]"#, "shipping", "shipping must be an object of rates per currency, not a list"),
    ])
  func shippingRules(shipping: String, location: String, message: String) {
    let found = catalogProblem(catalogJSON([itemJSON()], shipping: shipping))
    #expect(found == CatalogProblem(location: location, message: message))
  }

  @Test("a broken rate is reported once, not again for each boxed item")
  func brokenRateOnce() {
    let boxed = itemJSON("BOX", ["kind": #""boxed""#, "prices": #"{"EUR": 9900}"#])
    let found = catalogProblems(catalogJSON([boxed], shipping: #"{"EUR": {"firstItem": "9"}}"#))
    #expect(found.map(\.location) == ["shipping.EUR", "shipping.EUR"])
  }
}

extension CatalogReferenceTests {
  @Test("a boxed item with one bad price is still checked for shipping in the others")
  func boxedWithBadPrice() {
    let boxed = itemJSON("BOX", ["kind": #""boxed""#, "prices": #"{"EUR": 9.5, "GBP": 8500}"#])
    let found = catalogProblems(catalogJSON([boxed], shipping: eurUSDShipping))
    #expect(
      found.map(\.message) == [
        "price for EUR must be a whole number of cents, not 9.5",
        "is boxed and priced in GBP, but shipping has no rate for GBP",
      ])
  }
}

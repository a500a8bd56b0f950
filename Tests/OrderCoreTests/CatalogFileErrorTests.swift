import Testing

@testable import OrderCore

/// Each rule of the catalog file format, broken one at a time, names the entry at fault.
@Suite("Catalog file: entry errors")
struct CatalogFileErrorTests {
  let ok = itemJSON("OTHER-1")

  @Test("a valid minimal file reads")
  func minimal() throws {
    let catalog = try Catalog.parse(catalogJSON([itemJSON()]).utf8, source: "t.json")
    #expect(catalog.items.count == 1)
    #expect(catalog.items[0].edition == "Pro")
    #expect(catalog.items[0].taxClass == .standard)
    #expect(catalog.items[0].prices[.eur] == Money(minorUnits: 8900, currency: .eur))
  }

  @Test(
    "a missing, null or empty required field is named",
    arguments: ["product", "name", "description", "kind", "prices", "sku"])
  func missingField(field: String) {
    let location = field == "sku" ? "products[1]" : "products[1] (INKWELL-PRO)"
    for json in [
      catalogJSON([ok, itemJSON(removing: [field])]),
      catalogJSON([ok, itemJSON([field: "null"])]),
    ] {
      let found = catalogProblem(json)
      #expect(found?.location == location)
      #expect(
        found?.message.hasPrefix("\(field) is missing") == true, "\(String(describing: found))")
    }
  }

  @Test(
    "empty and blank text is refused", arguments: ["product", "name", "description", "edition"])
  func emptyText(field: String) {
    for value in [#""""#, #""   ""#, #""\t""#] {
      let found = catalogProblem(catalogJSON([itemJSON([field: value])]))
      #expect(found?.location == "products[0] (INKWELL-PRO)")
      #expect(found?.message == "\(field) must not be empty")
    }
  }

  @Test("text of the wrong type is refused")
  func wrongType() {
    #expect(
      catalogProblem(catalogJSON([itemJSON(["name": "42"])]))?.message
        == "name must be a string, not a number")
    #expect(
      catalogProblem(catalogJSON([itemJSON(["name": "[]"])]))?.message
        == "name must be a string, not a list")
    #expect(
      catalogProblem(catalogJSON([itemJSON(["sku": "true"])]))?.message
        == "sku must be a string, not true or false")
    #expect(
      catalogProblem(catalogJSON(["\"INKWELL\""]))?.message == "must be an object, not a string")
  }

  @Test("a bad SKU is named by position only")
  func badSKU() {
    let found = catalogProblem(
      catalogJSON([ok, ok.replacingOccurrences("OTHER-1", "OTHER-2"), itemJSON("IN")]))
    #expect(found?.location == "products[2]")
    #expect(found?.message == "sku must be at least 3 characters long, not 2")
    let escape = catalogProblem(catalogJSON([itemJSON("AB\u{1B}[2J")]))
    #expect(
      escape?.message
        == "sku may contain only the letters A to Z, the digits 0 to 9 and hyphens, not U+001B")
  }

  @Test("a lower-case SKU is stored in upper case")
  func lowerCaseSKU() throws {
    let catalog = try Catalog.parse(catalogJSON([itemJSON("inkwell-pro")]).utf8, source: "t.json")
    #expect(catalog.item(for: sku("INKWELL-PRO")) != nil)
  }

  @Test("a duplicate SKU names both entries, whatever its case")
  func duplicateSKU() {
    let found = catalogProblem(catalogJSON([itemJSON(), ok, itemJSON("inkwell-pro")]))
    #expect(found?.location == "products[2] (INKWELL-PRO)")
    #expect(found?.message == "the SKU INKWELL-PRO is already used by products[0]")
  }

  @Test("an unknown currency code is refused")
  func unknownCurrency() {
    for code in ["EURO", "eur", "XXX", "", "€"] {
      let json = catalogJSON([itemJSON(["prices": "{\(jsonStringLiteral(code)): 100}"])])
      let found = catalogProblem(json)
      #expect(found?.location == "products[0] (INKWELL-PRO)")
      #expect(
        found?.message
          == "prices has an unknown currency code \(jsonStringLiteral(code)); use EUR, USD, GBP, JPY"
      )
    }
  }

  @Test(
    "prices must be whole, non-negative numbers of minor units",
    arguments: [
      ("89.5", "price for EUR must be a whole number of cents, not 89.5"),
      ("8900.0", "price for EUR must be a whole number of cents, not 8900.0"),
      ("8.9e3", "price for EUR must be a whole number of cents, not 8.9e3"),
      ("1E2", "price for EUR must be a whole number of cents, not 1E2"),
      ("-100", "price for EUR must not be negative"),
      (
        #""8900""#,
        #"price for EUR must be a whole number of cents written as a number, not the text "8900""#
      ),
      (
        #""89.00""#,
        #"price for EUR must be a whole number of cents written as a number, not the text "89.00""#
      ),
      ("9223372036854775808", "price for EUR is too large"),
      ("-9223372036854775809", "price for EUR must not be negative"),
      ("-1.5", "price for EUR must be a whole number of cents, not -1.5"),
      (
        String(repeating: "9", count: 30) + ".5",
        "price for EUR must be a whole number of cents, not 999999999999999999999999…"
      ),
      ("true", "price for EUR must be a whole number of cents, not true or false"),
      ("null", "price for EUR is missing"),
      ("{}", "price for EUR must be a whole number of cents, not an object"),
    ])
  func badPrice(value: String, message: String) {
    let found = catalogProblem(
      catalogJSON([ok, itemJSON(["prices": #"{"USD": 9900, "EUR": \#(value)}"#])]))
    #expect(found?.location == "products[1] (INKWELL-PRO)")
    #expect(found?.message == message)
  }

  @Test("the minor unit is named for each currency")
  func minorUnitNames() {
    let gbp = catalogProblem(catalogJSON([itemJSON(["prices": #"{"GBP": 1.5}"#])]))
    #expect(gbp?.message == "price for GBP must be a whole number of pence, not 1.5")
    let jpy = catalogProblem(catalogJSON([itemJSON(["prices": #"{"JPY": 1480.5}"#])]))
    #expect(jpy?.message == "price for JPY must be a whole number of yen, not 1480.5")
  }

  @Test("extreme but valid prices read exactly")
  func extremePrices() throws {
    let json = catalogJSON([
      itemJSON(["prices": #"{"EUR": 0, "JPY": 9223372036854775807, "USD": -0}"#])
    ])
    let item = try Catalog.parse(json.utf8, source: "t.json").items[0]
    #expect(item.prices[.eur]?.minorUnits == 0)
    #expect(item.prices[.usd]?.minorUnits == 0)
    #expect(item.prices[.jpy]?.minorUnits == Int64.max)
  }

  @Test("prices must not be empty or of the wrong type")
  func emptyPrices() {
    #expect(
      catalogProblem(catalogJSON([itemJSON(["prices": "{}"])]))?.message
        == "prices must list at least one currency")
    #expect(
      catalogProblem(catalogJSON([itemJSON(["prices": "[8900]"])]))?.message
        == "prices must be an object of amounts per currency, not a list")
  }

  @Test("kind and taxClass accept only their values")
  func choices() {
    #expect(
      catalogProblem(catalogJSON([itemJSON(["kind": #""Download""#])]))?.message
        == #"kind must be "download" or "boxed", not "Download""#)
    #expect(
      catalogProblem(catalogJSON([itemJSON(["taxClass": #""zeroRated""#])]))?.message
        == #"taxClass must be "standard", not "zeroRated""#)
  }

  @Test("unknown fields are refused so that typos are not ignored")
  func unknownFields() {
    let found = catalogProblem(catalogJSON([itemJSON(["descripton": #""x""#])]))
    #expect(found?.location == "products[0] (INKWELL-PRO)")
    #expect(found?.message == #"unknown field "descripton""#)
    let top = catalogProblem(#"{"version": 1, "products": [\#(itemJSON())], "vendor": "x"}"#)
    #expect(top?.location == nil)
    #expect(
      top?.message == #"unknown field "vendor"; the top level has version, shipping and products"#)
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

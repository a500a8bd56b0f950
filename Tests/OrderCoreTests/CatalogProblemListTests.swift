import Testing

@testable import OrderCore

@Suite("Catalog file: all problems at once")
struct CatalogProblemListTests {
  @Test("every problem is reported, in file order, one line each")
  func allProblems() {
    let json = catalogJSON([
      itemJSON("INKWELL-STD"),
      itemJSON("INKWELL-PRO", ["prices": #"{"EUR": 89.5, "USD": "99"}"#, "name": #""""#]),
      itemJSON("X"),
      itemJSON("INKWELL-STD", ["includes": #"["NOPE"]"#]),
    ])
    do {
      _ = try Catalog.parse(json.utf8, source: "demo.json")
      Issue.record("accepted")
    } catch {
      #expect(
        error.description == """
          demo.json: products[1] (INKWELL-PRO): name must not be empty
          demo.json: products[1] (INKWELL-PRO): price for EUR must be a whole number of cents, not 89.5
          demo.json: products[1] (INKWELL-PRO): price for USD must be a whole number of cents written as a number, not the text "99"
          demo.json: products[2]: sku must be at least 3 characters long, not 1
          demo.json: products[3] (INKWELL-STD): the SKU INKWELL-STD is already used by products[0]
          demo.json: products[3] (INKWELL-STD): includes NOPE, which is not in the catalog
          """)
    }
  }

  @Test("a long list of problems is summed up after fifty")
  func summary() {
    let items = (0..<60).map { itemJSON("ITEM-\($0)", ["name": #""""#]) }
    do {
      _ = try Catalog.parse(catalogJSON(items).utf8, source: "big.json")
      Issue.record("accepted")
    } catch {
      #expect(error.problems.count == 60)
      let lines = error.description.split(separator: "\n")
      #expect(lines.count == 51)
      #expect(lines.last == "big.json: and 10 more problems")
    }
  }

  @Test("an error always has at least one problem")
  func neverEmpty() {
    #expect(CatalogError(source: "x", problems: []).problems.count == 1)
  }
}

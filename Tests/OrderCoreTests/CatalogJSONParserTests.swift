import PropertyBased
import Testing

@testable import OrderCore

@Suite("Catalog JSON parser")
struct CatalogJSONParserTests {
  func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
  }

  @Test("values of every kind are read, numbers keep their text")
  func values() throws {
    let value = try parse(#" {"a": [true, false, null, -0, 12.50, 1e-3, "x"], "b": {}} "#)
    let expected = JSONValue.object(
      JSONObject([
        (
          "a",
          .array([
            .bool(true), .bool(false), .null, .number("-0"), .number("12.50"), .number("1e-3"),
            .string("x"),
          ])
        ),
        ("b", .object(JSONObject())),
      ]))
    #expect(value == expected)
  }

  @Test("escapes decode, including surrogate pairs")
  func escapes() throws {
    #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
    #expect(try parse(#""\u00e9\u00C9 \ud83d\ude00""#) == .string("éÉ 😀"))
    #expect(try parse(#""caf\u0065\u0301""#) == .string("cafe\u{301}"))
  }

  @Test("object members keep their order")
  func order() throws {
    guard case .object(let object) = try parse(#"{"z": 1, "a": 2, "m": 3}"#) else {
      Issue.record("not an object")
      return
    }
    #expect(object.members.map(\.key) == ["z", "a", "m"])
    #expect(object["a"] == .number("2"))
    #expect(object["q"] == nil)
  }

  @Test("nesting of exactly 32 levels is accepted and 33 refused")
  func depth() throws {
    _ = try parse(String(repeating: "[", count: 32) + String(repeating: "]", count: 32))
    #expect(throws: JSONSyntaxError.self) {
      try parse(String(repeating: "[", count: 33) + String(repeating: "]", count: 33))
    }
    _ = try parse(String(repeating: #"{"a":"#, count: 32) + "1" + String(repeating: "}", count: 32))
  }

  @Test("any string survives escaping and parsing unchanged")
  func propertyStrings() async {
    let characters = Gen<Character?>.element(
      of: Array("aé\"\\/\n\t\u{0}\u{1B}😀👩‍💻\u{301}€ ") as [Character]
    ).map { $0! }
    await propertyCheck(count: 300, input: characters.string(of: 0...30)) { text in
      let value = try parse(jsonStringLiteral(text))
      #expect(value == .string(text))
    }
  }

  @Test("random bytes never crash the parser")
  func propertyFuzz() async {
    let bytes = Gen<UInt8?>.element(
      of: Array(#"{}[]":,0123456789-+.eE tfnrulsa\"#.utf8) + [0x0A, 0xC3, 0xFF, 0x80]
    ).map { $0! }
    await propertyCheck(count: 2_000, input: bytes.array(of: 0...40)) { input in
      do {
        _ = try JSONParser.parse(input)
      } catch let error as JSONSyntaxError {
        #expect(error.line >= 1 && error.column >= 1)
        #expect(!error.message.isEmpty && hasNoControlCharacters(error.message))
      } catch {
        Issue.record(error)
      }
    }
  }

  @Test("random catalogs made of valid pieces read back what was written")
  func propertyCatalogRoundTrip() async {
    let price = Gen.int64(in: 0...Int64.max)
    let name = Gen<Character?>.element(of: Array("Ink wéll😀-") as [Character]).map { $0! }.string(
      of: 1...20
    )
    .filter { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") }
    await propertyCheck(count: 100, input: price, name, Gen.int(in: 1...30)) { price, name, count in
      let items = (0..<count).map { index in
        itemJSON(
          "SKU-\(index)", ["name": jsonStringLiteral(name), "prices": #"{"GBP": \#(price)}"#])
      }
      let catalog = try Catalog.parse(catalogJSON(items).utf8, source: "p.json")
      #expect(catalog.items.count == count)
      #expect(
        catalog.items.allSatisfy {
          $0.name == name && $0.prices == [.gbp: Money(minorUnits: price, currency: .gbp)]
        })
      #expect(catalog.items.map(\.sku.value) == (0..<count).map { "SKU-\($0)" })
    }
  }
}

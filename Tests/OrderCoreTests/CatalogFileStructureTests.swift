import Testing

@testable import OrderCore

/// Errors about the file as a whole: JSON syntax, version, size and item count.
@Suite("Catalog file: structure")
struct CatalogFileStructureTests {
  @Test(
    "malformed JSON is refused with its line and column",
    arguments: [
      ("", "line 1, column 1", "not valid JSON: the file ends where a value was expected"),
      ("  \n ", "line 2, column 2", "not valid JSON: the file ends where a value was expected"),
      (
        "{\"version\": 1,", "line 1, column 15",
        "not valid JSON: expected a member name in double quotes, found the end of the file"
      ),
      (
        "{\n  \"version\": 1\n  \"products\": []\n}", "line 3, column 3",
        "not valid JSON: expected ',' or '}' after a member, found '\"'"
      ),
      (
        "{\"version\": 1,}", "line 1, column 15",
        "not valid JSON: a comma must not follow the last member"
      ),
      ("[1, 2,]", "line 1, column 7", "not valid JSON: a comma must not follow the last element"),
      (
        "{'version': 1}", "line 1, column 2",
        "not valid JSON: expected a member name in double quotes, found '''"
      ),
      (
        "// catalog\n{}", "line 1, column 1",
        "not valid JSON: unexpected '/' where a value was expected"
      ),
      (
        "{\"version\": 01}", "line 1, column 13",
        "not valid JSON: a number must not begin with a zero followed by more digits"
      ),
      (
        "{\"version\": NaN}", "line 1, column 13",
        "not valid JSON: unexpected 'N' where a value was expected"
      ),
      (
        "{\"version\": 1.}", "line 1, column 15",
        "not valid JSON: expected a digit after the decimal point, found '}'"
      ),
      (
        "{\"version\": tru}", "line 1, column 13",
        "not valid JSON: unexpected 't' where a value was expected"
      ),
      (
        "{\"version\": 1} x", "line 1, column 16",
        "not valid JSON: unexpected 'x' after the end of the JSON value"
      ),
      (
        "{\"a\": 1, \"a\": 2}", "line 1, column 10",
        "not valid JSON: the name \"a\" appears twice in the same object"
      ),
      (
        "{\"a\": \"x\u{1B}[2J\"}", "line 1, column 9",
        "not valid JSON: a string holds the control character U+001B; write it as an escape such as \\n"
      ),
      (
        "{\"a\": \"\\x41\"}", "line 1, column 8",
        "not valid JSON: a backslash followed by 'x' is not a JSON escape"
      ),
      (
        "{\"a\": \"\\ud800\"}", "line 1, column 8",
        "not valid JSON: an escaped UTF-16 high surrogate is not followed by a low one"
      ),
      (
        "{\"a\": \"\\udc00\"}", "line 1, column 8",
        "not valid JSON: an escaped UTF-16 low surrogate has no high surrogate before it"
      ),
      (
        "{\"a\": \"\\u12\"}", "line 1, column 8",
        "not valid JSON: a \\u escape needs four hexadecimal digits"
      ),
      (
        "{\"a\": \"open", "line 1, column 7",
        "not valid JSON: a string is not closed before the end of the file"
      ),
      (
        "{\"é\": 1 ?", "line 1, column 9",
        "not valid JSON: expected ',' or '}' after a member, found '?'"
      ),
    ])
  func malformed(json: String, location: String, message: String) {
    let found = catalogProblem(json)
    #expect(found?.location == location)
    #expect(found?.message == message)
  }

  @Test("invalid UTF-8 is refused where it is")
  func invalidUTF8() {
    var bytes = Array(#"{"version": 1, "products": [{"name": "ab"#.utf8)
    bytes += [0xC3, 0x28]
    bytes += Array(#""}]}"#.utf8)
    #expect(throws: CatalogError.self) { try Catalog.parse(bytes, source: "t.json") }
    do {
      _ = try Catalog.parse(bytes, source: "t.json")
    } catch {
      #expect(
        error.problems == [
          CatalogProblem(
            location: "line 1, column 38", message: "not valid JSON: a string is not valid UTF-8")
        ])
    }
    #expect(throws: CatalogError.self) {
      try Catalog.parse([0xFF, 0xFE, 0x7B, 0x7D], source: "t.json")
    }
  }

  @Test("a UTF-8 byte-order mark is accepted")
  func byteOrderMark() throws {
    let bytes = [0xEF, 0xBB, 0xBF] + Array(catalogJSON([itemJSON()]).utf8)
    #expect(try Catalog.parse(bytes, source: "t.json").items.count == 1)
  }

  @Test("deep nesting is refused without exhausting the stack")
  func deepNesting() {
    let deep = String(repeating: "[", count: 1_000_000)
    let found = catalogProblem(deep)
    #expect(found?.location == "line 1, column 33")
    #expect(
      found?.message == "not valid JSON: arrays and objects are nested more than 32 levels deep")
    let allowed = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
    #expect(
      catalogProblem(allowed)?.message
        == "the file must hold a JSON object with \"version\" and \"products\", not a list")
  }

  @Test(
    "only version 1 is read, and nothing else is checked under another version",
    arguments: [
      ("2", "version \"2\" is not supported; this reader understands version 1"),
      ("1.0", "version \"1.0\" is not supported; this reader understands version 1"),
      ("-1", "version \"-1\" is not supported; this reader understands version 1"),
      ("\"1\"", "version must be the number 1, not a string"),
      ("null", "version must be the number 1, not null"),
    ])
  func unknownVersion(version: String, message: String) {
    let found = catalogProblem(catalogJSON([itemJSON("X")], version: version))
    #expect(found?.location == "version")
    #expect(found?.message == message)
  }

  @Test("a missing version is named")
  func missingVersion() {
    let found = catalogProblem(#"{"products": []}"#)
    #expect(
      found
        == CatalogProblem(
          location: "version", message: "version is missing; this reader understands version 1"))
  }

  @Test("products must be a non-empty list")
  func products() {
    #expect(
      catalogProblem(#"{"version": 1}"#)?.message
        == "products is missing; it lists the items for sale")
    #expect(
      catalogProblem(#"{"version": 1, "products": []}"#)?.message == "the catalog has no products")
    #expect(
      catalogProblem(#"{"version": 1, "products": {}}"#)?.message
        == "products must be a list of items, not an object")
  }

  @Test("a file over 4 MiB is refused before it is read, even a 10 MB one", .timeLimit(.minutes(1)))
  func oversized() {
    // Not JSON at all: had it been parsed, the error would be a syntax error.
    let huge = CardTestKit.CountingBytes(
      [UInt8](repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024))
    var found: [CatalogProblem] = []
    do {
      _ = try Catalog.parse(huge, source: "huge.json")
      Issue.record("accepted")
    } catch {
      found = error.problems
    }
    #expect(
      found == [
        CatalogProblem(
          location: nil,
          message:
            "the file is 10,485,760 bytes; a catalog file may be at most 4,194,304 bytes (4 MiB)")
      ])
    // Only the size was asked for: not one byte of the file was read.
    #expect(huge.counter.reads == 0)
    let justOver = [UInt8](repeating: 0x20, count: Catalog.maximumFileSize + 1)
    #expect(catalogProblems(String(decoding: justOver, as: UTF8.self)).first?.location == nil)
    let countedJustOver = CardTestKit.CountingBytes(justOver)
    #expect(throws: CatalogError.self) { try Catalog.parse(countedJustOver, source: "t.json") }
    #expect(countedJustOver.counter.reads == 0)
  }

  @Test("a file of exactly 4 MiB is read")
  func exactlyAtLimit() throws {
    var bytes = Array(catalogJSON([itemJSON()]).utf8)
    bytes += [UInt8](repeating: 0x20, count: Catalog.maximumFileSize - bytes.count)
    #expect(bytes.count == Catalog.maximumFileSize)
    #expect(try Catalog.parse(bytes, source: "t.json").items.count == 1)
  }

  @Test("10,000 items are accepted and 10,001 refused with one problem")
  func itemCount() throws {
    let items = (0...Catalog.maximumItemCount).map { index in
      #"{"sku":"S\#(index)X","product":"P","name":"N","description":"D","kind":"download","prices":{"EUR":1}}"#
    }
    let atLimit = try Catalog.parse(catalogJSON(Array(items.dropLast())).utf8, source: "t.json")
    #expect(atLimit.items.count == 10_000)
    #expect(atLimit.item(for: sku("S9999X"))?.prices[.eur]?.minorUnits == 1)
    let found = catalogProblem(catalogJSON(items))
    #expect(
      found
        == CatalogProblem(
          location: nil, message: "the catalog has 10,001 products; at most 10,000 are allowed"))
  }
}

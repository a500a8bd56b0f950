import Testing

@testable import OrderCore

/// Catalog text ends up on a terminal, so anything that could take the terminal over is refused.
@Suite("Catalog file: text safety")
struct CatalogTextTests {
  @Test(
    "control characters, escape sequences and direction overrides are refused",
    arguments: [
      ("Ink\u{1B}[2Jwell", "U+001B"),
      ("Ink\nwell", "U+000A"),
      ("Ink\twell", "U+0009"),
      ("Ink\rwell", "U+000D"),
      ("Ink\u{0}well", "U+0000"),
      ("Ink\u{7F}well", "U+007F"),
      ("Ink\u{9B}31mwell", "U+009B"),
      ("Ink\u{202E}llew", "U+202E"),
      ("Ink\u{2066}well", "U+2066"),
      ("Ink\u{2028}well", "U+2028"),
      ("Ink\u{200F}well", "U+200F"),
    ])
  func refused(text: String, codePoint: String) {
    for field in ["name", "description", "product", "edition"] {
      let found = catalogProblem(catalogJSON([itemJSON([field: jsonStringLiteral(text)])]))
      #expect(found?.location == "products[0] (INKWELL-PRO)")
      #expect(
        found?.message
          == "\(field) contains the control character \(codePoint); catalog text must be plain text on one line"
      )
    }
  }

  @Test("emoji, accents, combining marks and other scripts are accepted")
  func accepted() throws {
    for text in [
      "Inkwell ✒️", "Café Noir", "Cafe\u{301} Noir", "インクウェル", "שלום", "👩‍💻 Dev Kit", "🇪🇺 Edition",
    ] {
      let catalog = try Catalog.parse(
        catalogJSON([itemJSON(["name": jsonStringLiteral(text)])]).utf8, source: "t.json")
      #expect(catalog.items[0].name == text)
    }
  }

  @Test("text must not begin or end with spaces")
  func surroundingSpace() {
    #expect(
      catalogProblem(catalogJSON([itemJSON(["name": #"" Inkwell""#])]))?.message
        == "name must not begin with a space")
    #expect(
      catalogProblem(catalogJSON([itemJSON(["name": #""Inkwell\u00a0""#])]))?.message
        == "name must not end with a space")
  }

  @Test("text has a length limit in characters, and piles of combining marks count")
  func lengths() throws {
    let eighty = String(repeating: "é", count: 80)
    #expect(
      try Catalog.parse(
        catalogJSON([itemJSON(["name": jsonStringLiteral(eighty)])]).utf8, source: "t"
      )
      .items[0].name == eighty)
    let tooLong = catalogProblem(catalogJSON([itemJSON(["name": jsonStringLiteral(eighty + "x")])]))
    #expect(tooLong?.message == "name must be at most 80 characters long")
    let zalgo = "Z" + String(repeating: "\u{301}", count: 400)
    #expect(
      catalogProblem(catalogJSON([itemJSON(["name": jsonStringLiteral(zalgo)])]))?.message
        == "name must be at most 80 characters long")
    let description = String(repeating: "word ", count: 200) + "end"
    #expect(
      catalogProblem(catalogJSON([itemJSON(["description": jsonStringLiteral(description)])]))?
        .message
        == "description must be at most 1000 characters long")
  }

  @Test("a name of nearly 4 MB is refused as too long", .timeLimit(.minutes(1)))
  func hugeName() {
    let name = String(repeating: "a", count: 4_000_000)
    let found = catalogProblem(catalogJSON([itemJSON(["name": jsonStringLiteral(name)])]))
    #expect(found?.location == "products[0] (INKWELL-PRO)")
    #expect(found?.message == "name must be at most 80 characters long")
  }

  @Test("hostile text in keys, values and the file name is never echoed raw")
  func noEchoOfControls() {
    let hostile = "\u{1B}]0;pwned\u{7}\u{1B}[2J"
    let json = catalogJSON([
      itemJSON([
        "kind": jsonStringLiteral(hostile), hostile: "1",
        "prices": "{\(jsonStringLiteral(hostile)): 1}",
      ])
    ])
    do {
      _ = try Catalog.parse(json.utf8, source: "evil\u{1B}[31m.json")
      Issue.record("accepted")
    } catch {
      #expect(error.problems.count == 3)
      let lines = error.description.split(separator: "\n").map(String.init)
      #expect(lines.count == 3)
      #expect(lines.allSatisfy(hasNoControlCharacters))
      #expect(error.description.contains("U+001B"))
      #expect(error.description.hasPrefix("evilU+001B[31m.json: products[0] (INKWELL-PRO): "))
    }
  }

  @Test("long hostile values are cut short in messages")
  func quotedIsShort() {
    let junk = String(repeating: "x", count: 1_000_000)
    let found = catalogProblem(catalogJSON([itemJSON(["kind": jsonStringLiteral(junk)])]))
    #expect(
      found?.message == #"kind must be "download" or "boxed", not "xxxxxxxxxxxxxxxxxxxxxxxx…""#)
    #expect(CatalogText.quoted("a\"b\\c") == #""a\"b\\c""#)
    #expect(CatalogText.quoted("e" + String(repeating: "\u{301}", count: 50)) == #""e""#)
  }
}

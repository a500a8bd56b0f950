import PropertyBased
import Testing

@testable import OrderCore

@Suite("SKU")
struct CatalogSKUTests {
  @Test("valid codes are accepted and stored in upper case")
  func valid() throws {
    #expect(try SKU(parsing: "INKWELL-PRO").value == "INKWELL-PRO")
    #expect(try SKU(parsing: "inkwell-pro").value == "INKWELL-PRO")
    #expect(try SKU(parsing: "  Ink-7\t").value == "INK-7")
    #expect(try SKU(parsing: "A1B").value == "A1B")
    #expect(try SKU(parsing: String(repeating: "X", count: 40)).value.count == 40)
    #expect(SKU("inkwell-pro") == SKU("INKWELL-PRO"))
  }

  @Test(
    "invalid codes are refused with a reason",
    arguments: [
      ("", SKUError.empty),
      ("   \t", .empty),
      ("AB", .tooShort(length: 2)),
      (" a ", .tooShort(length: 1)),
      (String(repeating: "X", count: 41), .tooLong),
      ("INKWELL PRO", .invalidCharacter("U+0020")),
      ("INKWELL_PRO", .invalidCharacter("\"_\"")),
      ("-ABC", .hyphenAtEdge),
      ("ABC-", .hyphenAtEdge),
      ("---", .hyphenAtEdge),
      ("\u{1B}[2JABC", .invalidCharacter("U+001B")),
      ("ÍNKWELL", .invalidCharacter("U+00CD")),
      ("ınkwell", .invalidCharacter("U+0131")),
      ("ſku", .invalidCharacter("U+017F")),
      ("ＩＮＫ", .invalidCharacter("U+FF29")),
      ("INK😀", .invalidCharacter("U+1F600")),
      ("INKE\u{301}", .invalidCharacter("U+0301")),
      ("AB\u{0}C", .invalidCharacter("U+0000")),
    ])
  func invalid(text: String, expected: SKUError) {
    #expect(throws: expected) { try SKU(parsing: text) }
    #expect(SKU(text) == nil)
  }

  @Test("messages are sentences that never echo a control character")
  func messages() {
    for error in [SKUError.empty, .tooShort(length: 2), .tooLong, .hyphenAtEdge] {
      #expect(error.description.hasPrefix("A SKU "))
      #expect(error.description.hasSuffix("."))
    }
    #expect(
      SKUError.invalidCharacter("U+001B").description
        == "A SKU may contain only the letters A to Z, the digits 0 to 9 and hyphens, not U+001B.")
    do {
      _ = try SKU(parsing: "AB\u{1B}[31m")
    } catch {
      #expect(hasNoControlCharacters(error.description))
    }
  }

  @Test("a 10 MB string is refused as too long", .timeLimit(.minutes(1)))
  func hugeInput() {
    let huge = String(repeating: "A", count: 10_000_000)
    #expect(throws: SKUError.tooLong) { try SKU(parsing: huge) }
    #expect(SKU(huge) == nil)
    // Surrounding whitespace does not rescue it, and hostile characters inside are not what
    // it is refused for: the length is judged first.
    #expect(throws: SKUError.tooLong) { try SKU(parsing: " \(huge) ") }
    #expect(throws: SKUError.tooLong) { try SKU(parsing: "\u{1B}[2J" + huge) }
  }

  @Test("SKUs encode as strings and decoding checks them")
  func codable() throws {
    let encoded = try CommerceJSON.encode(sku("ink-7"))
    #expect(encoded == #""INK-7""#)
    #expect(try CommerceJSON.decode(SKU.self, from: #""abc""#) == sku("ABC"))
    #expect(throws: (any Error).self) { try CommerceJSON.decode(SKU.self, from: #""a b""#) }
  }

  @Test("any code of allowed characters is accepted, in upper case")
  func propertyAccepted() async {
    let inner = Gen<Character?>.element(of: Array("abcxyzABCXYZ0189-") as [Character]).map { $0! }
    let edge = Gen<Character?>.element(of: Array("aZ09") as [Character]).map { $0! }
    await propertyCheck(count: 300, input: edge, inner.string(of: 1...38), edge) { a, middle, b in
      let text = String(a) + middle + String(b)
      let parsed = SKU(text)
      #expect(parsed?.value == text.uppercased())
      #expect(parsed.flatMap { SKU($0.value) } == parsed)
    }
  }

  @Test("random text never crashes and is accepted only if it follows the rules")
  func propertyRandom() async {
    let characters = Gen<Character?>.element(of: Array("aZ9- _\u{1B}é😀ı\n-") as [Character]).map {
      $0!
    }
    await propertyCheck(count: 500, input: characters.string(of: 0...45)) { text in
      guard let parsed = SKU(text) else { return }
      let value = parsed.value
      #expect((3...40).contains(value.count))
      #expect(value.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") })
      #expect(value.first != "-" && value.last != "-")
    }
  }
}

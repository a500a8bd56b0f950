/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It refuses what a lenient reader would guess at: duplicate keys, trailing commas,
/// comments, leading zeros, unescaped control characters, invalid UTF-8, lone surrogates
/// and text after the value. Nesting is limited so that hostile input cannot exhaust the
/// stack. Errors carry the line and column where reading stopped.
struct JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  static let maximumDepth = 32

  let bytes: [UInt8]
  var index = 0
  var depth = 0

  /// Parses one JSON value that fills the whole input (a leading UTF-8 byte-order mark is
  /// skipped, as editors on some systems write one).
  static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
    let value = try parser.parseValue()
    parser.skipWhitespace()
    if parser.index < bytes.count {
      throw parser.error("unexpected \(parser.describeCurrent()) after the end of the JSON value")
    }
    return value
  }

  mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
    skipWhitespace()
    guard index < bytes.count else { throw error("the file ends where a value was expected") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return .object(try parseObject())
    case UInt8(ascii: "["): return .array(try parseArray())
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw error("unexpected \(describeCurrent()) where a value was expected")
    }
  }

  mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
    try enterNesting()
    index += 1
    var object = JSONObject()
    var keys = Set<String>()
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return object
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else {
        if peek() == UInt8(ascii: "}") { throw error("a comma must not follow the last member") }
        throw error("expected a member name in double quotes, found \(describeCurrent())")
      }
      let keyStart = index
      let key = try parseString()
      if !keys.insert(key).inserted {
        throw error(
          "the name \(CatalogText.quoted(key)) appears twice in the same object", at: keyStart)
      }
      skipWhitespace()
      guard peek() == UInt8(ascii: ":") else {
        throw error("expected ':' after a member name, found \(describeCurrent())")
      }
      index += 1
      object.members.append((key, try parseValue()))
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        depth -= 1
        return object
      default: throw error("expected ',' or '}' after a member, found \(describeCurrent())")
      }
    }
  }

  mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
    try enterNesting()
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return elements
    }
    while true {
      skipWhitespace()
      if peek() == UInt8(ascii: "]") { throw error("a comma must not follow the last element") }
      elements.append(try parseValue())
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        depth -= 1
        return elements
      default: throw error("expected ',' or ']' after an element, found \(describeCurrent())")
      }
    }
  }

  mutating func parseLiteral(
    _ word: String, _ value: JSONValue
  ) throws(JSONSyntaxError)
    -> JSONValue
  {
    let expected = Array(word.utf8)
    guard bytes[index...].starts(with: expected) else {
      throw error("unexpected \(describeCurrent()) where a value was expected")
    }
    index += expected.count
    return value
  }

  mutating func parseNumber() throws(JSONSyntaxError) -> String {
    let start = index
    if peek() == UInt8(ascii: "-") { index += 1 }
    guard let first = peek(), isDigit(first) else {
      throw error("expected a digit in a number, found \(describeCurrent())")
    }
    index += 1
    if first == UInt8(ascii: "0"), let next = peek(), isDigit(next) {
      throw error("a number must not begin with a zero followed by more digits", at: start)
    }
    skipDigits()
    if peek() == UInt8(ascii: ".") {
      index += 1
      guard let next = peek(), isDigit(next) else {
        throw error("expected a digit after the decimal point, found \(describeCurrent())")
      }
      skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      index += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
      guard let next = peek(), isDigit(next) else {
        throw error("expected a digit in the exponent, found \(describeCurrent())")
      }
      skipDigits()
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private mutating func enterNesting() throws(JSONSyntaxError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw error("arrays and objects are nested more than \(Self.maximumDepth) levels deep")
    }
  }

  private mutating func skipDigits() {
    while let byte = peek(), isDigit(byte) { index += 1 }
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  func peek() -> UInt8? {
    index < bytes.count ? bytes[index] : nil
  }
}

extension JSONParser {
  /// Reads a string starting at its opening quote, decoding escapes and checking UTF-8.
  mutating func parseString() throws(JSONSyntaxError) -> String {
    let start = index
    index += 1
    var buffer: [UInt8] = []
    while true {
      guard index < bytes.count else {
        throw error("a string is not closed before the end of the file", at: start)
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        guard let string = String(validating: buffer, as: UTF8.self) else {
          throw error("a string is not valid UTF-8", at: start)
        }
        return string
      case UInt8(ascii: "\\"):
        try parseEscape(into: &buffer)
      case 0x00..<0x20:
        throw error(
          "a string holds the control character \(CatalogText.codePoint(Unicode.Scalar(byte))); "
            + "write it as an escape such as \\n")
      default:
        buffer.append(byte)
        index += 1
      }
    }
  }

  private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
    let start = index
    index += 1
    guard let byte = peek() else {
      throw error("a string is not closed before the end of the file", at: start)
    }
    index += 1
    let simple: UInt8? =
      switch byte {
      case UInt8(ascii: "\""): UInt8(ascii: "\"")
      case UInt8(ascii: "\\"): UInt8(ascii: "\\")
      case UInt8(ascii: "/"): UInt8(ascii: "/")
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      buffer.append(simple)
      return
    }
    guard byte == UInt8(ascii: "u") else {
      throw error("a backslash followed by \(describe(byte)) is not a JSON escape", at: start)
    }
    var value = try parseHex4(escapeStart: start)
    if (0xD800...0xDBFF).contains(value) {
      // A high surrogate must be followed by an escaped low surrogate.
      guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
        throw error("an escaped UTF-16 high surrogate is not followed by a low one", at: start)
      }
      index += 2
      let low = try parseHex4(escapeStart: start)
      guard (0xDC00...0xDFFF).contains(low) else {
        throw error("an escaped UTF-16 high surrogate is not followed by a low one", at: start)
      }
      value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
    }
    guard let scalar = Unicode.Scalar(value) else {
      throw error("an escaped UTF-16 low surrogate has no high surrogate before it", at: start)
    }
    UTF8.encode(scalar) { buffer.append($0) }
  }

  private mutating func parseHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek() else {
        throw error("a \\u escape needs four hexadecimal digits", at: escapeStart)
      }
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("a \\u escape needs four hexadecimal digits", at: escapeStart)
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// The current byte named for a message, or "the end of the file".
  func describeCurrent() -> String {
    guard let byte = peek() else { return "the end of the file" }
    return describe(byte)
  }

  /// A byte named so that it is safe to print: printable ASCII in quotes, else in hex.
  func describe(_ byte: UInt8) -> String {
    if (0x21...0x7E).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
    if byte == 0x20 { return "a space" }
    let hex = String(byte, radix: 16, uppercase: true)
    return "the byte 0x" + (hex.count < 2 ? "0" : "") + hex
  }

  /// A syntax error at `offset` (the current position by default), with line and column.
  func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
    let end = min(offset ?? index, bytes.count)
    var line = 1
    var column = 1
    for byte in bytes[..<end] {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        // Continuation bytes belong to the scalar already counted.
        column += 1
      }
    }
    return JSONSyntaxError(line: line, column: column, message: message)
  }
}

import OrderCore

/// Reads a sealed card's plaintext strictly: one JSON object with exactly the five agreed
/// fields, in any order, with the types and values a card can have.
///
/// Number and CVC go straight from the plaintext into `SecretBytes`; no `String` or array
/// ever holds them. Errors name a field at most, never a value.
struct CardPlaintextReader {
  /// More UTF-8 bytes than any acceptable cardholder name has, even in a script with accents.
  private static let maximumNameBytes = 1024

  private let bytes: UnsafeRawBufferPointer
  private var index = 0

  private init(bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// The card in `bytes`, or what is wrong with them.
  static func read(_ bytes: UnsafeRawBufferPointer) throws(CardPlaintextProblem) -> OpenedCard {
    var reader = CardPlaintextReader(bytes: bytes)
    let number = SecretBytes(capacity: 32)
    let cvc = SecretBytes(capacity: 8)
    do {
      var fields = try reader.readObject(number: number, cvc: cvc)
      defer { SecureMemory.wipe(&fields.nameBytes) }
      return try fields.card(number: number, cvc: cvc)
    } catch {
      number.wipe()
      cvc.wipe()
      throw error
    }
  }

  /// The fields that are not secret, collected while the secrets go to their own buffers.
  private struct Fields {
    var month: Int?
    var year: Int?
    var nameBytes: [UInt8] = []
    var numberFits = true
    var cvcFits = true
    var nameFits = true

    func card(number: SecretBytes, cvc: SecretBytes) throws(CardPlaintextProblem) -> OpenedCard {
      let check = number.withUnsafeBytes { CardNumberRules.evaluate(digits: $0) }
      guard numberFits, check.isValid, let brand = check.brand else { throw .invalidNumber }
      guard cvcFits, CVCRules.problem(in: cvc, brand: brand) == nil else { throw .invalidCVC }
      guard let month, let year, (1000...9999).contains(year),
        let expiry = YearMonth(year: year, month: month)
      else { throw .invalidExpiry }
      guard nameFits, let text = String(validating: nameBytes, as: UTF8.self),
        let name = try? CardholderName.normalise(text)
      else { throw .invalidName }
      return OpenedCard(number: number, cvc: cvc, expiry: expiry, name: name, brand: brand)
    }
  }

  private mutating func readObject(
    number: SecretBytes, cvc: SecretBytes
  ) throws(CardPlaintextProblem) -> Fields {
    var fields = Fields()
    var seen = Set<CardPlaintextField>()
    skipWhitespace()
    try expect(UInt8(ascii: "{"))
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      index += 1
    } else {
      while true {
        let field = try readKey()
        guard seen.insert(field).inserted else { throw .duplicateField(field) }
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
        skipWhitespace()
        try readValue(of: field, into: &fields, number: number, cvc: cvc)
        skipWhitespace()
        if peek() == UInt8(ascii: ",") {
          index += 1
          skipWhitespace()
          continue
        }
        try expect(UInt8(ascii: "}"))
        break
      }
    }
    skipWhitespace()
    guard index == bytes.count else { throw .trailingData }
    if let missing = CardPlaintextField.allCases.first(where: { !seen.contains($0) }) {
      throw .missingField(missing)
    }
    return fields
  }

  private mutating func readValue(
    of field: CardPlaintextField, into fields: inout Fields, number: SecretBytes,
    cvc: SecretBytes
  ) throws(CardPlaintextProblem) {
    switch field {
    case .number, .cvc:
      let secret = field == .number ? number : cvc
      var fits = true
      try readString(wrongType: .wrongType(field)) { byte in
        if !secret.append(byte) { fits = false }
      }
      if field == .number { fields.numberFits = fits } else { fields.cvcFits = fits }
    case .expMonth:
      fields.month = try readInteger(field)
    case .expYear:
      fields.year = try readInteger(field)
    case .name:
      // Reserved up front so that growing never leaves a copy of the name in freed memory.
      var collected: [UInt8] = []
      collected.reserveCapacity(Self.maximumNameBytes)
      var fits = true
      try readString(wrongType: .wrongType(field)) { byte in
        if collected.count < Self.maximumNameBytes { collected.append(byte) } else { fits = false }
      }
      fields.nameBytes = collected
      fields.nameFits = fits
    }
  }

  /// A member name, which must be one of the five fields.
  private mutating func readKey() throws(CardPlaintextProblem) -> CardPlaintextField {
    var name: [UInt8] = []
    try readString(wrongType: .malformedJSON) { byte in
      if name.count <= 16 { name.append(byte) }
    }
    guard let field = CardPlaintextField(rawValue: String(decoding: name, as: UTF8.self)) else {
      throw .unexpectedField
    }
    return field
  }

  /// A JSON string, its decoded UTF-8 bytes handed to `sink` one at a time.
  private mutating func readString(
    wrongType: CardPlaintextProblem, _ sink: (UInt8) -> Void
  ) throws(CardPlaintextProblem) {
    guard peek() == UInt8(ascii: "\"") else {
      throw peek() == nil ? .malformedJSON : wrongType
    }
    index += 1
    while let byte = next() {
      switch byte {
      case UInt8(ascii: "\""):
        return
      case UInt8(ascii: "\\"):
        try readEscape(sink)
      case 0..<0x20:
        throw .malformedJSON
      default:
        sink(byte)
      }
    }
    throw .malformedJSON
  }

  private mutating func readEscape(_ sink: (UInt8) -> Void) throws(CardPlaintextProblem) {
    guard let byte = next() else { throw .malformedJSON }
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): sink(byte)
    case UInt8(ascii: "b"): sink(0x08)
    case UInt8(ascii: "f"): sink(0x0C)
    case UInt8(ascii: "n"): sink(0x0A)
    case UInt8(ascii: "r"): sink(0x0D)
    case UInt8(ascii: "t"): sink(0x09)
    case UInt8(ascii: "u"):
      var value = try readHex4()
      if (0xD800...0xDBFF).contains(value) {
        // A UTF-16 surrogate pair: the low half must follow as its own escape.
        guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else {
          throw .malformedJSON
        }
        let low = try readHex4()
        guard (0xDC00...0xDFFF).contains(low) else { throw .malformedJSON }
        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let scalar = Unicode.Scalar(value) else { throw .malformedJSON }
      UTF8.encode(scalar, into: sink)
    default:
      throw .malformedJSON
    }
  }

  private mutating func readHex4() throws(CardPlaintextProblem) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = next() else { throw .malformedJSON }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw .malformedJSON
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// A non-negative JSON integer of at most four digits, for an expiry month or year.
  private mutating func readInteger(
    _ field: CardPlaintextField
  ) throws(CardPlaintextProblem) -> Int {
    guard let first = peek() else { throw .malformedJSON }
    if first == UInt8(ascii: "-") { throw .invalidExpiry }
    guard CardPlaintextWriter.isDigit(first) else { throw .wrongType(field) }
    var value = 0
    var digits = 0
    while let byte = peek(), CardPlaintextWriter.isDigit(byte) {
      digits += 1
      guard digits <= 4, !(digits == 2 && value == 0) else { throw .invalidExpiry }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
      index += 1
    }
    if let byte = peek(),
      byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    {
      throw .invalidExpiry
    }
    return value
  }

  private func peek() -> UInt8? {
    index < bytes.count ? bytes[index] : nil
  }

  private mutating func next() -> UInt8? {
    guard index < bytes.count else { return nil }
    defer { index += 1 }
    return bytes[index]
  }

  private mutating func expect(_ byte: UInt8) throws(CardPlaintextProblem) {
    guard next() == byte else { throw .malformedJSON }
  }

  private mutating func skipWhitespace() {
    while let byte = peek(),
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    {
      index += 1
    }
  }
}

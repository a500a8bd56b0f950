import Crypto

/// The fields of a record as stored, and the hash that chains them.
///
/// The hash is SHA-256 over an encoding in which no two different records look alike: a
/// version tag, then every field in a fixed order, integers as 8 bytes big-endian, text as a
/// 4-byte big-endian length and its UTF-8, an optional field as a 0 byte when absent or a 1
/// byte before its value, and last the previous record's 32-byte hash. The first record
/// chains to 32 zero bytes.
struct AuditChain {
  /// The previous hash of the first record.
  static let origin = [UInt8](repeating: 0, count: 32)
  /// Names this encoding; a change of encoding gets a new tag.
  static let versionTag = "orderdesk-audit-v1"

  /// A record's fields as text, as stored: what is hashed, whether or not they still read
  /// as an action, an outcome or a role.
  struct Fields: Sendable, Hashable {
    var sequence: Int64
    var milliseconds: Int64
    var actor: String
    var role: String?
    var action: String
    var outcome: String
    var origin: String
    var order: String?
    var detail: String
  }

  /// SHA-256 of `fields` after `previousHash`, as described above.
  static func hash(_ fields: Fields, previousHash: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256 + fields.detail.utf8.count)
    append(versionTag, to: &bytes)
    append(fields.sequence, to: &bytes)
    append(fields.milliseconds, to: &bytes)
    append(fields.actor, to: &bytes)
    append(optional: fields.role, to: &bytes)
    append(fields.action, to: &bytes)
    append(fields.outcome, to: &bytes)
    append(fields.origin, to: &bytes)
    append(optional: fields.order, to: &bytes)
    append(fields.detail, to: &bytes)
    bytes += previousHash
    return Array(SHA256.hash(data: bytes))
  }

  private static func append(_ value: Int64, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
  }

  private static func append(_ text: String, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: UInt32(text.utf8.count).bigEndian) { bytes += $0 }
    bytes += text.utf8
  }

  private static func append(optional text: String?, to bytes: inout [UInt8]) {
    guard let text else {
      bytes.append(0)
      return
    }
    bytes.append(1)
    append(text, to: &bytes)
  }
}

extension [UInt8] {
  /// The bytes in lower-case hexadecimal.
  var hexadecimal: String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(count * 2)
    for byte in self {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The bytes `text` spells in hexadecimal, or `nil`.
  init?(hexadecimal text: some StringProtocol) {
    let characters = Array(text.utf8)
    guard characters.count % 2 == 0 else { return nil }
    func value(_ character: UInt8) -> UInt8? {
      switch character {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
      default: nil
      }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(characters.count / 2)
    var index = 0
    while index < characters.count {
      guard let high = value(characters[index]), let low = value(characters[index + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    self = bytes
  }
}

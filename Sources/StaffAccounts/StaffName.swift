import OrderCore

/// A member of staff's sign-in name: 1 to 32 characters of `a`–`z`, `0`–`9`, `.`, `_` and
/// `-`, kept in lower case.
///
/// Upper-case ASCII letters are accepted and lowered; anything else is refused before it is
/// lowered, so no Unicode case mapping (the Kelvin sign lowers to `k`) can make two spellings
/// name one account. A name that reads as a card number is refused: names are written in the
/// audit trail and on screens, where card numbers never are.
public struct StaffName: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The most characters a name has.
  public static let maximumLength = 32

  /// The name in lower case.
  public let rawValue: String

  /// Reads a name as typed, or says which rule it breaks (without repeating it).
  public init(_ text: String) throws(StaffDirectoryError) {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else {
      throw .invalidName("A staff name needs at least one character.")
    }
    guard bytes.count <= Self.maximumLength else {
      throw .invalidName("A staff name has at most \(Self.maximumLength) characters.")
    }
    guard bytes.allSatisfy(Self.isAllowed) else {
      throw .invalidName(
        "A staff name may hold only the letters a-z, the digits 0-9, '.', '_' and '-'.")
    }
    let lowered = String(decoding: bytes.map(Self.lowered), as: UTF8.self)
    guard !CardNumberScanner.containsCardNumber(lowered) else {
      throw .invalidName("A staff name must not read as a card number.")
    }
    rawValue = lowered
  }

  public var description: String { rawValue }

  public static func < (lhs: StaffName, rhs: StaffName) -> Bool { lhs.rawValue < rhs.rawValue }

  private static func isAllowed(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
      UInt8(ascii: "-"):
      true
    default: false
    }
  }

  private static func lowered(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
  }
}

/// A stock-keeping unit: the code that names one sellable item in the catalog.
///
/// A SKU is 3 to 40 characters of `A`–`Z`, `0`–`9` and `-`, beginning and ending with a
/// letter or digit. Lower-case ASCII letters are accepted and stored in upper case, so
/// `inkwell-pro` and `INKWELL-PRO` are the same SKU. Only ASCII letters are case-mapped:
/// Unicode case mapping would turn look-alikes such as the dotless `ı` into `I`.
public struct SKU: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The fewest characters a SKU may have.
  public static let minimumLength = 3
  /// The most characters a SKU may have.
  public static let maximumLength = 40

  /// The normalised, upper-case code, for example `INKWELL-PRO`.
  public let value: String

  /// Parses a SKU, or returns `nil` when the text is not one.
  public init?(_ text: String) {
    guard let sku = try? SKU(parsing: text) else { return nil }
    self = sku
  }

  /// Parses a SKU, explaining what is wrong when the text is not one.
  ///
  /// Spaces, tabs and line breaks around the code are ignored.
  public init(parsing text: String) throws(SKUError) {
    // Checked on the raw UTF-8 length first so that a hostile megabyte string is refused
    // without walking it.
    if text.utf8.count > Self.maximumLength * 4 { throw .tooLong }
    let trimmed = text.trimmingASCIIWhitespace()
    if trimmed.isEmpty { throw .empty }

    var normalised: [UInt8] = []
    normalised.reserveCapacity(Self.maximumLength)
    for scalar in trimmed.unicodeScalars {
      switch scalar.value {
      case 0x41...0x5A, 0x30...0x39, 0x2D: normalised.append(UInt8(scalar.value))
      case 0x61...0x7A: normalised.append(UInt8(scalar.value - 0x20))
      default: throw .invalidCharacter(SKUError.describe(scalar))
      }
      if normalised.count > Self.maximumLength { throw .tooLong }
    }
    if normalised.count < Self.minimumLength { throw .tooShort(length: normalised.count) }
    if normalised.first == 0x2D || normalised.last == 0x2D { throw .hyphenAtEdge }
    value = String(decoding: normalised, as: UTF8.self)
  }

  public var description: String { value }

  public static func < (lhs: SKU, rhs: SKU) -> Bool { lhs.value < rhs.value }
}

extension SKU: Codable {
  /// Decodes a SKU from a JSON string, refusing text that is not a valid SKU.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      self = try SKU(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the SKU as its normalised string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}

/// Why a piece of text is not a SKU.
public enum SKUError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text is empty or only spaces.
  case empty
  /// The code is shorter than ``SKU/minimumLength``.
  case tooShort(length: Int)
  /// The code is longer than ``SKU/maximumLength``.
  case tooLong
  /// The code holds a character other than `A`–`Z`, `0`–`9` and `-`, described safely.
  case invalidCharacter(String)
  /// The code begins or ends with a hyphen.
  case hyphenAtEdge

  /// What is wrong, as the end of a sentence whose subject is the SKU.
  ///
  /// The catalog reader puts a field name in front ("sku must be …"); ``description``
  /// puts "A SKU" in front.
  public var reason: String {
    switch self {
    case .empty:
      "must not be empty"
    case .tooShort(let length):
      "must be at least \(SKU.minimumLength) characters long, not \(length)"
    case .tooLong:
      "must be at most \(SKU.maximumLength) characters long"
    case .invalidCharacter(let character):
      "may contain only the letters A to Z, the digits 0 to 9 and hyphens, not \(character)"
    case .hyphenAtEdge:
      "must begin and end with a letter or digit, not a hyphen"
    }
  }

  public var description: String { "A SKU \(reason)." }

  /// Names a character so that it can be shown without risk: printable ASCII in quotes,
  /// everything else (escape sequences, emoji, combining marks) by its code point.
  static func describe(_ scalar: Unicode.Scalar) -> String {
    if (0x21...0x7E).contains(scalar.value) { return "\"\(Character(scalar))\"" }
    return CatalogText.codePoint(scalar)
  }
}

/// The key that makes a submit safe to retry: the service answers a repeat with the
/// first answer instead of charging twice.
public struct IdempotencyKey: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The longest key the service keeps.
  public static let maximumLength = 255

  public let rawValue: String

  /// Accepts 1 to 255 printable ASCII characters, which is what an HTTP header can carry intact.
  public init?(_ rawValue: String) {
    let bytes = rawValue.utf8
    guard (1...Self.maximumLength).contains(bytes.count),
      bytes.allSatisfy({ (0x21...0x7E).contains($0) })
    else { return nil }
    self.rawValue = rawValue
  }

  /// A new key of 32 random characters from the URL-safe alphabet.
  ///
  /// The alphabet has 64 characters, so each takes six random bits: the key needs four
  /// 64-bit draws from `generator`, not one per character. The random source is a parameter
  /// so tests and replays can be deterministic.
  public static func random(using generator: inout some RandomNumberGenerator) -> IdempotencyKey {
    let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    var text: [UInt8] = []
    text.reserveCapacity(32)
    var bits: UInt64 = 0
    var bitsLeft = 0
    while text.count < 32 {
      if bitsLeft < 6 {
        bits = generator.next()
        bitsLeft = 64
      }
      text.append(alphabet.utf8Start[Int(bits & 63)])
      bits >>= 6
      bitsLeft -= 6
    }
    return IdempotencyKey(unchecked: String(decoding: text, as: UTF8.self))
  }

  private init(unchecked rawValue: String) {
    self.rawValue = rawValue
  }

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let key = IdempotencyKey(text) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "an idempotency key is 1 to 255 printable ASCII characters"))
    }
    self = key
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// A SHA-256 fingerprint the desk was told to trust, as given with `--pin sha256:…`.
///
/// Pinning trusts exactly one certificate, whoever issued it: the desk compares the SHA-256
/// of the leaf certificate's DER encoding with the pin, in constant time.
public struct CertificatePin: Sendable, Hashable, CustomStringConvertible {
  /// The longest text read as a pin; anything longer is refused unread.
  public static let maximumTextLength = 200

  /// The pinned fingerprint.
  public let fingerprint: CertificateFingerprint

  /// A pin for a fingerprint already known.
  public init(fingerprint: CertificateFingerprint) {
    self.fingerprint = fingerprint
  }

  /// Reads a pin as a person types it.
  ///
  /// Accepted: an optional `sha256:` (or `sha-256:`) prefix in any case, then 64 hex digits in
  /// any case, either run together or as 32 pairs separated by colons. Surrounding spaces are
  /// ignored. The errors describe what is wrong without repeating the text.
  public init(parsing text: String) throws(CertificatePinError) {
    guard text.utf8.count <= Self.maximumTextLength else {
      throw .tooLong(text.utf8.count)
    }
    var body = Substring(text).drop(while: { $0 == " " || $0 == "\t" })
    while let last = body.last, last == " " || last == "\t" { body = body.dropLast() }
    guard !body.isEmpty else { throw .empty }
    if let colon = body.firstIndex(of: ":") {
      // A first part that is not a pair of hex digits is an algorithm name, as in `sha256:`.
      let head = body[..<colon]
      let isHexPair = head.count == 2 && head.allSatisfy(\.isHexDigit)
      if !isHexPair {
        let algorithm = head.lowercased()
        guard algorithm == "sha256" || algorithm == "sha-256" else {
          throw .unsupportedAlgorithm
        }
        body = body[body.index(after: colon)...]
      }
    }
    self.fingerprint = try Self.digest(from: body)
  }

  /// Whether the certificate with this DER encoding is the pinned one.
  public func matches(certificateDER: some Sequence<UInt8>) -> Bool {
    fingerprint.isEqualInConstantTime(to: CertificateFingerprint(certificateDER: certificateDER))
  }

  /// The pin as `sha256:AB:CD:…`.
  public var description: String { fingerprint.display }

  private static func digest(
    from body: Substring
  ) throws(CertificatePinError) -> CertificateFingerprint {
    let scalars = Array(body.unicodeScalars)
    let hasColons = scalars.contains(":")
    var nibbles: [UInt8] = []
    nibbles.reserveCapacity(64)
    for (offset, scalar) in scalars.enumerated() {
      if hasColons, offset % 3 == 2 {
        guard scalar == ":" else { throw .misplacedColon }
        continue
      }
      guard let value = nibble(scalar) else {
        throw scalar == ":" ? .misplacedColon : .notHex
      }
      nibbles.append(value)
    }
    if hasColons, scalars.last == ":" { throw .misplacedColon }
    guard nibbles.count == 2 * CertificateFingerprint.byteCount else {
      throw .wrongLength(hexDigits: nibbles.count)
    }
    var bytes: [UInt8] = []
    for index in stride(from: 0, to: nibbles.count, by: 2) {
      bytes.append(nibbles[index] << 4 | nibbles[index + 1])
    }
    guard let fingerprint = CertificateFingerprint(digest: bytes) else {
      throw .wrongLength(hexDigits: nibbles.count)
    }
    return fingerprint
  }

  private static func nibble(_ scalar: Unicode.Scalar) -> UInt8? {
    switch scalar.value {
    case 0x30...0x39: UInt8(scalar.value - 0x30)
    case 0x41...0x46: UInt8(scalar.value - 0x41 + 10)
    case 0x61...0x66: UInt8(scalar.value - 0x61 + 10)
    default: nil
    }
  }
}

/// Why a `--pin` value was refused.
///
/// Messages never repeat the text, which may hold anything.
public enum CertificatePinError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Nothing but spaces.
  case empty
  /// Longer than any pin can be.
  case tooLong(Int)
  /// A prefix other than `sha256:`, such as `sha1:`.
  case unsupportedAlgorithm
  /// A character that is not a hex digit (or a colon between pairs).
  case notHex
  /// Colons that do not separate every pair of hex digits.
  case misplacedColon
  /// Not 64 hex digits.
  case wrongLength(hexDigits: Int)

  /// The problem in words, with an example of the expected form.
  public var description: String {
    let expected = "expected sha256: followed by 64 hex digits, for example sha256:3A:F1:…"
    switch self {
    case .empty:
      return "The pin is empty; \(expected)."
    case .tooLong(let count):
      return "The pin is \(count) characters long, longer than any SHA-256 pin; \(expected)."
    case .unsupportedAlgorithm:
      return "Only SHA-256 pins are supported; \(expected)."
    case .notHex:
      return "The pin contains a character that is not a hex digit; \(expected)."
    case .misplacedColon:
      return "The pin's colons must separate every pair of hex digits; \(expected)."
    case .wrongLength(let digits):
      let hint = digits == 40 ? " (that is the length of a SHA-1 fingerprint)" : ""
      return "The pin has \(digits) hex digits\(hint), but a SHA-256 fingerprint has 64; "
        + "\(expected)."
    }
  }
}

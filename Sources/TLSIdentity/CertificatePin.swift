import Foundation

/// What the desk was told to trust with `--pin`: a certificate, or the key it was issued for.
///
/// Pinning trusts exactly one certificate or key, whoever issued it: the desk compares the
/// SHA-256 of the leaf certificate's DER encoding (``certificate(_:)``, `sha256:AB:CD:…`) or of
/// its SubjectPublicKeyInfo (``publicKey(_:)``, `sha256//BASE64`) with the pin, in constant
/// time. A key pin survives the service renewing its certificate; a certificate pin does not.
public enum CertificatePin: Sendable, Hashable, CustomStringConvertible {
  /// The SHA-256 of the whole leaf certificate.
  case certificate(CertificateFingerprint)
  /// The SHA-256 of the leaf certificate's public key (SPKI).
  case publicKey(PublicKeyFingerprint)

  /// The longest text read as a pin; anything longer is refused unread.
  public static let maximumTextLength = 200

  /// A pin on a certificate whose fingerprint is already known.
  public init(fingerprint: CertificateFingerprint) {
    self = .certificate(fingerprint)
  }

  /// Reads a pin as a person types it.
  ///
  /// Accepted, with surrounding spaces ignored:
  /// - a public-key pin as curl's `--pinnedpubkey` writes it, `sha256//` and the SHA-256 of the
  ///   SubjectPublicKeyInfo in standard base64 (44 characters), or as HPKP writes it,
  ///   `pin-sha256="…"` (the quotes may be left out);
  /// - a certificate pin: an optional `sha256:` (or `sha-256:`) prefix in any case, then 64 hex
  ///   digits in any case, either run together or as 32 pairs separated by colons.
  ///
  /// The errors describe what is wrong without repeating the text.
  public init(parsing text: String) throws(CertificatePinError) {
    guard text.utf8.count <= Self.maximumTextLength else {
      throw .tooLong(text.utf8.count)
    }
    var body = Substring(text).drop(while: { $0 == " " || $0 == "\t" })
    while let last = body.last, last == " " || last == "\t" { body = body.dropLast() }
    guard !body.isEmpty else { throw .empty }
    if let key = Self.publicKeyBase64(body) {
      self = .publicKey(try Self.publicKeyDigest(from: key))
      return
    }
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
    self = .certificate(try Self.digest(from: body))
  }

  /// Whether the certificate with this DER encoding is the pinned one, or was issued for the
  /// pinned key.
  public func matches(certificateDER: [UInt8]) -> Bool {
    switch self {
    case .certificate(let fingerprint):
      return fingerprint.isEqualInConstantTime(
        to: CertificateFingerprint(certificateDER: certificateDER))
    case .publicKey(let fingerprint):
      guard let presented = PublicKeyFingerprint(certificateDER: certificateDER) else {
        return false
      }
      return fingerprint.isEqualInConstantTime(to: presented)
    }
  }

  /// What is pinned, in words: "certificate" or "public key (SPKI)".
  public var kind: String {
    switch self {
    case .certificate: "certificate"
    case .publicKey: "public key (SPKI)"
    }
  }

  /// The pin as `sha256:AB:CD:…` for a certificate, `sha256//BASE64` for a key.
  public var description: String {
    switch self {
    case .certificate(let fingerprint): fingerprint.display
    case .publicKey(let fingerprint): fingerprint.display
    }
  }

  /// The base64 text of a public-key pin, or `nil` when `body` is not written as one.
  private static func publicKeyBase64(_ body: Substring) -> Substring? {
    let lowered = body.lowercased()
    if lowered.hasPrefix(PublicKeyFingerprint.displayPrefix) {
      return body.dropFirst(PublicKeyFingerprint.displayPrefix.count)
    }
    guard lowered.hasPrefix("pin-sha256") else { return nil }
    var rest = body.dropFirst("pin-sha256".count)
    guard rest.first == "=" || rest.first == ":" else { return nil }
    rest = rest.dropFirst()
    if rest.first == "\"", rest.count >= 2, rest.last == "\"" {
      rest = rest.dropFirst().dropLast()
    }
    return rest
  }

  private static func publicKeyDigest(
    from base64: Substring
  ) throws(CertificatePinError) -> PublicKeyFingerprint {
    let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
    guard base64.allSatisfy(alphabet.contains), let bytes = Data(base64Encoded: String(base64))
    else { throw .notBase64 }
    guard let fingerprint = PublicKeyFingerprint(digest: Array(bytes)) else {
      throw .wrongKeyDigestLength(bytes: bytes.count)
    }
    return fingerprint
  }

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
  /// A public-key pin whose digest is not standard base64.
  case notBase64
  /// A public-key pin whose digest is not 32 bytes long.
  case wrongKeyDigestLength(bytes: Int)
  /// Colons that do not separate every pair of hex digits.
  case misplacedColon
  /// Not 64 hex digits.
  case wrongLength(hexDigits: Int)

  /// The problem in words, with an example of the expected form.
  public var description: String {
    let expected =
      "expected sha256// and the public key's SHA-256 in base64, 44 characters "
      + "(sha256//u38m…BM=), or sha256: and the certificate's SHA-256 as 64 hex digits "
      + "(sha256:3A:F1:…)"
    switch self {
    case .empty:
      return "The pin is empty; \(expected)."
    case .tooLong(let count):
      return "The pin is \(count) characters long, longer than any SHA-256 pin; \(expected)."
    case .unsupportedAlgorithm:
      return "Only SHA-256 pins are supported; \(expected)."
    case .notHex:
      return "The pin contains a character that is not a hex digit; \(expected)."
    case .notBase64:
      return "The public-key pin is not standard base64; \(expected)."
    case .wrongKeyDigestLength(let count):
      return "The public-key pin is \(count) bytes long, but a SHA-256 digest has 32; "
        + "\(expected)."
    case .misplacedColon:
      return "The pin's colons must separate every pair of hex digits; \(expected)."
    case .wrongLength(let digits):
      let hint = digits == 40 ? " (that is the length of a SHA-1 fingerprint)" : ""
      return "The pin has \(digits) hex digits\(hint), but a SHA-256 fingerprint has 64; "
        + "\(expected)."
    }
  }
}

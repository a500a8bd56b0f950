import Crypto
import OrderCore

/// The SHA-256 fingerprint of a certificate's DER encoding: one of the two things a desk can
/// pin (``PublicKeyFingerprint`` is the other, and the one that survives a renewal).
///
/// Two spellings exist because people and programs read it differently: ``hex`` is lowercase
/// hex without separators (stable, for storage and comparison), ``display`` is
/// `sha256:AB:CD:…`, the form `orderdesk serve` prints and `--pin` accepts.
public struct CertificateFingerprint: Sendable, Hashable, CustomStringConvertible {
  /// The number of bytes in a SHA-256 digest.
  public static let byteCount = 32

  /// The 32 digest bytes.
  public let bytes: [UInt8]

  /// The fingerprint of a certificate given as DER bytes.
  public init(certificateDER: some Sequence<UInt8>) {
    self.bytes = Array(SHA256.hash(data: Array(certificateDER)))
  }

  /// A fingerprint from its 32 digest bytes, or `nil` for any other length.
  public init?(digest: [UInt8]) {
    guard digest.count == Self.byteCount else { return nil }
    self.bytes = digest
  }

  /// Lowercase hex without separators, 64 characters.
  public var hex: String {
    bytes.map { Self.hexPair($0, uppercase: false) }.joined()
  }

  /// `sha256:` followed by upper-case byte pairs separated by colons.
  public var display: String {
    "sha256:" + bytes.map { Self.hexPair($0, uppercase: true) }.joined(separator: ":")
  }

  /// The same as ``display``.
  public var description: String { display }

  /// Whether `other` has the same bytes, compared in time that does not depend on where they
  /// differ, so a peer cannot learn a pin byte by byte from timing.
  public func isEqualInConstantTime(to other: CertificateFingerprint) -> Bool {
    ConstantTime.equal(bytes, other.bytes)
  }

  private static func hexPair(_ byte: UInt8, uppercase: Bool) -> String {
    let digits: [Character] =
      uppercase
      ? Array("0123456789ABCDEF") : Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }
}

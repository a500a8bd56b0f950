import Crypto
import Foundation
import OrderCore
import SwiftASN1
import X509

/// The SHA-256 of a certificate's SubjectPublicKeyInfo: a pin on the key, not the certificate.
///
/// A renewed certificate for the same key has the same public-key fingerprint, so a desk that
/// pins it keeps trusting the service across renewals. ``display`` is the form curl's
/// `--pinnedpubkey` takes, `sha256//` and the digest in standard base64, which `orderdesk
/// serve` prints and `--pin` accepts; HPKP's `pin-sha256="…"` is the same digest.
public struct PublicKeyFingerprint: Sendable, Hashable, CustomStringConvertible {
  /// The prefix of ``display``, as curl writes it.
  public static let displayPrefix = "sha256//"

  /// The 32 digest bytes.
  public let bytes: [UInt8]

  /// The fingerprint of a public key given as its DER SubjectPublicKeyInfo.
  public init(subjectPublicKeyInfoDER: some Sequence<UInt8>) {
    self.bytes = Array(SHA256.hash(data: Array(subjectPublicKeyInfoDER)))
  }

  /// The fingerprint of the key a certificate was issued for, or `nil` when the key cannot be
  /// encoded.
  public init?(certificate: Certificate) {
    // The whole SubjectPublicKeyInfo (algorithm and key), as HPKP and curl hash it; the
    // `subjectPublicKeyInfoBytes` of swift-certificates is only the key's bits.
    var serializer = DER.Serializer()
    guard (try? serializer.serialize(certificate.publicKey)) != nil else { return nil }
    self.init(subjectPublicKeyInfoDER: serializer.serializedBytes)
  }

  /// The fingerprint of the key in a DER certificate, or `nil` when it cannot be read.
  public init?(certificateDER: [UInt8]) {
    guard let certificate = try? Certificate(derEncoded: certificateDER) else { return nil }
    self.init(certificate: certificate)
  }

  /// A fingerprint from its 32 digest bytes, or `nil` for any other length.
  public init?(digest: [UInt8]) {
    guard digest.count == CertificateFingerprint.byteCount else { return nil }
    self.bytes = digest
  }

  /// The digest in standard base64 with padding, 44 characters.
  public var base64: String { Data(bytes).base64EncodedString() }

  /// `sha256//` followed by ``base64``.
  public var display: String { Self.displayPrefix + base64 }

  /// The same as ``display``.
  public var description: String { display }

  /// Whether `other` has the same bytes, compared in time that does not depend on where they
  /// differ.
  public func isEqualInConstantTime(to other: PublicKeyFingerprint) -> Bool {
    ConstantTime.equal(bytes, other.bytes)
  }
}

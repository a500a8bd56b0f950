import Foundation
import SwiftASN1
import X509

/// The order service's TLS identity: its certificate chain and private key.
///
/// Made by ``loadOrCreate(in:hostNames:ipAddresses:now:)`` (a self-signed certificate kept in
/// the data directory) or read by ``load(certificateFile:keyFile:)`` (a certificate the
/// operator got elsewhere). Printing an identity shows its subject and fingerprint, never the
/// key.
public struct ServiceIdentity: Sendable {
  /// The certificate chain, leaf first.
  public let certificateChain: [Certificate]
  /// The chain as PEM, leaf first, as a TLS server configuration takes it.
  public let certificateChainPEM: String
  /// The private key as PEM.
  ///
  /// It is a secret: pass it to the TLS configuration, nowhere else.
  public let privateKeyPEM: String
  /// The leaf certificate's DER encoding, which is what fingerprints are taken of.
  public let leafDER: [UInt8]
  /// The SHA-256 fingerprint of the leaf certificate.
  public let fingerprint: CertificateFingerprint
  /// The SHA-256 of the leaf certificate's public key, which a renewal keeps.
  public let publicKeyFingerprint: PublicKeyFingerprint
  /// Where the certificate was read from or written to, if it is kept in a file.
  public internal(set) var certificateFile: String?
  /// Where the key was read from or written to, if it is kept in a file.
  public internal(set) var keyFile: String?

  /// Checks that `privateKey` belongs to the first certificate of `chain` and keeps both.
  init(
    chain: [Certificate], privateKey: Certificate.PrivateKey, privateKeyPEM: String,
    certificateFile: String?, keyFile: String?
  ) throws(ServiceIdentityError) {
    guard let leaf = chain.first else {
      throw .notACertificate(path: certificateFile ?? "certificate", reason: "it is empty")
    }
    guard leaf.publicKey == privateKey.publicKey else {
      throw .keyDoesNotMatchCertificate(
        certificateFile: certificateFile ?? "certificate", keyFile: keyFile ?? "key")
    }
    do {
      self.leafDER = try Self.der(of: leaf)
      self.certificateChainPEM =
        try chain.map { try $0.serializeAsPEM().pemString }
        .joined(separator: "\n") + "\n"
    } catch {
      throw .certificateCreationFailed(reason: "\(error)")
    }
    self.certificateChain = chain
    self.privateKeyPEM = privateKeyPEM
    self.fingerprint = CertificateFingerprint(certificateDER: leafDER)
    guard let publicKeyFingerprint = PublicKeyFingerprint(certificate: leaf) else {
      throw .certificateCreationFailed(reason: "its public key cannot be encoded")
    }
    self.publicKeyFingerprint = publicKeyFingerprint
    self.certificateFile = certificateFile
    self.keyFile = keyFile
  }

  /// The leaf certificate, the one the service presents.
  public var leaf: Certificate {
    // The initializer refuses an empty chain, so there is always a first certificate.
    certificateChain[0]
  }

  /// The leaf fingerprint as lowercase hex without separators.
  public var fingerprintSHA256: String { fingerprint.hex }

  /// The leaf fingerprint as `sha256:AB:CD:…`, one form `--pin` takes.
  public var displayFingerprint: String { fingerprint.display }

  /// The public key's pin as `sha256//BASE64`, the form `--pin` and curl's `--pinnedpubkey`
  /// take; it stays the same when the certificate is renewed.
  public var publicKeyPin: CertificatePin { .publicKey(publicKeyFingerprint) }

  /// The first moment the leaf certificate is valid.
  public var validFrom: Date { leaf.notValidBefore }

  /// The last moment the leaf certificate is valid.
  public var validUntil: Date { leaf.notValidAfter }

  /// The DNS names and IP addresses (as text) the leaf certificate is valid for.
  public var subjectAlternativeNames: [String] { CertificateNames.listed(in: leaf) }

  static func der(of certificate: Certificate) throws -> [UInt8] {
    var serializer = DER.Serializer()
    try serializer.serialize(certificate)
    return serializer.serializedBytes
  }
}

extension ServiceIdentity: CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// The subject and fingerprint; never the key.
  public var description: String {
    "ServiceIdentity(subject: \(leaf.subject), fingerprint: \(fingerprint.display), "
      + "public key: \(publicKeyFingerprint.display))"
  }

  /// The same as `description`.
  public var debugDescription: String { description }

  /// Children without the key, so `dump` cannot print it.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "subject": "\(leaf.subject)", "fingerprint": fingerprint.display,
        "validUntil": validUntil, "certificateFile": certificateFile as Any,
      ],
      displayStyle: .struct)
  }
}

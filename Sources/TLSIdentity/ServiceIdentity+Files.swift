import Crypto
import Foundation
import SwiftASN1
import X509

extension ServiceIdentity {
  /// The certificate file's name in the data directory.
  public static let certificateFileName = "service-cert.pem"
  /// The key file's name in the data directory.
  public static let keyFileName = "service-key.pem"
  /// How long a self-signed certificate is valid, backdating included.
  ///
  /// Mozilla's "intermediate" profile (5.7) allows 366 days, the CA/Browser Forum 398.
  public static let selfSignedLifetime: TimeInterval = 365 * 24 * 60 * 60
  /// How far back a new certificate's validity starts, so a desk whose clock is a little
  /// behind does not see a certificate that is not valid yet.
  public static let backdating: TimeInterval = 60 * 60
  /// A certificate with less time than this left is replaced by a new one.
  public static let renewalMargin: TimeInterval = 30 * 24 * 60 * 60

  /// The service's self-signed identity in `directory`: made the first time, reused after.
  ///
  /// A new identity is a P-256 key (written mode 0600) and a certificate valid for 365 days
  /// (written beside it), in a directory created mode 0700. On later calls the files are read
  /// and checked: both must parse, the key must be the certificate's and must not be readable
  /// by other users. The certificate is renewed when it has less than 30 days left, is not
  /// valid yet at `now`, is valid for longer than ``selfSignedLifetime`` (as those made before
  /// that limit were), or does not name every host and address asked for. A renewal keeps the
  /// P-256 key, so desks that pin the public key (`sha256//…`) keep trusting the service; only
  /// a certificate pin (`sha256:…`) changes.
  ///
  /// - Parameter now: the clock, injected so tests can move it.
  public static func loadOrCreate(
    in directory: String, hostNames: [String] = ["localhost"],
    ipAddresses: [String] = ["127.0.0.1", "::1"], now: Date
  ) throws(ServiceIdentityError) -> ServiceIdentity {
    try IdentityFiles.makeDirectory(directory)
    let certificateFile = (directory as NSString).appendingPathComponent(certificateFileName)
    let keyFile = (directory as NSString).appendingPathComponent(keyFileName)
    let fileManager = FileManager.default
    let haveCertificate = fileManager.fileExists(atPath: certificateFile)
    let haveKey = fileManager.fileExists(atPath: keyFile)

    if haveCertificate, !haveKey {
      throw .missingCompanion(existing: certificateFile, missing: keyFile)
    }
    // The key is written first, so a key without a certificate is a write that was cut
    // short; the key was never used and is replaced.
    var keptKey: P256.Signing.PrivateKey?
    if haveCertificate, haveKey {
      try IdentityFiles.checkPrivate(keyFile)
      let existing = try load(certificateFile: certificateFile, keyFile: keyFile)
      if !needsRenewal(existing, hostNames: hostNames, ipAddresses: ipAddresses, now: now) {
        return existing
      }
      // A key this service did not make (not P-256) is replaced rather than kept.
      keptKey = try? P256.Signing.PrivateKey(pemRepresentation: existing.privateKeyPEM)
    }
    let key = keptKey ?? P256.Signing.PrivateKey()
    var fresh = try selfSigned(
      hostNames: hostNames, ipAddresses: ipAddresses,
      notValidBefore: now.addingTimeInterval(-backdating),
      notValidAfter: now.addingTimeInterval(selfSignedLifetime - backdating), key: key)
    if keptKey == nil {
      try IdentityFiles.writeAtomically(Array(fresh.privateKeyPEM.utf8), to: keyFile, mode: 0o600)
    }
    try IdentityFiles.writeAtomically(
      Array(fresh.certificateChainPEM.utf8), to: certificateFile, mode: 0o600)
    fresh.certificateFile = certificateFile
    fresh.keyFile = keyFile
    return fresh
  }

  /// Whether a kept identity must be replaced at `now`.
  static func needsRenewal(
    _ identity: ServiceIdentity, hostNames: [String], ipAddresses: [String], now: Date
  ) -> Bool {
    identity.validUntil.timeIntervalSince(now) < renewalMargin || identity.validFrom > now
      || identity.validUntil.timeIntervalSince(identity.validFrom) > selfSignedLifetime
      || !CertificateNames.covers(identity.leaf, hostNames: hostNames, ipAddresses: ipAddresses)
  }

  /// Reads a certificate chain and its private key from PEM files, as given with
  /// `--tls-cert` and `--tls-key`.
  ///
  /// The certificate file holds the leaf first, then any intermediates. The key may be
  /// PKCS#8, SEC 1 (EC) or PKCS#1 (RSA), unencrypted. Errors name the file at fault.
  public static func load(
    certificateFile: String, keyFile: String
  ) throws(ServiceIdentityError) -> ServiceIdentity {
    let chain = try IdentityFiles.readCertificates(certificateFile)
    let (key, keyPEM) = try IdentityFiles.readPrivateKey(keyFile)
    return try ServiceIdentity(
      chain: chain, privateKey: key, privateKeyPEM: keyPEM, certificateFile: certificateFile,
      keyFile: keyFile)
  }
}

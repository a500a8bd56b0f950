import Crypto
import Foundation
import X509

extension ServiceIdentity {
  /// The subject of the certificates the service makes for itself.
  public static let selfSignedCommonName = "OrderDesk order service"

  /// A self-signed server certificate for `key` (a new P-256 key unless one is given).
  ///
  /// The certificate names `hostNames` and `ipAddresses` as subject alternative names, may be
  /// used only for TLS server authentication, and is not a CA, so it cannot vouch for others.
  /// Nothing is written to disk; ``loadOrCreate(in:hostNames:ipAddresses:now:)`` does that.
  public static func selfSigned(
    commonName: String = selfSignedCommonName, hostNames: [String], ipAddresses: [String],
    notValidBefore: Date, notValidAfter: Date,
    key: P256.Signing.PrivateKey = P256.Signing.PrivateKey()
  ) throws(ServiceIdentityError) -> ServiceIdentity {
    let name = subjectName(commonName: commonName)
    return try issue(
      subject: name, key: key, hostNames: hostNames, ipAddresses: ipAddresses,
      notValidBefore: notValidBefore, notValidAfter: notValidAfter,
      issuer: name, issuerKey: key)
  }

  /// A server certificate for `key`, signed by `issuerKey` in the name of `issuer`.
  package static func issue(
    subject: DistinguishedName, key: P256.Signing.PrivateKey, hostNames: [String],
    ipAddresses: [String], notValidBefore: Date, notValidAfter: Date,
    issuer: DistinguishedName, issuerKey: P256.Signing.PrivateKey
  ) throws(ServiceIdentityError) -> ServiceIdentity {
    let names = try CertificateNames.generalNames(hostNames: hostNames, ipAddresses: ipAddresses)
    let privateKey = Certificate.PrivateKey(key)
    let certificate: Certificate
    do {
      let extensions = try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        Critical(KeyUsage(digitalSignature: true))
        try ExtendedKeyUsage([.serverAuth])
        SubjectKeyIdentifier(hash: privateKey.publicKey)
        // Verifiers that follow the CA/Browser Forum's rules (sslyze's among them) refuse a
        // certificate without it, even a self-signed one.
        AuthorityKeyIdentifier(
          keyIdentifier: SubjectKeyIdentifier(
            hash: Certificate.PrivateKey(issuerKey).publicKey
          ).keyIdentifier)
        SubjectAlternativeNames(names)
      }
      certificate = try Certificate(
        version: .v3, serialNumber: Certificate.SerialNumber(),
        publicKey: privateKey.publicKey, notValidBefore: notValidBefore,
        notValidAfter: notValidAfter, issuer: issuer, subject: subject,
        signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
        issuerPrivateKey: Certificate.PrivateKey(issuerKey))
    } catch {
      throw .certificateCreationFailed(reason: "\(error)")
    }
    return try ServiceIdentity(
      chain: [certificate], privateKey: privateKey, privateKeyPEM: key.pemRepresentation,
      certificateFile: nil, keyFile: nil)
  }

  /// `CN=<commonName>, O=OrderDesk`.
  package static func subjectName(commonName: String) -> DistinguishedName {
    // The builder cannot fail for these two plain attributes; an empty name is the fallback.
    (try? DistinguishedName {
      OrganizationName("OrderDesk")
      CommonName(commonName)
    }) ?? DistinguishedName()
  }
}

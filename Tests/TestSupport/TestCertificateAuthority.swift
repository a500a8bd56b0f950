import Crypto
import Foundation
import TLSIdentity
import X509

/// A throwaway certificate authority for tests.
///
/// Its key lives only in memory and it vouches for whatever it is asked to. It makes a CA
/// certificate and key in memory and signs server certificates with it, so a test can
/// exercise verification against a CA file (write ``certificatePEM`` to a file and hand the
/// desk that file) and its failures: an expired leaf, a leaf for another host name, a leaf
/// from a CA the desk does not trust. The key is never written anywhere.
public struct TestCertificateAuthority: Sendable {
  /// The CA's certificate.
  public let certificate: Certificate
  /// The CA's certificate as PEM: the contents of a CA file that trusts this authority.
  public let certificatePEM: String
  private let key: P256.Signing.PrivateKey

  /// A new authority, valid from a day before `now` for ten years.
  public init(commonName: String = "OrderDesk Test CA", now: Date) throws(ServiceIdentityError) {
    let key = P256.Signing.PrivateKey()
    let privateKey = Certificate.PrivateKey(key)
    let name = ServiceIdentity.subjectName(commonName: commonName)
    do {
      let extensions = try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
        Critical(KeyUsage(keyCertSign: true, cRLSign: true))
        SubjectKeyIdentifier(hash: privateKey.publicKey)
      }
      self.certificate = try Certificate(
        version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: privateKey.publicKey,
        notValidBefore: now.addingTimeInterval(-24 * 60 * 60),
        notValidAfter: now.addingTimeInterval(10 * 365 * 24 * 60 * 60), issuer: name,
        subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
        issuerPrivateKey: privateKey)
      self.certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
    } catch {
      throw .certificateCreationFailed(reason: "\(error)")
    }
    self.key = key
  }

  /// A server identity (new key, leaf certificate) signed by this authority.
  ///
  /// The validity is given outright so a test can make a certificate that has expired or is
  /// not valid yet.
  public func issue(
    commonName: String = ServiceIdentity.selfSignedCommonName, hostNames: [String],
    ipAddresses: [String], notValidBefore: Date, notValidAfter: Date
  ) throws(ServiceIdentityError) -> ServiceIdentity {
    try ServiceIdentity.issue(
      subject: ServiceIdentity.subjectName(commonName: commonName),
      key: P256.Signing.PrivateKey(), hostNames: hostNames, ipAddresses: ipAddresses,
      notValidBefore: notValidBefore, notValidAfter: notValidAfter,
      issuer: certificate.subject, issuerKey: key)
  }
}

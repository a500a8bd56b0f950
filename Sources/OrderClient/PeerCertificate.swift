import Foundation
import OrderCore
import TLSIdentity
import X509

/// The peer's leaf certificate as the desk shows it: every text from it is neutralised,
/// since the peer chose it.
struct PeerCertificate: Sendable {
  /// The longest subject or issuer text shown.
  static let maximumNameLength = 200

  let der: [UInt8]
  let certificate: Certificate?

  init(der: [UInt8]) {
    self.der = der
    self.certificate = try? Certificate(derEncoded: der)
  }

  var fingerprint: CertificateFingerprint { CertificateFingerprint(certificateDER: der) }

  var subject: String { Self.shown(certificate.map { "\($0.subject)" }) }

  var issuer: String { Self.shown(certificate.map { "\($0.issuer)" }) }

  var validFrom: Date { certificate?.notValidBefore ?? Date(timeIntervalSince1970: 0) }

  var validUntil: Date { certificate?.notValidAfter ?? Date(timeIntervalSince1970: 0) }

  /// Whether the certificate's issuer is its subject, as for a self-signed certificate.
  var isSelfIssued: Bool {
    guard let certificate else { return false }
    return certificate.issuer == certificate.subject
  }

  /// The DNS names and IP addresses it is issued for, neutralised, at most ten.
  var names: [String] {
    guard let certificate else { return [] }
    return CertificateNames.listed(in: certificate).prefix(10).map {
      TerminalText.neutralised(String($0.prefix(100)))
    }
  }

  /// Why the certificate is not valid at `now`, or `nil` when it is.
  func validityProblem(at now: Date) -> String? {
    guard certificate != nil else { return "the certificate cannot be read" }
    if now > validUntil { return "the certificate expired on \(Self.day(validUntil))" }
    if now < validFrom { return "the certificate is not valid until \(Self.day(validFrom))" }
    return nil
  }

  /// The session details for the channel view.
  func session(
    version: TLSProtocolVersion, host: String, verification: CertificateVerification
  ) -> TLSSession {
    TLSSession(
      protocolVersion: version, host: host, peerSubject: subject, issuer: issuer,
      validFrom: validFrom, validUntil: validUntil, fingerprintSHA256: fingerprint.hex,
      publicKeySHA256: certificate.flatMap { PublicKeyFingerprint(certificate: $0)?.base64 } ?? "",
      verification: verification)
  }

  /// A date as `2031-07-04` (UTC).
  static func day(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current).year().month()
        .day())
  }

  private static func shown(_ text: String?) -> String {
    guard let text, !text.isEmpty else { return "(unreadable)" }
    return TerminalText.neutralised(String(text.prefix(maximumNameLength)))
  }
}

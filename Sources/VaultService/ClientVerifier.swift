import Foundation
import Logging
import NIOCore
import NIOSSL
import SwiftASN1
import Synchronization
import TLSIdentity
import X509

/// The serial numbers of withdrawn client certificates, read again whenever the file changes,
/// so `orderdesk vault revoke` takes effect at the next handshake without a restart.
final class RevocationList: Sendable {
  private let path: String
  private let cache = Mutex<(modified: timespec?, serials: Set<String>)>((nil, []))

  init(path: String) { self.path = path }

  /// A serial number as the file holds it: lower-case hex.
  static func text(_ serial: Certificate.SerialNumber) -> String {
    serial.bytes.map { byte in
      let digits = String(byte, radix: 16)
      return byte < 16 ? "0" + digits : digits
    }.joined()
  }

  func contains(_ serial: Certificate.SerialNumber) -> Bool {
    var status = stat()
    let modified: timespec? = stat(path, &status) == 0 ? status.st_mtim : nil
    return cache.withLock { cache in
      if cache.modified?.tv_sec != modified?.tv_sec || cache.modified?.tv_nsec != modified?.tv_nsec
        || cache.modified == nil
      {
        let text = (try? IdentityFiles.readText(path)) ?? ""
        cache.serials = Set(text.split(whereSeparator: \.isNewline).map(String.init))
        cache.modified = modified
      }
      return cache.serials.contains(Self.text(serial))
    }
  }
}

/// Decides, during the handshake, whether an order service may talk to the vault: its
/// certificate must chain to the vault's authority, be valid now, be meant for client
/// authentication, and not be withdrawn.
///
/// A refusal fails the handshake, so a refused service never reaches a route; each refusal is
/// logged with the reason and the certificate's subject.
struct ClientVerifier: Sendable {
  let authority: Certificate
  let revoked: RevocationList
  let logger: Logger

  func verify(_ presented: [NIOSSLCertificate]) async -> NIOSSLVerificationResult {
    guard let leafCertificate = presented.first else {
      refuse("no client certificate", subject: "none")
      return .failed
    }
    let leaf: Certificate
    let intermediates: [Certificate]
    do {
      leaf = try Certificate(derEncoded: try leafCertificate.toDERBytes())
      intermediates = try presented.dropFirst().map {
        try Certificate(derEncoded: try $0.toDERBytes())
      }
    } catch {
      refuse("the certificate cannot be read", subject: "unreadable")
      return .failed
    }
    let subject = leaf.subject.description
    var verifier = Verifier(rootCertificates: CertificateStore([authority])) {
      RFC5280Policy()
      ClientAuthenticationPolicy()
    }
    let result = await verifier.validate(
      leaf: leaf, intermediates: CertificateStore(intermediates))
    guard case .validCertificate = result else {
      let why: String
      if leaf.notValidAfter < Date() {
        why = "the certificate expired on \(leaf.notValidAfter)"
      } else if !authority.publicKey.isValidSignature(leaf.signature, for: leaf) {
        why = "the certificate was not issued by this vault's authority"
      } else {
        why = "the certificate does not verify against this vault's authority"
      }
      refuse(why, subject: subject)
      return .failed
    }
    if revoked.contains(leaf.serialNumber) {
      refuse("the certificate was revoked", subject: subject)
      return .failed
    }
    return .certificateVerified
  }

  private func refuse(_ reason: String, subject: String) {
    logger.warning(
      "client refused at the handshake", metadata: ["reason": "\(reason)", "subject": "\(subject)"])
  }
}

/// Accepts only certificates whose extended key usage allows TLS client authentication.
struct ClientAuthenticationPolicy: VerifierPolicy {
  let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = []

  func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
    guard let usage = try? chain.leaf.extensions.extendedKeyUsage, usage.contains(.clientAuth)
    else { return .failsToMeetPolicy(reason: "the certificate is not for client authentication") }
    return .meetsPolicy
  }
}

/// Logs a handshake that failed before any certificate was checked, such as a client that
/// presented none, with where it came from.
final class HandshakeRefusalLogger: ChannelInboundHandler, RemovableChannelHandler, Sendable {
  typealias InboundIn = NIOAny

  let logger: Logger

  init(logger: Logger) { self.logger = logger }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    if let error = error as? NIOSSLError {
      let peer = context.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "unknown"
      logger.warning(
        "TLS handshake refused", metadata: ["peer": "\(peer)", "error": "\(error)"])
    }
    context.fireErrorCaught(error)
  }
}

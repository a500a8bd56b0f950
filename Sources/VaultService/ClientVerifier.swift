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
///
/// A list that exists but cannot be read fails closed: every certificate is refused until
/// it can be read again, since any of them might be one it withdraws.
final class RevocationList: Sendable {
  /// What the list says of one certificate.
  enum Answer: Equatable {
    case withdrawn
    case notWithdrawn
    case unreadable(String)
  }

  /// What tells that the file changed: its inode, size and modification time.
  private struct Stamp: Equatable {
    let inode: UInt
    let size: Int
    let seconds: Int
    let nanoseconds: Int
  }

  private let path: String
  private let cache = Mutex<(stamp: Stamp, serials: Set<String>)?>(nil)

  init(path: String) { self.path = path }

  /// A serial number as the file holds it: lower-case hex.
  static func text(_ serial: Certificate.SerialNumber) -> String {
    serial.bytes.map { byte in
      let digits = String(byte, radix: 16)
      return byte < 16 ? "0" + digits : digits
    }.joined()
  }

  func answer(for serial: Certificate.SerialNumber) -> Answer {
    var status = stat()
    guard stat(path, &status) == 0 else {
      if errno == ENOENT { return .notWithdrawn }
      return .unreadable("\(path) cannot be examined (\(String(cString: strerror(errno))))")
    }
    let stamp = Stamp(
      inode: UInt(status.st_ino), size: Int(status.st_size), seconds: status.st_mtim.tv_sec,
      nanoseconds: status.st_mtim.tv_nsec)
    return cache.withLock { cache in
      if cache?.stamp != stamp {
        guard status.st_mode & S_IFMT == S_IFREG, let text = try? IdentityFiles.readText(path)
        else {
          cache = nil
          return .unreadable("\(path) cannot be read")
        }
        cache = (stamp, Set(text.split(whereSeparator: \.isNewline).map(String.init)))
      }
      return cache?.serials.contains(Self.text(serial)) == true ? .withdrawn : .notWithdrawn
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
    switch revoked.answer(for: leaf.serialNumber) {
    case .notWithdrawn:
      return .certificateVerified
    case .withdrawn:
      refuse("the certificate was revoked", subject: subject)
    case .unreadable(let problem):
      refuse(
        "the list of revoked certificates is unreadable (\(problem)); every client is refused "
          + "until it can be read", subject: subject)
    }
    return .failed
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

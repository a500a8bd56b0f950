import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import OrderCore

extension Connector {
  /// The state after a failed handshake, with a reason a person understands.
  ///
  /// A certificate failure is explained by looking at the certificate: a second handshake
  /// that verifies nothing reads it and the negotiated version, then closes at once without
  /// sending a byte of HTTP. The first handshake's error decides the reason; the second only
  /// supplies the details shown next to it.
  func explainFailure(_ error: any Error, verdict: PinVerdict) async -> ChannelSecurity {
    let place = "\(endpoint.hostForURL):\(endpoint.port)"
    if error is HandshakeTimedOut {
      return .down(
        reason: "\(place) accepted the connection but did not complete a TLS handshake within "
          + "\(OrderChannelError.seconds(timeout)).")
    }
    if case .pinned = trust, let failure = verdict.recordedFailure {
      return .unverified(reason: failure.reason, session: await diagnosticSession())
    }
    if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
      let facts = await diagnosticHandshake()
      let peer = facts?.leafDER.map(PeerCertificate.init(der:))
      let names = peer?.names ?? []
      let listed = names.isEmpty ? "" : " (it is for \(names.joined(separator: ", ")))"
      return .unverified(
        reason: "the certificate does not name \(endpoint.host)\(listed)",
        session: session(from: facts))
    }
    let text = "\(error)"
    if text.contains("CERTIFICATE_VERIFY_FAILED") {
      let facts = await diagnosticHandshake()
      let peer = facts?.leafDER.map(PeerCertificate.init(der:))
      return .unverified(reason: chainReason(peer), session: session(from: facts))
    }
    if text.contains("PROTOCOL_VERSION") || text.contains("UNSUPPORTED_PROTOCOL") {
      return .unverified(
        reason: "the service offers only TLS versions older than 1.2, which the desk refuses",
        session: nil)
    }
    if text.contains("WRONG_VERSION_NUMBER") || error is HandshakeInterrupted {
      return .down(
        reason: "\(place) did not answer with TLS; if it is a plain HTTP service its URL "
          + "starts with http://.")
    }
    return .down(reason: "the TLS handshake with \(place) failed (\(text.prefix(200))).")
  }

  /// Why a chain was refused: expiry first (it is the likeliest fix), then trust.
  private func chainReason(_ peer: PeerCertificate?) -> String {
    guard let peer else {
      return "the certificate is not trusted by \(trust.trustedBy)"
    }
    if let problem = peer.validityProblem(at: Date()) { return problem }
    if peer.isSelfIssued {
      return "the certificate is self-signed (\(peer.subject)) and not trusted by "
        + trust.trustedBy
    }
    return "the certificate was issued by \(peer.issuer), which is not trusted by "
      + trust.trustedBy
  }

  private func session(from facts: HandshakeFacts?) -> TLSSession? {
    guard let facts, let der = facts.leafDER, let version = facts.version else { return nil }
    return PeerCertificate(der: der).session(
      version: TLSProtocolVersion(version), host: endpoint.host,
      verification: trust.verification)
  }

  private func diagnosticSession() async -> TLSSession? {
    session(from: await diagnosticHandshake())
  }

  /// A handshake that accepts any certificate, to read it; closed as soon as it completes.
  func diagnosticHandshake() async -> HandshakeFacts? {
    guard let context = try? TLSContexts.diagnostic() else { return nil }
    let loop = group.next()
    let handshake = loop.makePromise(of: HandshakeFacts.self)
    let channel: any Channel
    do {
      channel = try await bootstrap(
        on: loop, tls: context, handshake: handshake, verdict: PinVerdict(), forHTTP: false
      ).connect(host: endpoint.host, port: endpoint.port).get()
    } catch {
      handshake.fail(error)
      return nil
    }
    let facts = try? await awaitHandshake(handshake, on: loop)
    try? await channel.close()
    return facts
  }
}

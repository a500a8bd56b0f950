import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import OrderCore
import TLSIdentity

/// The result of one attempt to open a connection.
enum ConnectOutcome: Sendable {
  /// A connection that may be used: verified TLS, or plain HTTP for an `http://` endpoint.
  case connected(ClientConnection)
  /// No usable connection; the state says why (`.unverified` or `.down`).
  case refused(ChannelSecurity)
}

/// The handshake took longer than the time-out.
struct HandshakeTimedOut: Error {}

/// Opens connections to one endpoint and establishes their security from the real handshake.
struct Connector: Sendable {
  let endpoint: ServiceEndpoint
  let trust: TrustPolicy
  let timeout: Duration
  let group: any EventLoopGroup

  /// Connects, and for `https` completes and judges the TLS handshake.
  ///
  /// - Parameter tls: the verifying context for `https`, `nil` for `http`.
  func connect(tls: NIOSSLContext?) async -> ConnectOutcome {
    let loop = group.next()
    let handshake = loop.makePromise(of: HandshakeFacts.self)
    let verdict = PinVerdict()
    let channel: any Channel
    do {
      channel = try await bootstrap(
        on: loop, tls: tls, handshake: handshake, verdict: verdict, forHTTP: true
      ).connect(host: endpoint.host, port: endpoint.port).get()
    } catch {
      handshake.fail(error)
      return .refused(
        .down(
          reason: ConnectionFailureText.describe(error, endpoint: endpoint, timeout: timeout)))
    }
    guard tls != nil else {
      handshake.succeed(HandshakeFacts())
      let security = ChannelSecurity.notEncrypted(endpoint: endpoint.url)
      return .connected(ClientConnection(channel: channel, security: security))
    }
    let facts: HandshakeFacts
    do {
      facts = try await awaitHandshake(handshake, on: loop)
    } catch {
      channel.close(promise: nil)
      return .refused(await explainFailure(error, verdict: verdict))
    }
    switch judge(facts) {
    case .success(let session):
      return .connected(ClientConnection(channel: channel, security: .secure(session)))
    case .failure(let refusal):
      // Verified by BoringSSL but refused here (an old version, a pin re-check): close it
      // before anything is written.
      try? await channel.close()
      return .refused(refusal.security)
    }
  }

  /// A bootstrap whose channels speak TLS (when `tls` is given) and, if `forHTTP`, HTTP/1.1.
  func bootstrap(
    on loop: any EventLoop, tls: NIOSSLContext?, handshake: EventLoopPromise<HandshakeFacts>,
    verdict: PinVerdict, forHTTP: Bool
  ) -> ClientBootstrap {
    let serverName = endpoint.hostIsIPAddress ? nil : endpoint.host
    let trust = self.trust
    return ClientBootstrap(group: loop)
      .connectTimeout(TimeAmount(timeout))
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          let pipeline = channel.pipeline.syncOperations
          if let tls {
            let handler: NIOSSLClientHandler
            if case .pinned(let pin) = trust, forHTTP {
              handler = try NIOSSLClientHandler(
                context: tls, serverHostname: serverName,
                customVerificationCallback: { chain, promise in
                  promise.succeed(verdict.judge(chain, pin: pin, now: Date()))
                })
            } else {
              handler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
            }
            try pipeline.addHandler(handler)
            try pipeline.addHandler(HandshakeWatcher(promise: handshake))
          }
          if forHTTP {
            try pipeline.addHTTPClientHandlers()
            try pipeline.addHandler(ExchangeHandler())
          }
        }
      }
  }

  /// Waits for the handshake, failing it after the time-out.
  func awaitHandshake(
    _ handshake: EventLoopPromise<HandshakeFacts>, on loop: any EventLoop
  ) async throws -> HandshakeFacts {
    let timer = loop.scheduleTask(in: TimeAmount(timeout)) {
      handshake.fail(HandshakeTimedOut())
    }
    defer { timer.cancel() }
    return try await handshake.futureResult.get()
  }

  /// Checks what BoringSSL accepted once more, and turns it into the session details.
  private func judge(_ facts: HandshakeFacts) -> Result<TLSSession, Refusal> {
    guard let leafDER = facts.leafDER else {
      return .failure(Refusal(reason: "the service presented no certificate", session: nil))
    }
    let peer = PeerCertificate(der: leafDER)
    guard let version = facts.version.map(TLSProtocolVersion.init), version.isAcceptable else {
      return .failure(
        Refusal(
          reason: "the service negotiated a TLS version older than 1.2", session: nil))
    }
    let session = peer.session(
      version: version, host: endpoint.host, verification: trust.verification)
    if case .pinned(let pin) = trust,
      let failure = PinFailure.check(leafDER: leafDER, pin: pin, now: Date())
    {
      return .failure(Refusal(reason: failure.reason, session: session))
    }
    return .success(session)
  }
}

/// Why a connection was refused, with what the handshake showed.
struct Refusal: Error {
  var reason: String
  var session: TLSSession?

  var security: ChannelSecurity { .unverified(reason: reason, session: session) }
}

extension TLSProtocolVersion {
  /// The desk's name for a version NIOSSL reports.
  init(_ version: TLSVersion) {
    switch version {
    case .tlsv1: self = .tls10
    case .tlsv11: self = .tls11
    case .tlsv12: self = .tls12
    case .tlsv13: self = .tls13
    }
  }
}

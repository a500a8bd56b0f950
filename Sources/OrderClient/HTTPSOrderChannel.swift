import CardSealing
import NIOCore
import NIOPosix
import NIOSSL
import OrderCore

/// The desk's channel to the order service: HTTP/1.1 over one kept-alive TLS connection.
///
/// Its ``security`` comes from the real handshake, never from the URL: the negotiated version
/// and the peer certificate are read from NIOSSL once the certificate has been verified under
/// the ``TrustPolicy``. A certificate that fails verification gives `.unverified` with the
/// reason, and nothing is sent over that connection. Card data (``sealCard(_:idempotencyKey:currentMonth:)``
/// and ``submit(_:)``) goes only over a `.secure` connection; an `http://` endpoint can read the
/// catalog and quote but refuses both.
///
/// Requests are sent one at a time. A connection that dropped while idle is replaced on the
/// next request. Call ``close()`` when done, so the connection does not outlive the desk.
public actor HTTPSOrderChannel: OrderChannel {
  /// The largest answer body read (8 MiB); a larger one is refused and the connection closed.
  public static let maximumResponseBytes = 8 * 1024 * 1024

  /// Where the service is.
  public nonisolated let endpoint: ServiceEndpoint
  /// How its certificate is checked (ignored for `http://`).
  public nonisolated let trust: TrustPolicy
  /// How long to wait for a connection, a handshake or an answer.
  public nonisolated let timeout: Duration
  /// Each change of ``security``, for the desk's lock.
  ///
  /// One reader; only the newest state is kept for a reader that falls behind.
  public nonisolated let securityChanges: AsyncStream<ChannelSecurity>

  /// The channel's security as of the last connection attempt.
  public private(set) var security: ChannelSecurity = .unknown(reason: "not connected yet")

  let connector: Connector
  let maximumResponseBytes: Int
  private let securityContinuation: AsyncStream<ChannelSecurity>.Continuation
  private var tlsContext: NIOSSLContext?
  private var connection: ClientConnection?
  private var busy = false
  private var waiters: [CheckedContinuation<Void, Never>] = []
  /// The vault key fetched over a secure connection, kept for sealing later cards.
  var cachedVaultKey: VaultPublicKey?
  /// The staff session's token, sent with every call once a member of staff signed in.
  var staffToken: String?
  var staffSessionExpiry: Int64?

  /// A channel to `endpoint`; nothing is connected until the first call.
  public init(
    endpoint: ServiceEndpoint, trust: TrustPolicy, timeout: Duration = .seconds(10),
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) {
    self.init(
      endpoint: endpoint, trust: trust, timeout: timeout, group: group,
      maximumResponseBytes: Self.maximumResponseBytes)
  }

  init(
    endpoint: ServiceEndpoint, trust: TrustPolicy, timeout: Duration, group: any EventLoopGroup,
    maximumResponseBytes: Int
  ) {
    self.endpoint = endpoint
    self.trust = trust
    self.timeout = timeout
    self.maximumResponseBytes = maximumResponseBytes
    self.connector = Connector(endpoint: endpoint, trust: trust, timeout: timeout, group: group)
    (securityChanges, securityContinuation) = AsyncStream.makeStream(
      bufferingPolicy: .bufferingNewest(1))
  }

  /// Connects (unless a connection is open) and reports the security the handshake gave.
  ///
  /// This is what the desk's lock calls; it never throws, since every failure is a state.
  @discardableResult
  public func probe() async -> ChannelSecurity {
    await acquire()
    defer { release() }
    if let connection, connection.isActive { return security }
    _ = try? await openConnection()
    return security
  }

  /// Closes the connection.
  ///
  /// A later call connects again.
  public func close() async {
    await acquire()
    defer { release() }
    if let connection {
      self.connection = nil
      await connection.close()
    }
    publish(.unknown(reason: "not connected"))
  }

  /// Runs `body` with the channel to itself, so requests never interleave on the connection.
  func exclusively<T: Sendable>(
    _ body: () async throws(OrderChannelError) -> T
  ) async throws(OrderChannelError) -> T {
    await acquire()
    defer { release() }
    return try await body()
  }

  /// The open connection, or a new one; throws if none may be used for `purpose`.
  func usableConnection(for purpose: Purpose) async throws(OrderChannelError) -> ClientConnection {
    if let connection, connection.isActive {
      try purpose.check(connection.security)
      return connection
    }
    let fresh = try await openConnection()
    try purpose.check(fresh.security)
    return fresh
  }

  /// Forgets the connection after a failure that leaves it in doubt.
  func discard(_ failed: ClientConnection) async {
    if connection === failed { connection = nil }
    await failed.close()
  }

  private func openConnection() async throws(OrderChannelError) -> ClientConnection {
    if let stale = connection {
      connection = nil
      await stale.close()
    }
    var context: NIOSSLContext?
    if endpoint.scheme == .https {
      do throws(TLSContextError) {
        if tlsContext == nil { tlsContext = try TLSContexts.verifying(trust) }
        context = tlsContext
      } catch {
        let state = ChannelSecurity.unverified(reason: error.reason, session: nil)
        publish(state)
        throw .insecureChannel(state)
      }
    }
    switch await connector.connect(tls: context) {
    case .connected(let fresh):
      connection = fresh
      publish(fresh.security)
      return fresh
    case .refused(let state):
      publish(state)
      if case .down(let reason) = state { throw .unavailable(reason: reason) }
      throw .insecureChannel(state)
    }
  }

  private func publish(_ state: ChannelSecurity) {
    guard state != security else { return }
    security = state
    securityContinuation.yield(state)
  }

  private func acquire() async {
    guard busy else {
      busy = true
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  private func release() {
    if waiters.isEmpty {
      busy = false
    } else {
      waiters.removeFirst().resume()
    }
  }
}

/// What a request carries, which decides the security it needs.
enum Purpose: Sendable {
  /// Catalog, quotes, look-ups: verified TLS, or plain HTTP when the endpoint says `http://`.
  case ordinary
  /// Anything with card data, or the key card data is sealed to: verified TLS only.
  case cardData
  /// A member of staff's passphrase, session or customers' details: verified TLS only.
  case staff

  func check(_ security: ChannelSecurity) throws(OrderChannelError) {
    switch (self, security) {
    case (_, .secure), (.ordinary, .notEncrypted): return
    default: throw .insecureChannel(security)
    }
  }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOSSL
import OrderCore
import Synchronization
import Vault
import VaultAPI

/// The vault's listener: its narrow API on Hummingbird, behind mutual TLS 1.3.
///
/// Four routes and nothing else: the published keys, authorize, refund, health. No route
/// returns a card number or a CVC, and none administers the vault; that is done on the
/// vault's host, against its directory.
public struct VaultListener: Sendable {
  /// Where to listen and what to answer with.
  public struct Configuration: Sendable {
    public var host: String
    /// 0 picks a free port; the running listener reports which.
    public var port: Int
    /// The host names and addresses the vault's certificate carries besides the listen host
    /// and loopback: what services reach it by.
    public var names: [String]
    /// How long an idle kept-alive connection stays open.
    public var idleTimeout: Duration
    public var logger: Logger

    public init(
      host: String, port: Int, names: [String] = [], idleTimeout: Duration = .seconds(120),
      logger: Logger
    ) {
      self.host = host
      self.port = port
      self.names = names
      self.idleTimeout = idleTimeout
      self.logger = logger
    }
  }

  /// The largest request body read; a sealed card is at most about 5.5 KB of base64.
  static let maximumBodyBytes = 16 * 1024

  private let application: Application<RouterResponder<VaultRequestContext>>

  /// Prepares the listener; nothing is bound until ``run()``.
  ///
  /// - Parameters:
  ///   - vault: answers the routes; `nil` until ``VaultSlot/fill(_:)`` is called, so that a
  ///     vault started as root can bind first, drop to its user, then open its files.
  ///   - onRunning: called with the bound port once the listener accepts connections.
  public init(
    configuration: Configuration, authority: VaultAuthority, vault: VaultSlot,
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) throws {
    let now = Date()
    var hostNames: [String] = []
    var ipAddresses: [String] = []
    let wildcards = ["0.0.0.0", "::"]
    for name in configuration.names + [configuration.host, "localhost", "127.0.0.1", "::1"]
    where !wildcards.contains(name) {
      let isAddress = name.contains(":") || name.allSatisfy { $0.isNumber || $0 == "." }
      if isAddress {
        if !ipAddresses.contains(name) { ipAddresses.append(name) }
      } else if !hostNames.contains(name) {
        hostNames.append(name)
      }
    }
    let identity = try authority.serverIdentity(
      hostNames: hostNames, ipAddresses: ipAddresses, now: now)
    var tls = TLSConfiguration.makeServerConfiguration(
      certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8))
        .map { .certificate($0) },
      privateKey: .privateKey(
        try NIOSSLPrivateKey(bytes: Array(identity.keyPEM.utf8), format: .pem)))
    tls.minimumTLSVersion = .tlsv13
    tls.maximumTLSVersion = .tlsv13
    // A client certificate is required; whether it is acceptable is the verifier's call.
    tls.certificateVerification = .noHostnameVerification
    tls.trustRoots = .certificates(
      try NIOSSLCertificate.fromPEMBytes(Array(try authority.certificatePEM.utf8)))
    let verifier = ClientVerifier(
      authority: authority.certificate,
      revoked: RevocationList(path: authority.revocationFile), logger: configuration.logger)
    let sslContext = try NIOSSLContext(configuration: tls)
    let logger = configuration.logger
    let idle = TimeAmount(configuration.idleTimeout)
    let server = HTTPServerBuilder { responder in
      MutualTLSChannel(
        base: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idle)),
        context: sslContext, verifier: verifier, logger: logger)
    }

    let router = Router(context: VaultRequestContext.self)
    router.add(middleware: VaultErrorMiddleware())
    VaultRoutesHandler(vault: vault, logger: configuration.logger).add(to: router)
    application = Application(
      router: router, server: server,
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port),
        serverName: "OrderDesk vault"
      ),
      onServerRunning: { channel in
        await onRunning(channel.localAddress?.port ?? configuration.port)
      },
      logger: configuration.logger)
  }

  /// Serves until SIGINT or SIGTERM, finishing the requests in flight.
  public func runUntilSignalled() async throws {
    try await application.runService()
  }

  /// Serves until the surrounding task is cancelled.
  public func run() async throws {
    try await application.run()
  }
}

/// Where the listener finds the vault once it is open.
///
/// Until then every route but health answers 503, which clients treat as a vault that is
/// away for a moment.
public final class VaultSlot: Sendable {
  private let slot = Mutex<Vault?>(nil)

  public init() {}

  public init(_ vault: Vault) { slot.withLock { $0 = vault } }

  public func fill(_ vault: Vault) { slot.withLock { $0 = vault } }

  var vault: Vault {
    get throws(VaultRouteError) {
      guard let vault = slot.withLock({ $0 }) else {
        throw VaultRouteError(
          .serviceUnavailable, .internalError, "The vault is starting; try again in a moment.")
      }
      return vault
    }
  }
}

/// The four routes, as thin translations between HTTP and the vault.
struct VaultRoutesHandler: Sendable {
  let vault: VaultSlot
  let logger: Logger

  func add(to router: Router<VaultRequestContext>) {
    router.get(RouterPath(VaultRoutes.health)) { _, _ in
      try VaultAnswer(status: .ok, body: ["status": "ok"]).response
    }
    router.get(RouterPath(VaultRoutes.keys)) { _, _ in
      let keys = try await vault.vault.keys()
      return try VaultAnswer(status: .ok, body: keys).response
    }
    router.post(RouterPath(VaultRoutes.authorizations)) { request, context in
      let asked = try await Self.decode(CardAuthorization.self, request, context)
      do {
        let outcome = try await vault.vault.authorize(
          asked.card, idempotencyKey: asked.idempotencyKey, amount: asked.amount,
          reference: asked.reference, payer: Payer(asked))
        return try VaultAnswer(status: .ok, body: VaultAuthorizationBody(outcome)).response
      } catch let error as VaultError {
        throw VaultRouteError(error)
      }
    }
    router.post(RouterPath(VaultRoutes.refunds)) { request, context in
      let asked = try await Self.decode(ChargeRefund.self, request, context)
      do {
        let outcome = try await vault.vault.refund(
          token: asked.token, authorizationCode: asked.authorizationCode, amount: asked.amount,
          reference: asked.reference, idempotencyKey: asked.idempotencyKey)
        return try VaultAnswer(status: .ok, body: VaultRefundBody(outcome)).response
      } catch let error as VaultError {
        throw VaultRouteError(error)
      }
    }
  }

  /// The body as `T`; anything else is a 400 that never quotes the body, which may hold a
  /// sealed card.
  static func decode<T: Decodable>(
    _ type: T.Type, _ request: Request, _ context: VaultRequestContext
  ) async throws -> T {
    var request = request
    guard
      request.headers[.contentType].map({ $0.lowercased().hasPrefix("application/json") }) ?? false
    else {
      throw VaultRouteError(
        .unsupportedMediaType, .malformedJSON, "Send the body as application/json.")
    }
    let buffer = try await request.collectBody(upTo: VaultListener.maximumBodyBytes)
    do {
      return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch let DecodingError.keyNotFound(key, _) {
      throw VaultRouteError(.badRequest, .malformedJSON, "The field \(key.stringValue) is missing.")
    } catch {
      throw VaultRouteError(
        .badRequest, .malformedJSON, "The body is not the JSON this route takes.")
    }
  }
}

/// The per-request context of the vault's listener.
struct VaultRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  var maxUploadSize: Int { VaultListener.maximumBodyBytes }
}

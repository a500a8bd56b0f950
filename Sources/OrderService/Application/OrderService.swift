import Crypto
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import OrderAPI
import OrderCore
import OrderStorage
import TLSIdentity
import VaultAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The order service, composed from its configuration: catalog, vault, store, TLS and routes.
public struct OrderService: Sendable {
  /// The certificate clients should pin, or `nil` when serving plain HTTP.
  public let identity: ServiceIdentity?
  /// The data directory, where `orderdesk staff` manages the accounts the service signs in.
  public let dataDirectory: String
  private let application: Application<RouterResponder<OrderRequestContext>>
  private let housekeeping: Housekeeping

  /// Opens the data directory (creating what is missing) and prepares the routes.
  ///
  /// - Parameters:
  ///   - vault: the only way to card data: the mutual-TLS client of an `orderdesk vault`, or
  ///     in tests the vault in this process.
  ///   - onRunning: called with the bound port once the service accepts connections.
  public init(
    configuration: OrderServiceConfiguration, vault: some CardVault,
    staff: (any StaffAuthority)? = nil,
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    let files = DataDirectory(path: configuration.dataDirectory)
    try files.create()
    dataDirectory = configuration.dataDirectory
    let staff = try staff ?? StaffAccountsAuthority.open(in: files, clock: configuration.clock)
    let catalogFile =
      configuration.catalogFile ?? (Array(Catalog.demoJSON.utf8), Catalog.demoSource)
    let catalog = try Catalog.parse(catalogFile.bytes, source: catalogFile.source)
    let store = try SQLiteOrderStore(path: files.ordersDatabase)

    let scheme: String
    let tls: TLSConfiguration?
    switch configuration.transport {
    case .insecureHTTP:
      identity = nil
      scheme = "http"
      tls = nil
    case .selfSignedTLS:
      let made = try ServiceIdentity.loadOrCreate(in: files.tls, now: configuration.clock())
      identity = made
      scheme = "https"
      tls = try Self.tlsConfiguration(made)
    case .tls(let certificateFile, let keyFile):
      let loaded = try ServiceIdentity.load(certificateFile: certificateFile, keyFile: keyFile)
      identity = loaded
      scheme = "https"
      tls = try Self.tlsConfiguration(loaded)
    }
    let limits = configuration.connectionLimits
    let server = HTTPServerBuilder.orderService(
      tls: tls, limits: limits, maximumBodyBytes: OrderServiceLimits.maximumBodyBytes,
      logger: configuration.logger)

    let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
    let base = BaseURL("\(scheme)://\(host):\(configuration.port)")
    let signingKey = try files.downloadSigningKey()
    let fulfiller = Fulfiller(signingKey: signingKey, base: base)
    let pricing = ServicePricing(catalog: catalog, rates: configuration.taxRates)
    let taker = OrderTaker(
      pricing: pricing, vault: vault, store: store, fulfiller: fulfiller,
      numberSecret: HKDF<SHA256>.deriveKey(
        inputKeyMaterial: signingKey, info: Array("orderdesk order numbers".utf8),
        outputByteCount: 32),
      clock: configuration.clock, logger: configuration.logger)
    housekeeping = Housekeeping(
      store: store, clock: configuration.clock, logger: configuration.logger)
    let router = Router(context: OrderRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = RouteTable()
    router.add(middleware: ResponseHeadersMiddleware(tls: tls != nil))
    router.add(middleware: ErrorMiddleware(routes: routes))
    let recording = RecordingRouter(router: router, table: routes)
    let gate = StaffGate(authority: staff, tls: tls != nil, clock: configuration.clock)
    OrderRoutes(
      pricing: pricing, catalogFile: catalogFile.bytes,
      vault: vault,
      intake: OrderIntake(taker: taker), store: store, fulfiller: fulfiller,
      lookUps: LookUpLimiter(limits: configuration.lookUpLimits, clock: configuration.clock),
      staff: gate, clock: configuration.clock
    ).add(to: recording)
    StaffRoutes(
      gate: gate, store: store,
      refunds: RefundDesk(
        vault: vault, store: store, clock: configuration.clock, logger: configuration.logger),
      clock: configuration.clock
    ).add(to: recording)

    application = Application(
      router: router, server: server,
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port),
        serverName: "OrderDesk",
        availableConnectionsDelegate: limits.maximumConnections.map {
          ConnectionCap(maximum: $0, logger: configuration.logger)
        }),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? configuration.port
        base.set("\(scheme)://\(host):\(port)")
        await onRunning(port)
      },
      logger: configuration.logger)
  }

  /// Serves until the surrounding task is cancelled.
  public func run() async throws {
    try await withHousekeeping { try await application.run() }
  }

  /// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
  public func runUntilSignalled() async throws {
    try await withHousekeeping { try await application.runService() }
  }

  /// Runs `serve` with the housekeeping beside it, and stops the housekeeping when it returns.
  private func withHousekeeping(_ serve: @escaping @Sendable () async throws -> Void) async throws {
    await housekeeping.purgeOnce()
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { await housekeeping.run() }
      group.addTask { try await serve() }
      defer { group.cancelAll() }
      try await group.next()
    }
  }

  /// TLS as Mozilla's "intermediate" profile has it.
  ///
  /// TLS 1.2 and 1.3, and for TLS 1.2 only forward-secret AEAD suites (ECDHE with AES-GCM or
  /// ChaCha20-Poly1305). BoringSSL's TLS 1.3 suites are all AEAD and cannot be narrowed; it
  /// never offers compression, and a server never renegotiates.
  static func tlsConfiguration(_ identity: ServiceIdentity) throws -> TLSConfiguration {
    let chain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificateChainPEM.utf8))
    let key = try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem)
    var tls = TLSConfiguration.makeServerConfiguration(
      certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    tls.minimumTLSVersion = .tlsv12
    tls.maximumTLSVersion = .tlsv13
    tls.cipherSuiteValues = [
      .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      .TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, .TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, .TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]
    return tls
  }
}

import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import OrderAPI
import OrderCore
import TLSIdentity

/// A small order service on 127.0.0.1 that answers the v1 routes with canned JSON.
///
/// Real Hummingbird over real TLS (or plain HTTP), so the channel under test meets the same
/// handshakes and HTTP/1.1 framing it meets in production. It counts connections and
/// records every request in a ``ServerLog``.
struct TestService {
  let port: Int
  let log: ServerLog

  /// The service's TLS: its identity and the newest version it offers.
  struct TLS {
    var identity: ServiceIdentity
    var minimumVersion: TLSVersion = .tlsv12
    var maximumVersion: TLSVersion = .tlsv13
  }

  /// `https://127.0.0.1:PORT` or `http://…`.
  func endpoint(https: Bool = true) -> String {
    "\(https ? "https" : "http")://127.0.0.1:\(port)"
  }

  /// Runs a service for the length of `body`, then shuts it down.
  static func run<T>(
    tls: TLS?, idleTimeout: TimeAmount? = nil, _ body: (TestService) async throws -> T
  ) async throws -> T {
    let log = ServerLog()
    var logger = Logger(label: "test-order-service")
    logger.logLevel = .critical
    let http1 = HTTPServerBuilder.http1(
      configuration: .init(
        additionalChannelHandlers: Self.connectionHandlers(log), idleTimeout: idleTimeout))
    let builder = try tls.map {
      try HTTPServerBuilder.tls(http1, tlsConfiguration: configuration($0))
    }
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = Application(
      router: TestRoutes.router(log: log), server: builder ?? http1,
      configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
      logger: logger)
    let server = Task {
      // A service that fails to start ends the stream, so the wait for its port ends too.
      defer { portContinuation.finish() }
      try await app.run()
    }
    var iterator = ports.makeAsyncIterator()
    let port = await iterator.next() ?? 0
    let result: Result<T, any Error>
    if port > 0 {
      do {
        result = .success(try await body(TestService(port: port, log: log)))
      } catch {
        result = .failure(error)
      }
    } else {
      result = .failure(TestServiceError.didNotStart)
    }
    // Cancelling the application's task closes its listener and every connection.
    server.cancel()
    _ = await server.result
    return try result.get()
  }

  /// Called once per accepted connection, which is how connections are counted.
  private static func connectionHandlers(_ log: ServerLog) -> [any RemovableChannelHandler] {
    log.connectionOpened()
    return []
  }

  private static func configuration(_ tls: TLS) throws -> TLSConfiguration {
    let chain = try NIOSSLCertificate.fromPEMBytes(Array(tls.identity.certificateChainPEM.utf8))
    let key = try NIOSSLPrivateKey(bytes: Array(tls.identity.privateKeyPEM.utf8), format: .pem)
    var configuration = TLSConfiguration.makeServerConfiguration(
      certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    configuration.minimumTLSVersion = tls.minimumVersion
    configuration.maximumTLSVersion = tls.maximumVersion
    // A connection the service closes (idle, dropped) otherwise lingers for NIOSSL's default
    // 5 s waiting for the desk's close_notify, which only slows the service's shutdown.
    configuration.shutdownTimeout = .milliseconds(500)
    return configuration
  }
}

enum TestServiceError: Error {
  case didNotStart
}

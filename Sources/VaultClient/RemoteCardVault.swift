import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import OrderCore
import Synchronization
import VaultAPI

/// The files an enrolled order service presents to the vault: its client certificate and key,
/// and the vault authority's certificate it checks the vault against.
public struct VaultCredentials: Sendable, Hashable {
  public var certificateFile: String
  public var keyFile: String
  public var authorityFile: String

  public init(certificateFile: String, keyFile: String, authorityFile: String) {
    self.certificateFile = certificateFile
    self.keyFile = keyFile
    self.authorityFile = authorityFile
  }

  /// The three files `orderdesk vault enrol NAME --out DIR` writes into `directory`.
  public init(enrolledIn directory: String) {
    self.init(
      certificateFile: directory + "/client-cert.pem", keyFile: directory + "/client-key.pem",
      authorityFile: directory + "/vault-ca.pem")
  }

  /// Whether all three files are there.
  public var exist: Bool {
    [certificateFile, keyFile, authorityFile].allSatisfy {
      FileManager.default.fileExists(atPath: $0)
    }
  }
}

/// The order service's client of a running `orderdesk vault`: HTTP/1.1 over mutual TLS 1.3,
/// connections kept alive in a pool.
///
/// A vault that cannot be reached (not started yet, restarting, another host down) is tried
/// again for a moment before the call reports `.unavailable`; that is safe because the vault
/// answers a repeated idempotency key from its own store without charging again.
public final class RemoteCardVault: CardVault {
  /// The largest answer read from the vault.
  static let maximumAnswerBytes = 64 * 1024

  private let client: HTTPClient
  private let base: Mutex<String>
  private let requestTimeout: TimeAmount
  private let unreachableBudget: Duration
  private let logger: Logger

  /// A client of the vault at `url` (`https://HOST:PORT`), presenting `credentials`.
  ///
  /// Reads the three files now, so a missing or wrong file is reported before any order.
  ///
  /// - Parameters:
  ///   - requestTimeout: how long one call may take, the card processor's answer included.
  ///   - unreachableBudget: how long to keep trying a vault that refuses connections.
  public init(
    url: String, credentials: VaultCredentials, requestTimeout: Duration = .seconds(30),
    unreachableBudget: Duration = .seconds(3), logger: Logger
  ) throws(VaultClientError) {
    guard url.hasPrefix("https://"), URL(string: url)?.host != nil else {
      throw VaultClientError("the vault address \(url) is not https://HOST:PORT")
    }
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.minimumTLSVersion = .tlsv13
    tls.maximumTLSVersion = .tlsv13
    tls.certificateVerification = .fullVerification
    do {
      let authority = try NIOSSLCertificate.fromPEMFile(credentials.authorityFile)
      guard !authority.isEmpty else {
        throw VaultClientError("\(credentials.authorityFile) holds no certificate")
      }
      tls.trustRoots = .certificates(authority)
    } catch let error as VaultClientError {
      throw error
    } catch {
      throw VaultClientError(
        "the vault CA file \(credentials.authorityFile) cannot be read as PEM certificates")
    }
    do {
      tls.certificateChain = try NIOSSLCertificate.fromPEMFile(credentials.certificateFile)
        .map { .certificate($0) }
    } catch {
      throw VaultClientError(
        "the client certificate \(credentials.certificateFile) cannot be read as PEM")
    }
    do {
      tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: credentials.keyFile, format: .pem))
    } catch {
      throw VaultClientError("the client key \(credentials.keyFile) cannot be read as a PEM key")
    }
    if let problem = Self.expiryProblem(credentials.certificateFile) {
      throw VaultClientError(problem)
    }
    var configuration = HTTPClient.Configuration(
      tlsConfiguration: tls,
      timeout: .init(connect: .seconds(5), read: TimeAmount(requestTimeout)),
      connectionPool: .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64))
    configuration.httpVersion = .http1Only
    client = HTTPClient(
      eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    base = Mutex(url.trimmingSuffix("/"))
    self.requestTimeout = TimeAmount(requestTimeout)
    self.unreachableBudget = unreachableBudget
    self.logger = logger
  }

  /// Points the client at the vault's new address, after a supervised vault came back on
  /// another port.
  public func moved(to url: String) {
    base.withLock { $0 = url }
  }

  /// The address calls go to.
  public var url: String { base.withLock { $0 } }

  /// Closes the pool's connections.
  public func shutdown() async {
    try? await client.shutdown()
  }

  public func keys() async throws(CardVaultError) -> VaultKeySet {
    try await call(.GET, VaultRoutes.keys, body: Optional<Int>.none, answer: VaultKeySet.self)
  }

  public func authorize(
    _ request: CardAuthorization
  ) async throws(CardVaultError) -> VaultAuthorization {
    let body = try await call(
      .POST, VaultRoutes.authorizations, body: request, answer: VaultAuthorizationBody.self)
    guard let outcome = body.authorization else {
      throw .fault("the vault's answer to an authorization is incomplete")
    }
    return outcome
  }

  public func refund(_ request: ChargeRefund) async throws(CardVaultError) -> VaultRefund {
    let body = try await call(
      .POST, VaultRoutes.refunds, body: request, answer: VaultRefundBody.self)
    guard let outcome = body.refund else {
      throw .fault("the vault's answer to a refund is incomplete")
    }
    return outcome
  }

  private func call<Body: Encodable, Answer: Decodable>(
    _ method: HTTPMethod, _ path: String, body: Body?, answer: Answer.Type
  ) async throws(CardVaultError) -> Answer {
    let encoded: Data?
    do {
      encoded = try body.map { try JSONEncoder().encode($0) }
    } catch {
      throw .invalidRequest("the request could not be encoded")
    }
    let clock = ContinuousClock()
    let giveUp = clock.now.advanced(by: unreachableBudget)
    var pause = Duration.milliseconds(50)
    while true {
      var request = HTTPClientRequest(url: url + path)
      request.method = method
      request.headers.add(name: "Accept", value: "application/json")
      if let encoded {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: encoded))
      }
      let response: HTTPClientResponse
      let bytes: ByteBuffer
      do {
        response = try await client.execute(request, timeout: requestTimeout)
        bytes = try await response.body.collect(upTo: Self.maximumAnswerBytes)
      } catch {
        let reason = Self.describe(error)
        guard clock.now < giveUp, !Task.isCancelled else {
          logger.warning("vault unavailable", metadata: ["reason": "\(reason)"])
          throw .unavailable(reason)
        }
        try? await Task.sleep(for: pause)
        pause = min(pause * 2, .milliseconds(500))
        continue
      }
      if response.status == .ok {
        do {
          return try JSONDecoder().decode(Answer.self, from: Data(bytes.readableBytesView))
        } catch {
          throw .fault("the vault's answer could not be read")
        }
      }
      if let error = try? JSONDecoder().decode(
        VaultErrorBody.self, from: Data(bytes.readableBytesView))
      {
        if response.status == .serviceUnavailable, error.error.code == .internalError {
          // A vault still opening its files.
          throw .unavailable(error.error.message)
        }
        if error.error.code == .tooManyAttempts,
          let header = response.headers.first(name: "Retry-After").flatMap({ Int($0) })
        {
          throw .tooManyAttempts(retryAfter: max(1, header))
        }
        throw error.vaultError
      }
      throw .fault("the vault answered \(response.status.code) without an error body")
    }
  }

  /// Why a call got no answer, in words for an operator's log.
  static func describe(_ error: any Error) -> String {
    if let error = error as? NIOSSLError {
      return "the TLS handshake with the vault failed (\(error)); check that this service is "
        + "enrolled and its certificate is not revoked or expired"
    }
    if let error = error as? BoringSSLError {
      return "the TLS handshake with the vault failed (\(error)); check that this service is "
        + "enrolled and its certificate is not revoked or expired"
    }
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout: return "the vault did not accept a connection in time"
      case .deadlineExceeded, .readTimeout: return "the vault did not answer in time"
      case .remoteConnectionClosed: return "the vault closed the connection"
      default: return "\(error)"
      }
    }
    if error is ChannelError || error is IOError {
      return "the vault refused the connection or could not be reached (\(error))"
    }
    return "\(error)"
  }

  /// Why a client certificate can no longer be used, or `nil`.
  static func expiryProblem(_ certificateFile: String) -> String? {
    guard let certificate = try? NIOSSLCertificate.fromPEMFile(certificateFile).first else {
      return nil
    }
    let notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
    let notBefore = Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore))
    if notAfter < Date() {
      return "the client certificate \(certificateFile) expired on \(notAfter); enrol this "
        + "service with the vault again"
    }
    if notBefore > Date() {
      return "the client certificate \(certificateFile) is not valid before \(notBefore)"
    }
    return nil
  }
}

/// A vault client that cannot be set up, naming the file or address at fault.
public struct VaultClientError: Error, CustomStringConvertible, Sendable {
  public let description: String

  public init(_ description: String) { self.description = description }
}

extension String {
  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
  }
}

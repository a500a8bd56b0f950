import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import OrderDeskTestSupport
import OrderService
import Testing
import Vault
import VaultAPI
import VaultClient
import VaultService

/// A vault listening behind mutual TLS on a loopback port, with its own directory and log,
/// and a service enrolled with it.
struct VaultHarness: Sendable {
  let directory: String
  let url: String
  let authority: VaultAuthority
  /// The enrolled service's files.
  let credentials: VaultCredentials
  let processor: CountingProcessor

  var logFile: String { directory + "/vault.log" }

  /// The vault's log as text.
  var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

  /// A client presenting the enrolled service's certificate.
  func client(budget: Duration = .milliseconds(200)) throws -> RemoteCardVault {
    try RemoteCardVault(
      url: url, credentials: credentials, unreachableBudget: budget,
      logger: Logger(label: "test.vault-client"))
  }

  /// Enrols another service and returns its files.
  func enrol(
    _ name: String, validity: TimeInterval = VaultAuthority.clientValidity
  ) throws
    -> VaultCredentials
  {
    let out = directory + "-clients/\(name)"
    try authority.enrol(name, outDirectory: out, now: Date(), validity: validity)
    return VaultCredentials(enrolledIn: out)
  }
}

/// Runs `body` against a fresh vault, then stops it and removes its files.
func withVault(_ body: (VaultHarness) async throws -> Void) async throws {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("orderdesk-vault-\(UUID().uuidString)").path
  defer {
    try? FileManager.default.removeItem(atPath: directory)
    try? FileManager.default.removeItem(atPath: directory + "-clients")
  }
  try FileManager.default.createDirectory(
    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  let logger = Logger(
    label: "test.vault", factory: try FileLogHandler.factory(path: directory + "/vault.log"))
  let processor = CountingProcessor()
  let vault = try Vault(
    directory: directory, keyDirectory: directory + "/kek", processor: processor, logger: logger)
  let authority = try VaultAuthority.loadOrCreate(in: directory, now: Date())
  let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
  let listener = try VaultListener(
    configuration: .init(host: "127.0.0.1", port: 0, logger: logger), authority: authority,
    vault: VaultSlot(vault)
  ) { port in
    continuation.yield(port)
  }
  let task = Task { try await listener.run() }
  defer { task.cancel() }
  var iterator = ports.makeAsyncIterator()
  let port = try #require(await iterator.next())
  let out = directory + "-clients/service"
  try authority.enrol("service", outDirectory: out, now: Date())
  let harness = VaultHarness(
    directory: directory, url: "https://127.0.0.1:\(port)", authority: authority,
    credentials: VaultCredentials(enrolledIn: out), processor: processor)
  try await body(harness)
  task.cancel()
  _ = try? await task.value
}

/// Raw HTTPS to the vault with or without a client certificate, as a hostile client would.
enum RawVaultClient {
  /// Sends `body` to `path`, presenting `credentials` if given, and returns status and body.
  static func send(
    _ url: String, _ path: String, method: HTTPMethod = .POST, body: [UInt8]? = nil,
    contentType: String = "application/json", credentials: VaultCredentials?,
    authorityFile: String
  ) async throws -> (status: Int, body: String) {
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(authorityFile))
    if let credentials {
      tls.certificateChain = try NIOSSLCertificate.fromPEMFile(credentials.certificateFile)
        .map { .certificate($0) }
      tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: credentials.keyFile, format: .pem))
    }
    let client = HTTPClient(
      eventLoopGroup: HTTPClient.defaultEventLoopGroup,
      configuration: .init(tlsConfiguration: tls))
    var request = HTTPClientRequest(url: url + path)
    request.method = method
    if let body {
      request.headers.add(name: "Content-Type", value: contentType)
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    do {
      let response = try await client.execute(request, timeout: .seconds(10))
      let bytes = try await response.body.collect(upTo: 1024 * 1024)
      try await client.shutdown()
      return (Int(response.status.code), String(decoding: bytes.readableBytesView, as: UTF8.self))
    } catch {
      try? await client.shutdown()
      throw error
    }
  }
}

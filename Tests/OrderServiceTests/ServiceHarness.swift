import Foundation
import Logging
import NIOHTTP1
import OrderAPI
import OrderCore
import OrderDeskTestSupport
import OrderService
import OrderStorage
import Synchronization
import TLSIdentity
import Testing
import Vault
import VaultAPI

@testable import OrderClient

/// A real order service on a loopback port, with a channel pinned to its certificate.
///
/// Each has a fresh data directory and a self-signed certificate; `withService` stops it and
/// removes the directory.
struct ServiceHarness: Sendable {
  let directory: String
  let service: RunningOrderService
  let channel: HTTPSOrderChannel
  let processor: CountingProcessor
  /// The sessions of the staff signed in so far, one account per role.
  let staff = StaffSignIns()

  var logFile: String { directory + "/logs/service.log" }

  /// A session's token for a member of staff with `role` (`sup` or `agent`), whose account
  /// is made and signed in on first use.
  func staffToken(_ role: StaffRole = .supervisor) async throws -> String {
    try await staff.token(role) {
      let name = role == .supervisor ? "sup" : "agent"
      let secret = try await StaffTestAccounts.add(name, role: role, in: directory)
      staff.secrets.withLock { $0[name] = secret }
      let answer = try await signIn(name, code: try StaffTestAccounts.code(secret: secret))
      guard answer.status == 201 else { throw StaffTestError.notSignedIn(answer.text) }
      return try JSONDecoder().decode(SignInResponse.self, from: Data(answer.body)).token
    }
  }

  /// `POST /v1/staff/sessions` as a client sends it.
  func signIn(
    _ name: String, passphrase: String = StaffTestAccounts.passphrase, code: String
  ) async throws -> IncomingResponse {
    let body = try JSONEncoder().encode(
      SignInRequest(name: name, passphrase: passphrase, code: code))
    return try await raw(.POST, "/v1/staff/sessions", body: Array(body))
  }

  /// Another channel to the same service, for concurrent requests.
  func newChannel() throws -> HTTPSOrderChannel {
    try HTTPSOrderChannel(
      endpoint: ServiceEndpoint(parsing: service.url), trust: trust)
  }

  var trust: TrustPolicy {
    get throws {
      .pinned(CertificatePin(fingerprint: try #require(service.identity).fingerprint))
    }
  }

  /// Sends exactly these bytes and headers, as a hostile or broken client would.
  func raw(
    _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil,
    headers: [(String, String)] = [], on channel: HTTPSOrderChannel? = nil
  ) async throws -> IncomingResponse {
    try await (channel ?? self.channel).send(
      method, path, body: body, headers: headers, purpose: .ordinary, retry: .afterConnectionLoss,
      operation: "test request")
  }

  /// Sends an order body with an idempotency key.
  func submitRaw(
    _ body: [UInt8], key: String, on channel: HTTPSOrderChannel? = nil
  ) async throws
    -> IncomingResponse
  {
    try await raw(.POST, "/v1/orders", body: body, headers: [("Idempotency-Key", key)], on: channel)
  }

  /// Opens the orders database the service writes, to check what it stored.
  func store() throws -> SQLiteOrderStore {
    try SQLiteOrderStore(path: directory + "/orders.sqlite")
  }
}

/// The staff a harness signed in: their sessions' tokens, each made once however many ask at
/// once, and their TOTP secrets.
final class StaffSignIns: Sendable {
  private let tokens = Mutex<[StaffRole: Task<String, any Error>]>([:])
  let secrets = Mutex<[String: String]>([:])

  func token(
    _ role: StaffRole, signIn: @escaping @Sendable () async throws -> String
  ) async throws -> String {
    let task = tokens.withLock { tokens in
      if let running = tokens[role] { return running }
      let task = Task { try await signIn() }
      tokens[role] = task
      return task
    }
    return try await task.value
  }
}

/// Runs `body` against a fresh service and removes everything afterwards.
func withService(
  directory given: String? = nil,
  transport: OrderServiceConfiguration.Transport = .selfSignedTLS,
  trust givenTrust: TrustPolicy? = nil,
  host: String = "127.0.0.1",
  clock: @escaping @Sendable () -> Date = { Date() },
  velocity: VelocityPolicy = .standard,
  lookUpLimits: LookUpLimits = .standard,
  vault givenVault: (any CardVault)? = nil,
  limits: ConnectionLimits = .standard,
  afterStop inspect: (String) throws -> Void = { _ in },
  _ body: (ServiceHarness) async throws -> Void
) async throws {
  let directory =
    given
    ?? FileManager.default.temporaryDirectory
    .appendingPathComponent("orderdesk-service-\(UUID().uuidString)").path
  // The vault keeps its own directory beside the service's, as `orderdesk vault` does.
  let vaultDirectory = directory + "-vault"
  // A directory the caller gave outlives this service; it removes it itself.
  defer {
    if given == nil {
      try? FileManager.default.removeItem(atPath: directory)
      try? FileManager.default.removeItem(atPath: vaultDirectory)
    }
  }
  // The service refuses a data directory other users may read, so it is made private.
  try PrivateFiles.createDirectory(directory + "/logs")
  let logger = Logger(
    label: "test.service",
    factory: try FileLogHandler.factory(path: directory + "/logs/service.log"))
  let processor = CountingProcessor()
  let chosen: any CardVault =
    try givenVault
    ?? Vault(
      directory: vaultDirectory, keyDirectory: vaultDirectory + "/kek", processor: processor,
      clock: clock, velocity: velocity, logger: logger)
  let service = try await RunningOrderService.start(
    OrderServiceConfiguration(
      host: host, port: 0, dataDirectory: directory, transport: transport,
      lookUpLimits: lookUpLimits, connectionLimits: limits, clock: clock, logger: logger),
    vault: chosen)
  let trust: TrustPolicy =
    if let givenTrust {
      givenTrust
    } else if let identity = service.identity {
      .pinned(CertificatePin(fingerprint: identity.fingerprint))
    } else {
      .systemTrustStore
    }
  let channel = HTTPSOrderChannel(endpoint: try ServiceEndpoint(parsing: service.url), trust: trust)
  let harness = ServiceHarness(
    directory: directory, service: service, channel: channel, processor: processor)
  do {
    try await body(harness)
  } catch {
    await channel.close()
    await service.stop()
    throw error
  }
  await channel.close()
  await service.stop()
  try inspect(directory)
}

/// The simulated processor, counting how often it is asked: the proof that a replay or a
/// concurrent duplicate never charges twice.
final class CountingProcessor: PaymentProcessor, @unchecked Sendable {
  private let simulated = SimulatedProcessor()
  private let lock = NSLock()
  private var calls = 0
  private var refundCalls = 0

  var count: Int { lock.withLock { calls } }
  /// How often a refund was asked for, apart from authorizations.
  var refundCount: Int { lock.withLock { refundCalls } }

  func authorize(_ request: PaymentRequest) async throws(PaymentProcessorError) -> ProcessorAnswer {
    lock.withLock { calls += 1 }
    return try await simulated.authorize(request)
  }

  func refund(_ request: RefundRequest) async throws(PaymentProcessorError) -> RefundAnswer {
    lock.withLock { refundCalls += 1 }
    // A processor answers over a network, in tens of milliseconds; concurrent refunds
    // overlap at least that long.
    try? await Task.sleep(for: .milliseconds(20))
    return try await simulated.refund(request)
  }
}

/// Orders as the desk makes them.
enum Orders {
  static let currentMonth = YearMonth(year: 2026, month: 11)!

  static let customer = Customer(
    name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0958",
    address: Address(
      line1: "12 Marylebone Road", city: "London", postalCode: "NW1 5LR", country: "GB"))

  static func card(_ number: String, cvc: String = "739") -> CardEntry {
    CardEntry(
      number: SecretBytes(copying: number.utf8), expiry: "12/29",
      cvc: SecretBytes(copying: cvc.utf8), name: "Ada Lovelace")
  }

  static func newKey() -> IdempotencyKey {
    var generator = SystemRandomNumberGenerator()
    return IdempotencyKey.random(using: &generator)
  }

  /// A submission sealed through the channel, as the desk does it.
  static func submission(
    _ channel: HTTPSOrderChannel, number: String = "4242424242424242", cvc: String = "739",
    lines: [(String, Int)] = [("INKWELL-PRO", 1)], currency: Currency = .eur,
    customer: Customer = Orders.customer, key: IdempotencyKey = Orders.newKey()
  ) async throws -> OrderSubmission {
    let card = card(number, cvc: cvc)
    let sealed = try await channel.sealCard(card, idempotencyKey: key, currentMonth: currentMonth)
    card.wipe()
    return OrderSubmission(
      idempotencyKey: key, currency: currency, source: .terminal,
      lines: try lines.map { CartLine(sku: try #require(SKU($0.0)), quantity: $0.1) },
      customer: customer, card: sealed)
  }

  /// The JSON body the desk would send for `submission`.
  static func body(_ submission: OrderSubmission) throws -> [UInt8] {
    Array(try JSONEncoder().encode(OrderRequest(submission)))
  }
}

extension IncomingResponse {
  var json: [String: Any] {
    get throws {
      try #require(JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }
  }

  var errorCode: String? {
    ((try? json)?["error"] as? [String: Any])?["code"] as? String
  }

  var text: String { String(decoding: body, as: UTF8.self) }
}

import Foundation
import OrderAPI
import OrderCore
import Synchronization
import Testing
import Vault
import VaultAPI

@testable import OrderClient

/// Someone posting orders with a list of card numbers is stopped by the vault's attempt
/// limits, an honest customer elsewhere is not, and the customer never learns that a card
/// was flagged as lost or stolen.
@Suite(.serialized) struct CardTestingTests {
  /// A random 16-digit Visa number that passes the checksum: valid-looking, issued to nobody.
  static func randomVisa(using generator: inout some RandomNumberGenerator) -> String {
    var digits = [4] + (0..<14).map { _ in Int.random(in: 0...9, using: &generator) }
    let sum = digits.reversed().enumerated().reduce(0) { total, item in
      let doubled = item.offset % 2 == 0 ? item.element * 2 : item.element
      return total + (doubled > 9 ? doubled - 9 : doubled)
    }
    digits.append((10 - sum % 10) % 10)
    return digits.map(String.init).joined()
  }

  /// A channel to the service at `host` (the service listens on every address).
  static func channel(_ service: ServiceHarness, host: String) throws -> HTTPSOrderChannel {
    HTTPSOrderChannel(
      endpoint: try ServiceEndpoint(parsing: "https://\(host):\(service.service.port)"),
      trust: try service.trust)
  }

  static func customer(_ email: String) -> Customer {
    var customer = Orders.customer
    customer.email = email
    return customer
  }

  /// Posts 200 orders, each with a new random card and email, from 127.0.0.1; returns the
  /// statuses and the `Retry-After` of the last refusal.
  static func cardTesting(
    _ service: ServiceHarness
  ) async throws -> (statuses: [Int], retry: String?) {
    let attacker = try channel(service, host: "127.0.0.1")
    defer { Task { await attacker.close() } }
    var generator = SystemRandomNumberGenerator()
    var statuses: [Int] = []
    var retry: String?
    for index in 0..<200 {
      let submission = try await Orders.submission(
        attacker, number: randomVisa(using: &generator),
        customer: customer("tester\(index)@example.com"))
      let answer = try await service.submitRaw(
        Orders.body(submission), key: submission.idempotencyKey.rawValue, on: attacker)
      statuses.append(answer.status)
      if answer.status == 429 {
        #expect(answer.errorCode == "too_many_attempts")
        retry = answer.headers.first { $0.name.lowercased() == "retry-after" }?.value
      }
    }
    return (statuses, retry)
  }

  static let fiveCards = VelocityPolicy(
    customer: VelocityLimits(
      window: 3600, cardsPerAddress: 5, cardsPerEmail: 5, declinesPerAddress: 10,
      declinesPerEmail: 5, declinesPerCard: 5))

  @Test func twoHundredRandomCardsFromOneAddressAreStoppedAndAnHonestCustomerStillOrders()
    async throws
  {
    try await withService(host: "::", velocity: Self.fiveCards) { service in
      let (statuses, retry) = try await Self.cardTesting(service)
      #expect(statuses.prefix(5).allSatisfy { $0 == 201 }, "\(statuses.prefix(6))")
      #expect(statuses.dropFirst(5).allSatisfy { $0 == 429 }, "\(Set(statuses))")
      #expect(service.processor.count == 5)
      let seconds = try #require(retry.flatMap { Int($0) })
      #expect((1...3600).contains(seconds))

      let honest = try Self.channel(service, host: "[::1]")
      defer { Task { await honest.close() } }
      let order = try await Orders.submission(honest)
      guard case .accepted = try await honest.submit(order) else {
        Issue.record("the honest customer's order was not accepted")
        return
      }
      #expect(service.processor.count == 6)
    }
  }

  /// The twin: with the limits planted away, all 200 cards reach the processor.
  @Test func withoutLimitsEveryRandomCardIsAuthorized() async throws {
    try await withService(host: "::", velocity: VelocityPolicy(customer: .unlimited)) {
      service in
      let (statuses, _) = try await Self.cardTesting(service)
      #expect(statuses.allSatisfy { $0 == 201 })
      #expect(service.processor.count == 200)
    }
  }

  @Test func theVaultCountsTheTCPPeerNotAHeaderTheClientWrote() async throws {
    // A vault of the test's own, wrapped to see what the service sends it.
    let seen = RecordingVault.Requests()
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-peer-\(UUID().uuidString)").path
    defer {
      try? FileManager.default.removeItem(atPath: directory)
      try? FileManager.default.removeItem(atPath: directory + "-vault")
    }
    let vault = try Vault(
      directory: directory + "-vault", keyDirectory: directory + "-vault/kek",
      logger: .init(label: "test.vault"))
    try await withService(directory: directory, vault: RecordingVault(vault: vault, seen: seen)) {
      service in
      let submission = try await Orders.submission(
        service.channel, customer: Self.customer("  Ada@Example.COM "))
      let answer = try await service.raw(
        .POST, "/v1/orders", body: Orders.body(submission),
        headers: [
          ("Idempotency-Key", submission.idempotencyKey.rawValue),
          ("X-Forwarded-For", "198.51.100.77"), ("Forwarded", "for=198.51.100.77"),
        ])
      #expect(answer.status == 201)
    }
    let sent = try #require(seen.all.first)
    #expect(sent.clientAddress == "127.0.0.1")
    #expect(sent.email == "Ada@Example.COM")
    #expect(sent.actor == .customer)
  }

  @Test func aLostOrStolenCardIsShownAsAPlainDecline() async throws {
    try await withService { service in
      for number in ["4000000000009987", "4000000000009979", "4100000000000019"] {
        let submission = try await Orders.submission(service.channel, number: number)
        let answer = try await service.submitRaw(
          Orders.body(submission), key: submission.idempotencyKey.rawValue)
        #expect(answer.status == 402)
        let error = try #require(try answer.json["error"] as? [String: Any])
        #expect(error["declineCode"] as? String == "card_declined", "…\(number.suffix(4))")
        #expect(error["message"] as? String == PaymentDecline.genericDecline.message)
      }
      // The twin: a reason that helps the customer is still told.
      let poor = try await Orders.submission(service.channel, number: "4000000000009995")
      let answer = try await service.submitRaw(
        Orders.body(poor), key: poor.idempotencyKey.rawValue)
      let error = try #require(try answer.json["error"] as? [String: Any])
      #expect(error["declineCode"] as? String == "insufficient_funds")
      // Staff find the real reasons in the vault's audit and the service's log.
      let audit = try VaultAdministration.auditEvents(directory: service.directory + "-vault")
        .filter { $0.kind == .fraudSignalDecline }.map(\.detail)
      #expect(audit.count == 3)
      #expect(audit.contains { $0.hasSuffix("declined as stolen_card from 127.0.0.1") })
      let log = try String(contentsOfFile: service.logFile, encoding: .utf8)
      #expect(log.contains("lost_card") && log.contains("fraudulent"))
    }
  }
}

/// A vault that remembers the authorization requests the service sends it.
struct RecordingVault: CardVault {
  /// The requests seen, oldest first.
  final class Requests: Sendable {
    private let list = Mutex<[CardAuthorization]>([])

    var all: [CardAuthorization] { list.withLock { $0 } }

    func append(_ request: CardAuthorization) { list.withLock { $0.append(request) } }
  }

  let vault: any CardVault
  let seen: Requests

  func keys() async throws(CardVaultError) -> VaultKeySet { try await vault.keys() }

  func authorize(_ request: CardAuthorization) async throws(CardVaultError) -> VaultAuthorization {
    seen.append(request)
    return try await vault.authorize(request)
  }

  func refund(_ request: ChargeRefund) async throws(CardVaultError) -> VaultRefund {
    try await vault.refund(request)
  }
}

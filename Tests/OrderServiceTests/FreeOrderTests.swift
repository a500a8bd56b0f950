import Foundation
import Logging
import OrderCore
import OrderStorage
import Synchronization
import Testing
import Vault
import VaultAPI

@testable import OrderClient

/// A key and cart resent after the service forgot its answer never make an order that
/// nobody paid for: the vault refuses the key, or authorizes the card afresh.
@Suite(.serialized) struct FreeOrderTests {
  /// A clock both the service and the vault read, moved by the test.
  final class MovableClock: Sendable {
    private let current = Mutex(Date())

    var now: Date { current.withLock { $0 } }

    func advance(hours: Int) {
      current.withLock { $0 = $0.addingTimeInterval(TimeInterval(hours * 3600)) }
    }
  }

  /// A service directory and a vault beside it on `clock`, removed afterwards.
  static func withShop(
    answerLifetime: Int64 = IdempotencyWindow.answerLifetime,
    _ body: (String, Vault, CountingProcessor, MovableClock) async throws -> Void
  ) async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-free-\(UUID().uuidString)").path
    defer {
      try? FileManager.default.removeItem(atPath: directory)
      try? FileManager.default.removeItem(atPath: directory + "-vault")
    }
    let clock = MovableClock()
    let processor = CountingProcessor()
    let vault = try Vault(
      directory: directory + "-vault", keyDirectory: directory + "-vault/kek",
      processor: processor, clock: { clock.now }, answerLifetime: answerLifetime,
      logger: Logger(label: "test.vault"))
    try await body(directory, vault, processor, clock)
  }

  /// Places one order through a service on `directory`, then moves the clock 49 hours, past
  /// the 48 in which both sides keep their answers; returns the order's key and body.
  static func orderThenWaitPastThePurge(
    _ directory: String, _ vault: Vault, _ clock: MovableClock
  ) async throws -> (IdempotencyKey, [UInt8]) {
    var key = Orders.newKey()
    var body: [UInt8] = []
    try await withService(directory: directory, clock: { clock.now }, vault: vault) { service in
      let submission = try await Orders.submission(service.channel)
      key = submission.idempotencyKey
      body = try Orders.body(submission)
      #expect(try await service.submitRaw(body, key: key.rawValue).status == 201)
    }
    clock.advance(hours: 49)
    return (key, body)
  }

  /// The authorization codes of the orders the service stored.
  static func codes(_ service: ServiceHarness) async throws -> [String] {
    try await service.store().search(OrderQuery(text: "", limit: 200)).map(\.authorizationCode)
  }

  @Test func aKeyResentAfterThePurgeIsRefusedThenAuthorizedAfresh() async throws {
    try await Self.withShop { directory, vault, processor, clock in
      let (key, body) = try await Self.orderThenWaitPastThePurge(directory, vault, clock)
      // The service starts again and purges its answers older than 48 hours, as every hour.
      try await withService(directory: directory, clock: { clock.now }, vault: vault) {
        service in
        #expect(try await service.store().answer(for: key) == nil)
        let again = try await service.submitRaw(body, key: key.rawValue)
        #expect(again.status == 422 && again.errorCode == "idempotency_key_expired")
        let otherCard = try await Orders.submission(
          service.channel, number: "5555555555554444", key: key)
        let other = try await service.submitRaw(Orders.body(otherCard), key: key.rawValue)
        #expect(other.status == 422 && other.errorCode == "idempotency_key_expired")
        #expect(try await service.store().orderCount() == 1)
        #expect(processor.count == 1)

        // Once the vault's purge has run too, the key is new: a real, new authorization.
        #expect(try await vault.purgeExpiredAnswers() == 1)
        #expect(try await service.submitRaw(body, key: key.rawValue).status == 201)
        #expect(processor.count == 2)
        let codes = try await Self.codes(service)
        #expect(codes.count == 2 && Set(codes).count == 2)
      }
    }
  }

  /// The twin: a vault that never forgets its answers (its lifetime planted as forever, as it
  /// was) replays the old authorization, and the rule that an authorization pays for one
  /// order refuses the second order.
  @Test func aReplayedAuthorizationIsRefusedASecondOrder() async throws {
    try await Self.withShop(answerLifetime: .max) { directory, vault, processor, clock in
      let (key, body) = try await Self.orderThenWaitPastThePurge(directory, vault, clock)
      try await withService(directory: directory, clock: { clock.now }, vault: vault) {
        service in
        let again = try await service.submitRaw(body, key: key.rawValue)
        #expect(again.status == 409 && again.errorCode == "idempotency_conflict")
        // Another card under the key is refused by the vault's binding.
        let otherCard = try await Orders.submission(
          service.channel, number: "5555555555554444", key: key)
        let other = try await service.submitRaw(Orders.body(otherCard), key: key.rawValue)
        #expect(other.status == 409 && other.errorCode == "idempotency_conflict")
        #expect(try await service.store().orderCount() == 1)
        #expect(processor.count == 1)
      }
    }
  }
}

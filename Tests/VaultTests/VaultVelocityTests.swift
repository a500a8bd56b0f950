import CardSealing
import Foundation
import GRDB
import OrderCore
import Testing
import Vault
import VaultAPI

/// Card testing is stopped: limits per client address, email and card, counted in the
/// vault's database by keyed fingerprints.
@Suite("Vault attempt limits")
struct VaultVelocityTests {
  typealias Kit = VaultTestKit

  static let tight = VelocityLimits(
    window: 3600, cardsPerAddress: 3, cardsPerEmail: 2, declinesPerAddress: 4,
    declinesPerEmail: 3, declinesPerCard: 2)

  /// Authorizes `number` for `payer` under a fresh key.
  static func attempt(
    _ vault: Vault, _ number: String, payer: Payer, index: Int
  ) async throws -> VaultAuthorization {
    let key = Kit.key("attempt-\(index)-\(UUID().uuidString)")
    return try await vault.authorize(
      Kit.seal(number, cvc: number.hasPrefix("37") ? "7391" : "739", to: vault, key: key),
      idempotencyKey: key, amount: Kit.euros,
      reference: "OD-ATTEMPT\(index)", payer: payer)
  }

  static func retryAfter(_ body: () async throws -> Void) async -> Int? {
    do {
      try await body()
      return nil
    } catch let error as VaultError {
      guard case .tooManyAttempts(let seconds) = error else { return nil }
      return seconds
    } catch {
      return nil
    }
  }

  @Test func differentCardsPerAddressAreLimitedAndTheWindowFreesThem() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let clock = TestClock()
    let processor = RecordingProcessor()
    let vault = try Vault.open(
      in: directory, processor: processor, clock: clock, velocity: Self.tight)
    let numbers = ["4242424242424242", "5555555555554444", "378282246310005", "6011111111111117"]
    for (index, number) in numbers.prefix(3).enumerated() {
      let payer = Payer(clientAddress: "203.0.113.7", email: "buyer\(index)@example.com")
      _ = try await Self.attempt(vault, number, payer: payer, index: index)
      clock.advance(60)
    }
    let fourth = Payer(clientAddress: "203.0.113.7", email: "buyer9@example.com")
    let wait = await Self.retryAfter {
      _ = try await Self.attempt(vault, numbers[3], payer: fourth, index: 3)
    }
    // The first card leaves the window an hour after it was tried, three minutes ago.
    #expect(wait == 3600 - 180)
    // A card already tried from there is not a new one.
    _ = try await Self.attempt(vault, numbers[2], payer: fourth, index: 4)
    #expect(processor.calls == 4)

    // The refusal is an audit event without card data.
    let events = try VaultAdministration.auditEvents(directory: directory.vault)
      .filter { $0.kind == .velocityLimited }
    #expect(events.count == 1)
    #expect(events.first?.detail.contains("cards per address") == true)
    #expect(events.allSatisfy { !$0.detail.contains("4242") && !$0.detail.contains("6011") })

    clock.advance(Int64(try #require(wait)))
    _ = try await Self.attempt(vault, numbers[3], payer: fourth, index: 5)
    #expect(processor.calls == 5)
  }

  @Test func declinesPerCardAndDifferentCardsPerEmailAreLimited() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor, velocity: Self.tight)
    for index in 0..<2 {
      let payer = Payer(clientAddress: "198.51.100.\(index)")
      #expect(
        try await Self.attempt(vault, "4000000000000002", payer: payer, index: index)
          == .declined(.cardDeclined))
    }
    // A third try of the declined card, from yet another address, is refused.
    let elsewhere = Payer(clientAddress: "198.51.100.9")
    #expect(
      await Self.retryAfter {
        _ = try await Self.attempt(vault, "4000000000000002", payer: elsewhere, index: 2)
      } != nil)

    let email = "Someone@Example.com"
    for (index, number) in ["4242424242424242", "5555555555554444"].enumerated() {
      let payer = Payer(clientAddress: "192.0.2.\(index)", email: email)
      _ = try await Self.attempt(vault, number, payer: payer, index: 10 + index)
    }
    let sameEmail = Payer(clientAddress: "192.0.2.50", email: " someone@example.COM ")
    #expect(
      await Self.retryAfter {
        _ = try await Self.attempt(vault, "6011111111111117", payer: sameEmail, index: 12)
      } != nil)
    #expect(processor.calls == 4)
  }

  @Test func theCountsSurviveARestartAndHoldNoCardNumber() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let payer = Payer(clientAddress: "2001:db8::1")
    do {
      let vault = try Vault.open(in: directory, velocity: Self.tight)
      for (index, number) in ["4242424242424242", "5555555555554444", "378282246310005"]
        .enumerated()
      {
        _ = try await Self.attempt(vault, number, payer: payer, index: index)
      }
    }
    let reopened = try Vault.open(in: directory, velocity: Self.tight)
    // Another address in the same /64 is the same subscriber.
    let neighbour = Payer(clientAddress: "2001:db8::2")
    #expect(
      await Self.retryAfter {
        _ = try await Self.attempt(reopened, "6011111111111117", payer: neighbour, index: 3)
      } != nil)

    let database = try DatabaseQueue(path: directory.vault + "/vault.sqlite")
    defer { try? database.close() }
    let rows = try await database.read { db in
      try Row.fetchAll(db, sql: "SELECT client, email, card FROM card_attempt")
    }
    #expect(rows.count == 3)
    for row in rows {
      let card: Data = row["card"]
      #expect(card.count == 32 && card.range(of: Data("4242424242424242".utf8)) == nil)
    }
    let keyFile = directory.vault + "/card-fingerprint.key"
    let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions]
    #expect((mode as? NSNumber)?.intValue == 0o600)
  }

  /// The twin: with the limits planted away, the same cards all reach the processor.
  @Test func withoutLimitsEveryCardReachesTheProcessor() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor, velocity: .unlimited)
    let numbers = ["4242424242424242", "5555555555554444", "378282246310005", "6011111111111117"]
    for (index, number) in numbers.enumerated() {
      let payer = Payer(clientAddress: "203.0.113.7", email: "same@example.com")
      _ = try await Self.attempt(vault, number, payer: payer, index: index)
    }
    for index in 0..<4 {
      _ = try await Self.attempt(vault, "4000000000000002", payer: .unknown, index: 10 + index)
    }
    #expect(processor.calls == 8)

    // Lifted limits skip the check, not the record: each attempt is kept with its outcome,
    // written with the answer, and one the processor never answered is kept as that.
    processor.setFailing(true)
    _ = try? await Self.attempt(vault, "4242424242424242", payer: .unknown, index: 20)
    let database = try DatabaseQueue(path: directory.vault + "/vault.sqlite")
    defer { try? database.close() }
    let outcomes = try await database.read { db in
      try String.fetchAll(
        db, sql: "SELECT outcome FROM card_attempt ORDER BY id")
    }
    #expect(
      outcomes == Array(repeating: "approved", count: 4)
        + Array(repeating: "declined", count: 4) + ["unanswered"])
  }

  @Test func aFraudSignalDeclineIsAnAuditEventWithItsRealCode() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory)
    let answer = try await Self.attempt(
      vault, "4000000000009987", payer: Payer(clientAddress: "203.0.113.9"), index: 0)
    #expect(answer == .declined(.lostCard))
    _ = try await Self.attempt(vault, "4000000000009995", payer: .unknown, index: 1)
    let events = try VaultAdministration.auditEvents(directory: directory.vault)
      .filter { $0.kind == .fraudSignalDecline }
    #expect(events.count == 1)
    #expect(events.first?.detail == "OD-ATTEMPT0 declined as lost_card from 203.0.113.9")
  }
}

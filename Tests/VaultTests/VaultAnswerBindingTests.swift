import CardSealing
import Foundation
import OrderCore
import Testing
import Vault
import VaultAPI

/// An idempotency key's answer belongs to one sealed card, one order and one amount, and
/// only for as long as the order service keeps its own answer.
@Suite("Vault answers bound to their card and their time")
struct VaultAnswerBindingTests {
  typealias Kit = VaultTestKit

  @Test func aRepeatWithAnotherCardOrderOrAmountIsRefusedNotAnswered() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let key = Kit.key("bound-1")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)
    let first = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-BOUND")
    #expect(
      try await vault.authorize(
        sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-BOUND") == first)

    // The same number sealed again is another blob; another number, another order and
    // another amount are each refused.
    let resealed = try Kit.seal("4242424242424242", to: vault, key: key)
    let other = try Kit.seal("5555555555554444", to: vault, key: key)
    let twice = Money(minorUnits: Kit.euros.minorUnits * 2, currency: .eur)
    let repeats: [(SealedCard, String, Money)] = [
      (resealed, "OD-BOUND", Kit.euros), (other, "OD-BOUND", Kit.euros),
      (sealed, "OD-OTHER", Kit.euros), (sealed, "OD-BOUND", twice),
    ]
    for (card, reference, amount) in repeats {
      await #expect(throws: VaultError.idempotencyConflict) {
        try await vault.authorize(
          card, idempotencyKey: key, amount: amount, reference: reference)
      }
    }
    #expect(processor.calls == 1)
  }

  @Test func anAnswerIsRefusedAfterItsLifetimeAndForgottenOnceItIsPurged() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let clock = TestClock()
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor, clock: clock)
    let key = Kit.key("lifetime-1")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)
    let first = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-LIFETIME")
    guard case .approved(_, _, let firstCode) = first else {
      Issue.record("not approved: \(first)")
      return
    }

    clock.advance(IdempotencyWindow.answerLifetime - 1)
    #expect(
      try await vault.authorize(
        sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-LIFETIME") == first)
    #expect(try await vault.purgeExpiredAnswers() == 0)
    clock.advance(1)
    await #expect(throws: VaultError.idempotencyKeyExpired) {
      try await vault.authorize(
        sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-LIFETIME")
    }
    #expect(processor.calls == 1)

    // Purged with the service's answers: the key is then new, and a new authorization.
    #expect(try await vault.purgeExpiredAnswers() == 1)
    let fresh = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-LIFETIME")
    guard case .approved(_, _, let freshCode) = fresh else {
      Issue.record("not approved: \(fresh)")
      return
    }
    #expect(freshCode != firstCode)
    #expect(processor.calls == 2)
  }

  /// The twin: a vault that keeps answering (the lifetime planted as forever) replays the
  /// old authorization to a repeat long after, which is what the check above prevents.
  @Test func withoutALifetimeTheOldAuthorizationIsGivenAgain() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let clock = TestClock()
    let processor = RecordingProcessor()
    let vault = try Vault.open(
      in: directory, processor: processor, clock: clock, answerLifetime: .max)
    let key = Kit.key("lifetime-2")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)
    let first = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-FOREVER")
    clock.advance(30 * 86400)
    #expect(
      try await vault.authorize(
        sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-FOREVER") == first)
    #expect(processor.calls == 1)
  }
}

import CardSealing
import Foundation
import OrderCore
import Testing
import Vault
import VaultAPI

@Suite("Vault authorization")
struct VaultAuthorizationTests {
  typealias Kit = VaultTestKit

  @Test func aRepeatReturnsTheFirstAnswerWithoutAskingTheProcessorAgain() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let key = Kit.key("repeat-1")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)

    let first = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-FIRST")
    // A retry sends the same sealed card for the same order: the first answer stands.
    let second = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-FIRST")
    #expect(first == second)
    #expect(processor.calls == 1)

    let declineKey = Kit.key("repeat-2")
    let declined = try Kit.seal("4000000000009995", to: vault, key: declineKey)
    let once = try await vault.authorize(
      declined, idempotencyKey: declineKey, amount: Kit.euros, reference: "OD-DECLINE")
    let twice = try await vault.authorize(
      declined, idempotencyKey: declineKey, amount: Kit.euros, reference: "OD-DECLINE")
    #expect(once == twice && once == .declined(.insufficientFunds))
    #expect(processor.calls == 2)
  }

  @Test func concurrentDuplicatesAskTheProcessorOnce() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor(delay: .milliseconds(50))
    let vault = try Vault.open(in: directory, processor: processor)
    let key = Kit.key("concurrent-1")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)
    let answers = try await withThrowingTaskGroup(of: VaultAuthorization.self) { group in
      for _ in 0..<8 {
        group.addTask {
          try await vault.authorize(
            sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-CONCURRENT")
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(answers.count == 8 && Set(answers).count == 1)
    #expect(processor.calls == 1)
  }

  @Test func theSameKeyForAnotherAmountIsAConflict() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let key = Kit.key("conflict-1")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)
    _ = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-A")
    for amount in [
      Money(minorUnits: 5_000, currency: .eur), Money(minorUnits: 4_999, currency: .usd),
    ] {
      await #expect(throws: VaultError.idempotencyConflict) {
        try await vault.authorize(sealed, idempotencyKey: key, amount: amount, reference: "OD-A")
      }
    }
    #expect(processor.calls == 1)
  }

  @Test func noAnswerFromTheProcessorStoresNothingAndARetryCharges() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let key = Kit.key("outage-1")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)
    processor.setFailing(true)
    await #expect(throws: VaultError.processorUnavailable("connection refused")) {
      try await vault.authorize(
        sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-OUTAGE")
    }
    #expect(processor.cardsSeen.allSatisfy { $0.cvc.isEmpty && $0.number.isEmpty })
    processor.setFailing(false)
    let answer = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-OUTAGE")
    guard case .approved = answer else {
      Issue.record("the retry was not approved: \(answer)")
      return
    }
    #expect(processor.calls == 2)
  }

  @Test func theVaultWipesTheCardOnceTheProcessorHasAnswered() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    for (index, number) in ["4242424242424242", "4000000000000127"].enumerated() {
      let key = Kit.key("wipe-\(index)")
      _ = try await vault.authorize(
        Kit.seal(number, to: vault, key: key), idempotencyKey: key, amount: Kit.euros,
        reference: "OD-WIPE")
    }
    #expect(processor.cardsSeen.count == 2)
    for card in processor.cardsSeen {
      #expect(card.cvc.isEmpty)
      #expect(card.number.isEmpty)
    }
  }

  @Test func cardsTheVaultCannotOpenAreRefusedWithoutAskingTheProcessor() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let key = Kit.key("refused-1")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)

    await #expect(throws: VaultError.cardRefused(.cannotOpen)) {
      try await vault.authorize(
        sealed, idempotencyKey: Kit.key("another-key"), amount: Kit.euros, reference: "OD-R")
    }
    await #expect(throws: VaultError.cardRefused(.unknownKey)) {
      try await vault.authorize(
        SealedCard(keyId: "0000000000000000", sealed: sealed.sealed), idempotencyKey: key,
        amount: Kit.euros, reference: "OD-R")
    }
    await #expect(throws: VaultError.cardRefused(.malformedBase64)) {
      try await vault.authorize(
        SealedCard(keyId: sealed.keyId, sealed: "%%%"), idempotencyKey: key, amount: Kit.euros,
        reference: "OD-R")
    }
    await #expect(throws: VaultError.cardRefused(.tooLong)) {
      try await vault.authorize(
        SealedCard(keyId: sealed.keyId, sealed: String(repeating: "A", count: 1_000_000)),
        idempotencyKey: key, amount: Kit.euros, reference: "OD-R")
    }
    #expect(processor.calls == 0)
    // A refused card leaves the key free for the real attempt.
    let answer = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-R")
    guard case .approved = answer else {
      Issue.record("the good card was not approved: \(answer)")
      return
    }
  }

  @Test(arguments: [
    (Int64(0), "OD-1"), (Int64(-100), "OD-1"), (Int64(4_999), ""), (Int64(4_999), "OD 1"),
    (Int64(4_999), String(repeating: "R", count: 256)), (Int64(4_999), "OD-\u{1B}[2J"),
  ])
  func badAmountsAndReferencesAreRefused(minorUnits: Int64, reference: String) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let key = Kit.key("bad-request")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)
    do {
      _ = try await vault.authorize(
        sealed, idempotencyKey: key, amount: Money(minorUnits: minorUnits, currency: .eur),
        reference: reference)
      Issue.record("accepted")
    } catch {
      guard case .invalidRequest = error else {
        Issue.record("unexpected \(error)")
        return
      }
    }
    #expect(processor.calls == 0)
  }
}

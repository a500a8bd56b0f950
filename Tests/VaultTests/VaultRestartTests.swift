import CardSealing
import Foundation
import GRDB
import OrderCore
import Testing
import Vault
import VaultAPI

@Suite("Vault restarts")
struct VaultRestartTests {
  typealias Kit = VaultTestKit

  @Test func aReopenedVaultReadsTheSameCardsAndRemembersItsAnswers() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let numbers = ["4242424242424242", "5555555555554444", "378282246310005", "4000000000000002"]
    var answers: [IdempotencyKey: (card: SealedCard, reference: String, VaultAuthorization)] = [:]
    do {
      let vault = try Vault.open(in: directory)
      for (index, number) in numbers.enumerated() {
        let key = Kit.key("restart-\(index)")
        let sealed = try Kit.seal(
          number, cvc: number.hasPrefix("37") ? "7391" : "739", to: vault, key: key)
        let reference = "OD-RESTART-\(index)"
        answers[key] = (
          sealed, reference,
          try await vault.authorize(
            sealed, idempotencyKey: key, amount: Kit.euros, reference: reference)
        )
      }
    }

    let processor = RecordingProcessor()
    let reopened = try Vault.open(in: directory, processor: processor)
    for (key, (sealed, reference, answer)) in answers {
      // The same card and order again: the stored answer, without asking the processor.
      let again = try await reopened.authorize(
        sealed, idempotencyKey: key, amount: Kit.euros, reference: reference)
      #expect(again == answer)
      // Another card under the same key is refused, not given the stored answer.
      await #expect(throws: VaultError.idempotencyConflict) {
        try await reopened.authorize(
          SealedCard(keyId: reopened.publicKey.keyId, sealed: "AAAA"), idempotencyKey: key,
          amount: Kit.euros, reference: reference)
      }
      if case .approved(let summary, let token, _) = answer {
        let stored = try #require(try await reopened.storedCard(token: token))
        #expect(stored.summary == summary && stored.token == token)
        #expect(stored.createdAt == Int64(Kit.instant.timeIntervalSince1970))
      }
    }
    #expect(processor.calls == 0)
    #expect(try await reopened.storedCard(token: "tok_unknown") == nil)
  }

  @Test func aCardRowMovedToAnotherTokenDoesNotDecrypt() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var tokens: [String] = []
    do {
      let vault = try Vault.open(in: directory)
      for index in 0..<2 {
        let key = Kit.key("swap-\(index)")
        let answer = try await vault.authorize(
          Kit.seal("4242424242424242", to: vault, key: key), idempotencyKey: key,
          amount: Kit.euros, reference: "OD-SWAP")
        guard case .approved(_, let token, _) = answer else { throw VaultError.idempotencyConflict }
        tokens.append(token)
      }
    }
    // Copy one sealed number over another, as someone with write access to the file could.
    let database = try DatabaseQueue(path: directory.vault + "/vault.sqlite")
    try await database.write { [tokens] db in
      try db.execute(
        sql: """
          UPDATE card_number
          SET sealed_number = (SELECT sealed_number FROM card_number WHERE token = ?)
          WHERE token = ?
          """,
        arguments: [tokens[1], tokens[0]])
    }
    try database.close()
    let vault = try Vault.open(in: directory)
    await #expect(throws: VaultError.self) { try await vault.storedCard(token: tokens[0]) }
    #expect(try await vault.storedCard(token: tokens[1]) != nil)
  }
}

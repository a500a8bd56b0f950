import Foundation
import GRDB
import Logging
import OrderCore
import Testing
import Vault
import VaultAPI

@Suite("Vault retention and audit")
struct VaultRetentionTests {
  typealias Kit = VaultTestKit

  private static let day: Int64 = 86400

  /// The sealed number stored under `token`, or `nil` when none is.
  private func sealedNumber(_ directory: TemporaryDirectory, token: String) throws -> Data? {
    let database = try DatabaseQueue(path: directory.vault + "/vault.sqlite")
    defer { try? database.close() }
    return try database.read { db in
      try Data.fetchOne(
        db, sql: "SELECT sealed_number FROM card_number WHERE token = ?", arguments: [token])
    }
  }

  @Test func numbersPastTheRetentionPeriodArePurgedAndTheSummaryStays() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let clock = TestClock()
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor, clock: clock)
    let key = Kit.key("retained-old")
    let sealed = try Kit.seal("4242424242424242", to: vault, key: key)
    let answer = try await vault.authorize(
      sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-OLD")
    guard case .approved(let summary, let old, let code) = answer else {
      Issue.record("not approved: \(answer)")
      return
    }
    clock.advance(10 * Self.day)
    let young = try #require(try await vault.approve("5555555555554444", key: "retained-new"))
    let oldCiphertext = try #require(try sealedNumber(directory, token: old))
    // The twin of the scan below: while kept, the files hold it.
    #expect(
      try directory.allFiles().contains { try Data(contentsOf: $0).range(of: oldCiphertext) != nil }
    )

    // One second short of the retention period, nothing goes.
    clock.advance(80 * Self.day - 1)
    #expect(try await vault.purgeExpiredCards() == 0)
    #expect(try await vault.storedCard(token: old)?.numberKept == true)
    clock.advance(1)
    #expect(try await vault.purgeExpiredCards() == 1)
    #expect(try await vault.purgeExpiredCards() == 0)

    let purged = try #require(try await vault.storedCard(token: old))
    #expect(!purged.numberKept && purged.summary == summary && purged.token == old)
    #expect(purged.createdAt == Int64(Kit.instant.timeIntervalSince1970))
    #expect(try await vault.storedCard(token: young)?.numberKept == true)
    #expect(try sealedNumber(directory, token: old) == nil)
    // Not in the database file, nor in its WAL.
    for file in directory.allFiles() {
      #expect(try Data(contentsOf: file).range(of: oldCiphertext) == nil, "\(file.path)")
    }

    // A refund by token still answers; the authorization's key, long past the answer
    // lifetime, is refused rather than answered.
    await #expect(throws: VaultError.idempotencyKeyExpired) {
      try await vault.authorize(
        sealed, idempotencyKey: key, amount: Kit.euros, reference: "OD-OLD")
    }
    _ = answer
    let refund = try await vault.refund(
      token: old, authorizationCode: code, amount: Kit.euros, reference: "OD-OLD",
      idempotencyKey: Kit.key("refund-purged"))
    guard case .refunded = refund else {
      Issue.record("refund of a purged card: \(refund)")
      return
    }
    #expect(processor.calls == 2 && processor.refunds == 1)

    let events = try VaultAdministration.auditEvents(directory: directory.vault)
    #expect(events.map(\.kind) == [.purge])
    #expect(events.first?.at == Int64(clock.now.timeIntervalSince1970))
    #expect(events.first?.detail.hasPrefix("1 card numbers stored at or before") == true)
  }

  @Test func thePurgeCommandPurgesUnderARunningVault() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory)
    let token = try #require(try await vault.approve("4242424242424242", key: "admin-purge"))
    let purge = { (days: Int64) throws -> Int in
      try VaultAdministration.purge(
        directory: directory.vault, keyDirectory: directory.keys, retention: 30 * Self.day,
        now: Kit.instant.addingTimeInterval(TimeInterval(days * Self.day)),
        logger: LogRecorder().logger())
    }
    #expect(try purge(29) == 0)
    #expect(try await vault.storedCard(token: token)?.numberKept == true)
    #expect(try purge(30) == 1)
    #expect(try await vault.storedCard(token: token)?.numberKept == false)
    #expect(try VaultAdministration.auditEvents(directory: directory.vault).map(\.kind) == [.purge])
  }

  @Test func auditEventsAreAppendOnly() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    #expect(try VaultAdministration.auditEvents(directory: directory.vault).isEmpty)
    _ = try VaultAdministration.rotateKeys(
      directory: directory.vault, keyDirectory: directory.keys, now: Kit.instant,
      logger: LogRecorder().logger())
    let database = try DatabaseQueue(path: directory.vault + "/vault.sqlite")
    defer { try? database.close() }
    for statement in [
      "UPDATE audit_event SET detail = 'nothing happened'", "DELETE FROM audit_event",
    ] {
      #expect(throws: DatabaseError.self) {
        try database.write { db in try db.execute(sql: statement) }
      }
    }
    // The twin: appending is allowed, and nothing else changed.
    try database.write { db in
      try db.execute(
        sql: "INSERT INTO audit_event (at, kind, detail) VALUES (1, 'purge', 'appended')")
    }
    let events = try VaultAdministration.auditEvents(directory: directory.vault)
    #expect(events.map(\.kind) == [.keyRotation, .purge])
    #expect(events.first?.detail.hasPrefix("key ") == true)
  }
}

import Foundation
import GRDB
import Logging
import OrderCore
import Testing
import Vault
import VaultAPI

@Suite("Vault data key and key-encryption key rotation")
struct VaultDataKeyRotationTests {
  typealias Kit = VaultTestKit

  private func rotateDataKey(_ directory: TemporaryDirectory) throws -> Int {
    try VaultAdministration.rotateDataKey(
      directory: directory.vault, keyDirectory: directory.keys, now: Kit.instant,
      logger: LogRecorder().logger())
  }

  private func rotateKEK(_ directory: TemporaryDirectory) throws {
    try VaultAdministration.rotateKeyEncryptionKey(
      directory: directory.vault, keyDirectory: directory.keys, now: Kit.instant,
      logger: LogRecorder().logger())
  }

  /// The data key generation of every stored number, by token, and the current generation.
  private func generations(
    _ directory: TemporaryDirectory
  ) throws -> (current: Int64, numbers: [String: Int64]) {
    let database = try DatabaseQueue(path: directory.vault + "/vault.sqlite")
    defer { try? database.close() }
    return try database.read { db in
      let current = try Int64.fetchOne(db, sql: "SELECT generation FROM data_key") ?? 0
      let rows = try Row.fetchAll(
        db, sql: "SELECT token, data_key_generation FROM card_number")
      return (
        current,
        Dictionary(uniqueKeysWithValues: rows.map { ($0["token"], $0["data_key_generation"]) })
      )
    }
  }

  @Test func aRunningVaultKeepsWorkingAcrossBothRotations() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory)
    let first = try #require(try await vault.approve("4242424242424242", key: "dk-1"))

    #expect(try rotateDataKey(directory) == 1)
    #expect(try generations(directory).current == 2)
    #expect(try generations(directory).numbers == [first: 2])
    // The vault cached generation 1; it reads the new data key and never writes under the old.
    #expect(try await vault.storedCard(token: first)?.numberKept == true)
    let second = try #require(try await vault.approve("5555555555554444", key: "dk-2"))
    #expect(try generations(directory).numbers[second] == 2)

    let oldKEK = try directory.keyEncryptionKeyFile()
    try rotateKEK(directory)
    let newKEK = try directory.keyEncryptionKeyFile()
    #expect(newKEK != oldKEK && !FileManager.default.fileExists(atPath: oldKEK))
    let third = try #require(try await vault.approve("378282246310005", key: "dk-3"))

    // The next data key is wrapped by the new key-encryption key, which the vault finds by id.
    #expect(try rotateDataKey(directory) == 3)
    #expect(try generations(directory).numbers.values.allSatisfy { $0 == 3 })
    for token in [first, second, third] {
      #expect(try await vault.storedCard(token: token)?.numberKept == true)
    }
    let reopened = try Vault.open(in: directory)
    for token in [first, second, third] {
      #expect(try await reopened.storedCard(token: token)?.numberKept == true)
    }
    let fourth = try #require(try await reopened.approve("6011111111111117", key: "dk-4"))
    #expect(try generations(directory).numbers[fourth] == 3)

    let events = try VaultAdministration.auditEvents(directory: directory.vault)
    #expect(events.map(\.kind) == [.dataKeyRotation, .keyEncryptionKeyRotation, .dataKeyRotation])
    #expect(events[0].detail == "data key 1 replaced by 2; 1 card numbers re-encrypted")
    let newId = String(
      URL(fileURLWithPath: newKEK).lastPathComponent.dropFirst("vault-kek-".count).dropLast(4))
    #expect(events[1].detail.hasSuffix("replaced by \(newId)"))
  }

  @Test func aNumberRecordedUnderARetiredDataKeyIsReportedNotRead() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory)
    let token = try #require(try await vault.approve("4242424242424242", key: "retired"))
    #expect(try rotateDataKey(directory) == 1)
    // The twin: as rotated, it reads.
    #expect(try await vault.storedCard(token: token) != nil)
    let database = try DatabaseQueue(path: directory.vault + "/vault.sqlite")
    try await database.write { db in
      try db.execute(sql: "UPDATE card_number SET data_key_generation = 1")
    }
    try database.close()
    await #expect {
      try await vault.storedCard(token: token)
    } throws: { error in
      guard case VaultError.storeCorrupted(let detail) = error else { return false }
      return detail.contains("data key 1")
    }
    #expect(throws: VaultError.self) { try rotateDataKey(directory) }
  }

  @Test func aDataKeyRotationThatFailsChangesNothing() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory)
    let good = try #require(try await vault.approve("4242424242424242", key: "good"))
    let bad = try #require(try await vault.approve("5555555555554444", key: "bad"))
    let database = try DatabaseQueue(path: directory.vault + "/vault.sqlite")
    try await database.write { db in
      try db.execute(
        sql: "UPDATE card_number SET sealed_number = zeroblob(40) WHERE token = ?",
        arguments: [bad])
    }
    try database.close()
    #expect(
      throws: VaultError.storeCorrupted("the card number stored under a token does not decrypt.")
    ) {
      try rotateDataKey(directory)
    }
    #expect(try generations(directory).current == 1)
    #expect(try await vault.storedCard(token: good)?.numberKept == true)
    #expect(try VaultAdministration.auditEvents(directory: directory.vault).isEmpty)
  }

  @Test func keyEncryptionKeyFilesACrashedRotationLeftAreRemovedByTheNext() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let token = try #require(
      try await Vault.open(in: directory).approve("4242424242424242", key: "k"))
    let current = try directory.keyEncryptionKeyFile()
    // A rotation that stopped before its commit leaves a new file nobody names; one that
    // stopped after it leaves the old file. Neither keeps the vault from opening.
    for leftover in ["vault-kek-0123456789abcdef.key", "vault-kek.key"] {
      #expect(
        FileManager.default.createFile(
          atPath: directory.keys + "/" + leftover, contents: Data(repeating: 9, count: 32),
          attributes: [.posixPermissions: 0o600]))
    }
    #expect(try await Vault.open(in: directory).storedCard(token: token) != nil)
    try rotateKEK(directory)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.keys)
    #expect(names.count == 1 && !names.contains(URL(fileURLWithPath: current).lastPathComponent))
    #expect(try await Vault.open(in: directory).storedCard(token: token) != nil)
  }
}

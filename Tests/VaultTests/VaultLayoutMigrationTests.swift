import CardSealing
import Crypto
import Foundation
import GRDB
import OrderCore
import Testing
import VaultAPI

@testable import Vault

@Suite("Vault layout migration")
struct VaultLayoutMigrationTests {
  typealias Kit = VaultTestKit

  /// The embedded layout inside a temporary service directory, and the new places.
  private struct Layout {
    let root: TemporaryDirectory
    var service: String { root.url.appendingPathComponent("service").path }
    var oldVault: String { service + "/vault" }
    var oldKeys: String { service + "/vault-keys" }
    var newVault: String { root.vault }
    var newKeys: String { root.keys }

    init() throws {
      root = try TemporaryDirectory()
      try FileManager.default.createDirectory(
        atPath: service, withIntermediateDirectories: false,
        attributes: [.posixPermissions: 0o700])
    }

    func migrate() throws -> Bool {
      try VaultAdministration.migrateLegacyLayout(
        serviceDirectory: service, vaultDirectory: newVault, keyDirectory: newKeys)
    }

    func openOld(_ processor: any PaymentProcessor = RecordingProcessor()) throws -> Vault {
      try Vault(
        directory: oldVault, keyDirectory: oldKeys, processor: processor,
        clock: { Kit.instant }, logger: LogRecorder().logger())
    }

    func openNew(_ processor: any PaymentProcessor = RecordingProcessor()) throws -> Vault {
      try Vault(
        directory: newVault, keyDirectory: newKeys, processor: processor,
        clock: { Kit.instant }, logger: LogRecorder().logger())
    }
  }

  @Test func aVaultOfTheEmbeddedLayoutMovesWithItsCardsAndAnswers() async throws {
    let layout = try Layout()
    defer { layout.root.remove() }
    let key = Kit.key("moved")
    var answer: VaultAuthorization?
    var keyId = ""
    var sealed: SealedCard?
    do {
      let vault = try layout.openOld()
      keyId = vault.publicKey.keyId
      sealed = try Kit.seal("4242424242424242", to: vault, key: key)
      answer = try await vault.authorize(
        try #require(sealed), idempotencyKey: key, amount: Kit.euros, reference: "OD-MOVE")
    }
    guard case .approved(let summary, let token, _) = answer else {
      Issue.record("not approved: \(String(describing: answer))")
      return
    }
    let oldNames = try FileManager.default.contentsOfDirectory(atPath: layout.oldVault)

    #expect(try layout.migrate())
    #expect(!FileManager.default.fileExists(atPath: layout.oldVault))
    #expect(!FileManager.default.fileExists(atPath: layout.oldKeys))
    let newNames = try FileManager.default.contentsOfDirectory(atPath: layout.newVault)
    #expect(Set(newNames).isSuperset(of: oldNames.filter { !$0.hasPrefix("vault.sqlite-") }))

    let processor = RecordingProcessor()
    let vault = try layout.openNew(processor)
    #expect(vault.publicKey.keyId == keyId)
    let stored = try #require(try await vault.storedCard(token: token))
    #expect(stored.summary == summary && stored.numberKept)
    let replay = try await vault.authorize(
      try #require(sealed), idempotencyKey: key, amount: Kit.euros, reference: "OD-MOVE")
    #expect(replay == answer)
    #expect(processor.calls == 0)
    #expect(try layout.migrate() == false)
  }

  @Test func aVaultWrittenBeforeTheKeyRingMovesAndItsCardStillOpens() async throws {
    let layout = try Layout()
    defer { layout.root.remove() }
    let legacy = try LegacyVault.make(vault: layout.oldVault, keys: layout.oldKeys)

    #expect(try layout.migrate())
    let processor = RecordingProcessor()
    let vault = try layout.openNew(processor)
    #expect(vault.publicKey == VaultPublicKey(privateKey: legacy.privateKey))
    let stored = try #require(try await vault.storedCard(token: LegacyVault.token))
    #expect(stored.summary.lastFour == "4242" && stored.numberKept)
    // An answer stored before answers were bound to their card could be given to any card,
    // so it is refused rather than replayed.
    await #expect(throws: VaultError.idempotencyConflict) {
      try await vault.authorize(
        SealedCard(keyId: vault.publicKey.keyId, sealed: "AAAA"),
        idempotencyKey: LegacyVault.key, amount: Kit.euros, reference: "OD-LEGACY")
    }
    // A desk that still holds the old key seals to it, and the card is authorized.
    #expect(try await vault.approve("5555555555554444", key: "after-move") != nil)
    #expect(processor.calls == 1)
    // The older key-encryption key file keeps its name until a rotation replaces it.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: layout.newKeys) == ["vault-kek.key"])
    try VaultAdministration.rotateKeyEncryptionKey(
      directory: layout.newVault, keyDirectory: layout.newKeys, logger: LogRecorder().logger())
    #expect(try await layout.openNew().storedCard(token: LegacyVault.token)?.numberKept == true)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: layout.newKeys) != ["vault-kek.key"])
  }

  @Test func aVaultAlreadyInTheNewPlaceIsNeverOverwritten() async throws {
    let layout = try Layout()
    defer { layout.root.remove() }
    let oldKey = try layout.openOld().publicKey
    let newKey = try layout.openNew().publicKey
    let oldNames = try FileManager.default.contentsOfDirectory(atPath: layout.oldVault)
    #expect(throws: VaultError.self) { try layout.migrate() }
    #expect(try FileManager.default.contentsOfDirectory(atPath: layout.oldVault) == oldNames)
    #expect(try layout.openOld().publicKey == oldKey)
    #expect(try layout.openNew().publicKey == newKey)
  }

  @Test func nothingToMoveIsNotAnError() throws {
    let layout = try Layout()
    defer { layout.root.remove() }
    #expect(try layout.migrate() == false)
    #expect(!FileManager.default.fileExists(atPath: layout.newVault))
  }
}

/// A vault directory as the vault wrote it before the key ring: a lone `vault-hpke.key`, a
/// `vault-kek.key`, and a database at the second migration with one approved card.
private enum LegacyVault {
  static let token = "tok_legacylegacylegacylegacyleg"
  static let key = VaultTestKit.key("legacy-approval")

  static func make(
    vault: String, keys: String
  ) throws -> (privateKey: Curve25519.KeyAgreement.PrivateKey, kek: SymmetricKey) {
    for directory in [vault, keys] {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: false,
        attributes: [.posixPermissions: 0o700])
    }
    let privateKey = Curve25519.KeyAgreement.PrivateKey()
    let kek = SymmetricKey(size: .bits256)
    let files = [
      (vault + "/vault-hpke.key", privateKey.rawRepresentation),
      (keys + "/vault-kek.key", kek.withUnsafeBytes { Data($0) }),
      (vault + "/vault.sqlite", Data()),
    ]
    for (path, contents) in files {
      #expect(
        FileManager.default.createFile(
          atPath: path, contents: contents, attributes: [.posixPermissions: 0o600]))
    }
    let database = try DatabasePool(path: vault + "/vault.sqlite")
    try CardStore.migrator.migrate(database, upTo: "v2: refunds")
    let dataKey = DataKey.generate()
    let number = SecretBytes(copying: "4242424242424242".utf8)
    defer { number.wipe() }
    let sealed = try dataKey.seal(number, token: token)
    let now = Int64(VaultTestKit.instant.timeIntervalSince1970)
    try database.write { db in
      try db.execute(
        sql: "INSERT INTO data_key (id, wrapped_key, created_at) VALUES (1, ?, ?)",
        arguments: [try dataKey.wrapped(by: kek), now])
      try db.execute(
        sql: """
          INSERT INTO card (token, sealed_number, brand, last_four, exp_month, exp_year, created_at)
          VALUES (?, ?, 'visa', '4242', 12, 2029, ?)
          """,
        arguments: [token, sealed, now])
      try db.execute(
        sql: """
          INSERT INTO card_authorization (idempotency_key, outcome, amount_minor, currency,
            reference, card_token, authorization_code, created_at)
          VALUES (?, 'approved', ?, 'EUR', 'OD-LEGACY', ?, 'AUTH-LEGACY', ?)
          """,
        arguments: [key.rawValue, VaultTestKit.euros.minorUnits, token, now])
    }
    try database.close()
    return (privateKey, kek)
  }
}

import CardSealing
import Crypto
import Foundation
import Logging
import OrderCore
import Testing
import Vault
import VaultAPI

@Suite("Vault key rotation")
struct VaultKeyRotationTests {
  typealias Kit = VaultTestKit

  private func rotate(_ directory: TemporaryDirectory, at clock: TestClock) throws -> String {
    try VaultAdministration.rotateKeys(
      directory: directory.vault, keyDirectory: directory.keys, now: clock.now,
      logger: LogRecorder().logger())
  }

  private func authorize(
    _ vault: Vault, sealedTo key: VaultPublicKey, idempotencyKey: String
  ) async throws(VaultError) -> VaultAuthorization {
    let card = Kit.entry(number: "4242424242424242")
    defer { card.wipe() }
    let sealed: SealedCard
    do {
      sealed = try CardSealer.seal(
        card, to: key, idempotencyKey: Kit.key(idempotencyKey), currentMonth: Kit.month)
    } catch {
      throw .cardRefused(error)
    }
    return try await vault.authorize(
      sealed, idempotencyKey: Kit.key(idempotencyKey), amount: Kit.euros, reference: "OD-ROT")
  }

  @Test func aReplacedKeyIsAcceptedForTheGracePeriodAndRetiredAfter() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let clock = TestClock()
    let vault = try Vault.open(in: directory, clock: clock, keyGracePeriod: 3600)
    let old = vault.publicKey
    let rotatedAt = Int64(clock.now.timeIntervalSince1970)
    let newId = try rotate(directory, at: clock)
    #expect(newId != old.keyId)

    // Another process rotated: the running vault notices within a second, without a restart.
    try await Task.sleep(for: .milliseconds(1100))
    let keys = await vault.keySet()
    #expect(keys.current.keyId == newId)
    #expect(
      keys.previous == [
        PublishedVaultKey(keyId: old.keyId, publicKey: old.base64, acceptedUntil: rotatedAt + 3600)
      ])
    #expect(try await vault.keys() == keys)
    let current = try VaultPublicKey(keyId: keys.current.keyId, base64: keys.current.publicKey)
    #expect(await vault.currentPublicKey() == current)

    clock.advance(3599)
    #expect(try await authorize(vault, sealedTo: old, idempotencyKey: "grace-old").isApproved)
    #expect(try await authorize(vault, sealedTo: current, idempotencyKey: "grace-new").isApproved)

    clock.advance(1)
    await #expect(throws: VaultError.keyRetired(keyId: old.keyId)) {
      try await authorize(vault, sealedTo: old, idempotencyKey: "after-grace")
    }
    #expect(await vault.keySet().previous.isEmpty)
    #expect(try await authorize(vault, sealedTo: current, idempotencyKey: "later").isApproved)
    // A key the ring never held is refused as unknown, not as retired.
    let stranger = VaultPublicKey(privateKey: Curve25519.KeyAgreement.PrivateKey())
    await #expect(throws: VaultError.cardRefused(.unknownKey)) {
      try await authorize(vault, sealedTo: stranger, idempotencyKey: "stranger")
    }

    let events = try VaultAdministration.auditEvents(directory: directory.vault)
    #expect(events.map(\.kind) == [.keyRotation])
    #expect(events.first?.at == rotatedAt)
    #expect(events.first.map { $0.detail.contains(newId) && $0.detail.contains(old.keyId) } == true)
  }

  @Test func aCardSealedToAKeyTheVaultHasNotSeenYetIsOpenedAtOnce() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let clock = TestClock()
    let vault = try Vault.open(in: directory, clock: clock)
    _ = try rotate(directory, at: clock)
    // The desk got the new key from another vault process that already serves it.
    let other = try Vault.open(in: directory, clock: clock)
    let fresh = await other.currentPublicKey()
    #expect(fresh != vault.publicKey)
    #expect(try await authorize(vault, sealedTo: fresh, idempotencyKey: "at-once").isApproved)
  }

  @Test func rotatedKeysSurviveARestartAndKeepTheirRetiredTimes() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let clock = TestClock()
    let first = try Vault.open(in: directory, clock: clock).publicKey
    _ = try rotate(directory, at: clock)
    clock.advance(60)
    let thirdId = try rotate(directory, at: clock)
    let vault = try Vault.open(in: directory, clock: clock, keyGracePeriod: 3600)
    let keys = await vault.keySet()
    #expect(keys.current.keyId == thirdId && vault.publicKey.keyId == thirdId)
    #expect(keys.previous.count == 2)
    #expect(keys.previous.last?.keyId == first.keyId)
    let start = Int64(Kit.instant.timeIntervalSince1970)
    #expect(keys.previous.map(\.acceptedUntil) == [start + 60 + 3600, start + 3600])
    #expect(try await authorize(vault, sealedTo: first, idempotencyKey: "first").isApproved)
    for file in try FileManager.default.contentsOfDirectory(atPath: directory.vault)
    where file.hasPrefix("vault-hpke") {
      let mode =
        try FileManager.default.attributesOfItem(
          atPath: directory.vault + "/" + file)[.posixPermissions] as? Int
      #expect(mode == 0o600, "\(file)")
    }
  }

  @Test func theLoneKeyFileOfTheOlderLayoutIsTakenIntoTheRing() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try FileManager.default.createDirectory(
      atPath: directory.vault, withIntermediateDirectories: false,
      attributes: [.posixPermissions: 0o700])
    let legacy = Curve25519.KeyAgreement.PrivateKey()
    let legacyPath = directory.vault + "/vault-hpke.key"
    #expect(
      FileManager.default.createFile(
        atPath: legacyPath, contents: legacy.rawRepresentation,
        attributes: [.posixPermissions: 0o600]))
    let vault = try Vault.open(in: directory)
    #expect(vault.publicKey == VaultPublicKey(privateKey: legacy))
    #expect(!FileManager.default.fileExists(atPath: legacyPath))
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: directory.currentKeyFile()))
        == legacy.rawRepresentation)
    #expect(
      try await authorize(
        vault, sealedTo: VaultPublicKey(privateKey: legacy), idempotencyKey: "old"
      )
      .isApproved)
    #expect(try Vault.open(in: directory).publicKey == vault.publicKey)
  }

  @Test func aRingThatNamesNoCurrentKeyIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let keyId = try Vault.open(in: directory).publicKey.keyId
    let path = directory.vault + "/vault-hpke.ring"
    let ring = try String(contentsOfFile: path, encoding: .utf8)
    // The twin: the ring as written opens.
    _ = try Vault.open(in: directory)
    let damaged = ring.replacingOccurrences(of: "\(keyId) 1776254400 -", with: "\(keyId) 1 2")
    #expect(damaged != ring)
    try damaged.write(toFile: path, atomically: false, encoding: .utf8)
    #expect(
      throws: VaultError.keyFile(path: path, problem: "it must name exactly one current key.")
    ) {
      try Vault.open(in: directory)
    }
  }
}

extension VaultAuthorization {
  var isApproved: Bool {
    if case .approved = self { return true }
    return false
  }
}

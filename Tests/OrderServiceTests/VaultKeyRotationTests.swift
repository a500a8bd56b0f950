import Foundation
import Logging
import OrderCore
import OrderService
import Testing
import Vault
import VaultAPI

@testable import OrderClient

/// A rotated vault key, as desks see it through the order service: the new key is published
/// at once, the old one is accepted for its grace period, and then refused with a code that
/// makes the desk seal again.
@Suite struct VaultKeyRotationTests {
  /// Runs `body` with a service whose vault accepts a replaced key for `grace` seconds.
  func withRotatableVault(
    grace: Int64, _ body: (ServiceHarness, String, CountingProcessor) async throws -> Void
  ) async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-rotation-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let processor = CountingProcessor()
    let vault = try Vault(
      directory: directory, keyDirectory: directory + "/kek", processor: processor,
      keyGracePeriod: grace, logger: Logger(label: "test.vault"))
    try await withService(vault: vault) { service in
      try await body(service, directory, processor)
    }
  }

  @Test func aRotatedKeyIsPublishedAtOnceAndTheOldOneStillAcceptedWithinItsGrace() async throws {
    try await withRotatableVault(grace: 24 * 3600) { service, directory, processor in
      let before = try await service.channel.vaultKey()
      let sealedBefore = try await Orders.submission(service.channel)
      let newKeyId = try VaultAdministration.rotateKeys(
        directory: directory, keyDirectory: directory + "/kek", logger: Logger(label: "test"))
      #expect(try await Self.publishedKey(service, becomes: newKeyId))
      #expect(newKeyId != before.keyId)
      guard case .accepted = try await service.channel.submit(sealedBefore) else {
        Issue.record("a card sealed to the previous key was refused within its grace period")
        return
      }
      #expect(processor.count == 1)
      let events = try VaultAdministration.auditEvents(directory: directory)
      #expect(events.contains { $0.kind == .keyRotation && $0.detail.contains(newKeyId) })
    }
  }

  @Test func afterTheGraceACardSealedToTheOldKeyIsRefusedAndSealedAgain() async throws {
    try await withRotatableVault(grace: 0) { service, directory, processor in
      let sealedBefore = try await Orders.submission(service.channel)
      let newKeyId = try VaultAdministration.rotateKeys(
        directory: directory, keyDirectory: directory + "/kek", logger: Logger(label: "test"))
      #expect(try await Self.publishedKey(service, becomes: newKeyId))
      let refused = try await service.submitRaw(
        try Orders.body(sealedBefore), key: sealedBefore.idempotencyKey.rawValue)
      #expect(refused.status == 409)
      #expect(refused.errorCode == "vault_key_retired")
      #expect(processor.count == 0, "nothing was charged")
      // The channel forgets the key it had when told so, and seals the next card to the new one.
      await #expect(throws: OrderChannelError.self) {
        _ = try await service.channel.submit(sealedBefore)
      }
      let sealedAgain = try await Orders.submission(service.channel)
      #expect(sealedAgain.card.keyId != sealedBefore.card.keyId)
      guard case .accepted = try await service.channel.submit(sealedAgain) else {
        Issue.record("the card sealed again was not accepted")
        return
      }
      #expect(processor.count == 1)
    }
  }

  /// Whether `GET /v1/vault-key` publishes `keyId` within three seconds: a running vault looks
  /// for a rotation made by another process at most once a second.
  static func publishedKey(_ service: ServiceHarness, becomes keyId: String) async throws -> Bool {
    for _ in 0..<30 {
      let published = try await service.raw(.GET, "/v1/vault-key")
      if try published.json["keyId"] as? String == keyId { return true }
      try await Task.sleep(for: .milliseconds(100))
    }
    return false
  }
}

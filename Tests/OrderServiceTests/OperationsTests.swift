import Foundation
import OrderCore
import OrderDeskTestSupport
import OrderService
import OrderStorage
import TLSIdentity
import Testing

@testable import OrderClient

/// What an operator relies on: a real certificate, and idempotency keys kept long enough.
@Suite(.serialized) struct OperationsTests {
  @Test func aCertificateFromACAIsVerifiedAgainstTheCAFile() async throws {
    let files = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-ca-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: files) }
    let now = Date()
    let authority = try TestCertificateAuthority(now: now)
    let leaf = try authority.issue(
      hostNames: ["localhost"], ipAddresses: ["127.0.0.1"],
      notValidBefore: now - 3600, notValidAfter: now + 86_400)
    try leaf.certificateChainPEM.write(
      toFile: files + "/cert.pem", atomically: true, encoding: .utf8)
    try leaf.privateKeyPEM.write(toFile: files + "/key.pem", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: files + "/key.pem")
    try authority.certificatePEM.write(toFile: files + "/ca.pem", atomically: true, encoding: .utf8)
    let stranger = try TestCertificateAuthority(commonName: "Someone Else", now: now)
    try stranger.certificatePEM.write(
      toFile: files + "/other-ca.pem", atomically: true, encoding: .utf8)

    try await withService(
      transport: .tls(certificateFile: files + "/cert.pem", keyFile: files + "/key.pem"),
      trust: .certificateAuthorityFile(files + "/ca.pem")
    ) { service in
      let security = await service.channel.probe()
      #expect(security.allowsCardData)
      #expect(security.session?.verification == .certificateAuthorityFile(path: files + "/ca.pem"))
      #expect(security.session?.issuer.contains("OrderDesk Test CA") == true)

      let doubting = HTTPSOrderChannel(
        endpoint: try ServiceEndpoint(parsing: service.service.url),
        trust: .certificateAuthorityFile(files + "/other-ca.pem"))
      let refused = await doubting.probe()
      await doubting.close()
      guard case .unverified(let reason, _) = refused else {
        Issue.record("a certificate from an unknown CA was accepted: \(refused)")
        return
      }
      #expect(!reason.isEmpty)
    }
  }

  @Test func idempotencyAnswersAreKeptADayAndThenForgotten() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-purge-\(UUID().uuidString)").path
    defer { removeServiceDirectory(directory) }
    let clock = TestClock()
    var key: IdempotencyKey?
    try await withService(directory: directory, clock: { clock.now }) { service in
      let submission = try await Orders.submission(service.channel)
      key = submission.idempotencyKey
      _ = try await service.channel.submit(submission)
    }
    let submitted = try #require(key)

    clock.advance(by: 25 * 3600)
    try await withService(directory: directory, clock: { clock.now }) { service in
      let store = try service.store()
      let kept = try await store.answer(for: submitted)
      #expect(kept != nil)
    }
    clock.advance(by: 24 * 3600)
    try await withService(directory: directory, clock: { clock.now }) { service in
      let store = try service.store()
      let forgotten = try await store.answer(for: submitted)
      let orders = try await store.orderCount()
      #expect(forgotten == nil)
      #expect(orders == 1)
    }
  }
}

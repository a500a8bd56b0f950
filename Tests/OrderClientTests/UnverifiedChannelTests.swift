import Foundation
import OrderClient
import OrderCore
import OrderDeskTestSupport
import TLSIdentity
import Testing

@Suite("Unverified channel: the reason, the details, and nothing sent")
struct UnverifiedChannelTests {
  private let now = ChannelSupport.now

  /// Probes, then tries to read the catalog; returns the state and checks nothing reached a
  /// route.
  private func refused(
    _ channel: HTTPSOrderChannel, _ service: TestService
  ) async throws -> (String, TLSSession?) {
    try await ChannelSupport.using(channel) { channel in
      let security = await channel.probe()
      let refusal = try #require(ChannelSupport.unverified(security), "\(security)")
      await #expect(throws: OrderChannelError.insecureChannel(security)) {
        _ = try await channel.catalog()
      }
      await #expect(throws: OrderChannelError.self) {
        _ = try await channel.submit(Fixtures.submission())
      }
      #expect(service.log.entries.isEmpty)
      return refusal
    }
  }

  @Test func aWrongPinIsRefusedWithBothFingerprints() async throws {
    let served = try ChannelSupport.selfSigned()
    let other = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: served)) { service in
      let (reason, session) = try await refused(
        try ChannelSupport.pinned(service, to: other), service)
      #expect(reason.contains("does not match the pinned"))
      #expect(reason.contains(served.displayFingerprint))
      #expect(reason.contains(other.displayFingerprint))
      let details = try #require(session)
      #expect(details.fingerprintSHA256 == served.fingerprintSHA256)
      #expect(details.protocolVersion == .tls13)
    }
  }

  @Test func anExpiredPinnedCertificateIsRefused() async throws {
    let expired = try ChannelSupport.selfSigned(
      notValidBefore: now.addingTimeInterval(-10 * 86_400),
      notValidAfter: now.addingTimeInterval(-86_400))
    try await TestService.run(tls: .init(identity: expired)) { service in
      let (reason, session) = try await refused(
        try ChannelSupport.pinned(service, to: expired), service)
      #expect(reason.contains("expired on"))
      #expect(session?.fingerprintSHA256 == expired.fingerprintSHA256)
    }
  }

  @Test func aLeafFromAnUnknownCAIsRefusedNamingTheIssuer() async throws {
    let trusted = try TestCertificateAuthority(commonName: "Trusted CA", now: now)
    let unknown = try TestCertificateAuthority(commonName: "Unknown CA", now: now)
    let leaf = try unknown.issue(
      hostNames: ["localhost"], ipAddresses: ["127.0.0.1"],
      notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(86_400))
    try await withTemporaryDirectory { directory in
      let caFile = try ChannelSupport.write(trusted.certificatePEM, named: "ca.pem", in: directory)
      try await TestService.run(tls: .init(identity: leaf)) { service in
        let channel = HTTPSOrderChannel(
          endpoint: try ServiceEndpoint(parsing: service.endpoint()),
          trust: .certificateAuthorityFile(caFile))
        let (reason, session) = try await refused(channel, service)
        #expect(reason.contains("issued by"))
        #expect(reason.contains("CN=Unknown CA"))
        #expect(reason.contains("not trusted by the CA file \(caFile)"))
        #expect(session?.issuer.contains("CN=Unknown CA") == true)
        #expect(session?.verification == .certificateAuthorityFile(path: caFile))
      }
    }
  }

  @Test func aCertificateForAnotherHostIsRefusedNamingItsNames() async throws {
    let authority = try TestCertificateAuthority(now: now)
    let leaf = try authority.issue(
      hostNames: ["orders.example.com"], ipAddresses: ["10.1.2.3"],
      notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(86_400))
    try await withTemporaryDirectory { directory in
      let caFile = try ChannelSupport.write(
        authority.certificatePEM, named: "ca.pem", in: directory)
      try await TestService.run(tls: .init(identity: leaf)) { service in
        let channel = HTTPSOrderChannel(
          endpoint: try ServiceEndpoint(parsing: service.endpoint()),
          trust: .certificateAuthorityFile(caFile))
        let (reason, session) = try await refused(channel, service)
        #expect(reason.contains("does not name 127.0.0.1"))
        #expect(reason.contains("orders.example.com"))
        #expect(reason.contains("10.1.2.3"))
        #expect(session?.fingerprintSHA256 == leaf.fingerprintSHA256)
      }
    }
  }

  @Test func anExpiredCertificateFromATrustedCAIsRefusedAsExpired() async throws {
    let authority = try TestCertificateAuthority(now: now)
    let leaf = try authority.issue(
      hostNames: ["localhost"], ipAddresses: ["127.0.0.1"],
      notValidBefore: now.addingTimeInterval(-30 * 86_400),
      notValidAfter: now.addingTimeInterval(-2 * 86_400))
    try await withTemporaryDirectory { directory in
      let caFile = try ChannelSupport.write(
        authority.certificatePEM, named: "ca.pem", in: directory)
      try await TestService.run(tls: .init(identity: leaf)) { service in
        let channel = HTTPSOrderChannel(
          endpoint: try ServiceEndpoint(parsing: service.endpoint()),
          trust: .certificateAuthorityFile(caFile))
        let (reason, session) = try await refused(channel, service)
        #expect(reason.hasPrefix("the certificate expired on "))
        #expect(session?.validUntil ?? .distantFuture < now)
      }
    }
  }

  @Test func aSelfSignedCertificateIsNotInTheSystemTrustStore() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      let channel = HTTPSOrderChannel(
        endpoint: try ServiceEndpoint(parsing: service.endpoint()), trust: .systemTrustStore)
      let (reason, session) = try await refused(channel, service)
      #expect(reason.contains("self-signed"))
      #expect(reason.contains("the system trust store"))
      #expect(session?.verification == .systemTrustStore)
    }
  }

  @Test(arguments: ["missing.pem", "empty.pem", "junk.pem"])
  func anUnusableCAFileIsReportedBeforeConnecting(file: String) async throws {
    let identity = try ChannelSupport.selfSigned()
    try await withTemporaryDirectory { directory in
      if file == "empty.pem" { _ = try ChannelSupport.write("", named: file, in: directory) }
      if file == "junk.pem" {
        _ = try ChannelSupport.write(
          "-----BEGIN CERTIFICATE-----\nnot base64\n", named: file, in: directory)
      }
      let path = (directory as NSString).appendingPathComponent(file)
      try await TestService.run(tls: .init(identity: identity)) { service in
        let channel = HTTPSOrderChannel(
          endpoint: try ServiceEndpoint(parsing: service.endpoint()),
          trust: .certificateAuthorityFile(path))
        let security = try await ChannelSupport.using(channel) { await $0.probe() }
        let (reason, session) = try #require(ChannelSupport.unverified(security))
        #expect(reason.contains(path))
        #expect(session == nil)
        #expect(service.log.connections == 0)
      }
    }
  }

  @Test func aServiceOfferingOnlyTLS11IsRefused() async throws {
    let identity = try ChannelSupport.selfSigned()
    let tls = TestService.TLS(identity: identity, minimumVersion: .tlsv11, maximumVersion: .tlsv11)
    try await TestService.run(tls: tls) { service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      let (reason, session) = try await refused(channel, service)
      #expect(reason.contains("older than 1.2"))
      #expect(session == nil)
    }
  }

  @Test func aPlainHTTPServiceBehindAnHTTPSURLIsDownNotSecure() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: nil) { service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      let security = try await ChannelSupport.using(channel) { await $0.probe() }
      guard case .down(let reason) = security else {
        Issue.record("expected down, got \(security)")
        return
      }
      #expect(reason.contains("did not answer with TLS"))
      #expect(service.log.entries.isEmpty)
    }
  }
}

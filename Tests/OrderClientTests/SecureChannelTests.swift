import Foundation
import NIOSSL
import OrderClient
import OrderCore
import OrderDeskTestSupport
import TLSIdentity
import Testing

@Suite("Secure channel over real TLS")
struct SecureChannelTests {
  @Test func aPinnedSelfSignedCertificateGivesASecureTLS13Session() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      #expect(await channel.security == .unknown(reason: "not connected yet"))
      let session = try #require(
        ChannelSupport.secureSession(try await ChannelSupport.using(channel) { await $0.probe() }))
      #expect(session.protocolVersion == .tls13)
      #expect(session.host == "127.0.0.1")
      #expect(session.fingerprintSHA256 == identity.fingerprintSHA256)
      #expect(session.peerSubject.contains("CN=OrderDesk order service"))
      #expect(session.issuer == session.peerSubject)
      #expect(abs(session.validUntil.timeIntervalSince(identity.validUntil)) < 1)
      #expect(abs(session.validFrom.timeIntervalSince(identity.validFrom)) < 1)
      #expect(session.verification == .pinnedFingerprint)
    }
  }

  @Test func theVersionReportedIsTheOneNegotiated() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity, maximumVersion: .tlsv12)) {
      service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      let security = try await ChannelSupport.using(channel) { await $0.probe() }
      #expect(ChannelSupport.secureSession(security)?.protocolVersion == .tls12)
    }
  }

  @Test func aLeafSignedByTheCAFileIsSecure() async throws {
    let authority = try TestCertificateAuthority(now: ChannelSupport.now)
    let leaf = try authority.issue(
      hostNames: ["localhost"], ipAddresses: ["127.0.0.1"],
      notValidBefore: ChannelSupport.now.addingTimeInterval(-60),
      notValidAfter: ChannelSupport.now.addingTimeInterval(86_400))
    try await withTemporaryDirectory { directory in
      let caFile = try ChannelSupport.write(
        authority.certificatePEM, named: "ca.pem", in: directory)
      try await TestService.run(tls: .init(identity: leaf)) { service in
        let channel = HTTPSOrderChannel(
          endpoint: try ServiceEndpoint(parsing: service.endpoint()),
          trust: .certificateAuthorityFile(caFile))
        let security = try await ChannelSupport.using(channel) { await $0.probe() }
        let session = try #require(ChannelSupport.secureSession(security))
        #expect(session.issuer.contains("CN=OrderDesk Test CA"))
        #expect(session.verification == .certificateAuthorityFile(path: caFile))
        #expect(session.fingerprintSHA256 == leaf.fingerprintSHA256)
      }
    }
  }

  @Test func manyRequestsShareOneKeptAliveConnection() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      try await ChannelSupport.using(channel) { channel in
        _ = try await channel.catalog()
        _ = try await channel.quote(
          QuoteRequest(currency: .eur, country: "DE", lines: Fixtures.lines))
        _ = try await channel.vaultKey()
        _ = try await channel.lookUp(number: Fixtures.orderNumber, email: Fixtures.email)
        _ = try await channel.catalog()
      }
      #expect(service.log.entries.count == 5)
      #expect(service.log.connections == 1)
    }
  }

  @Test func concurrentCallsAreSerialisedOnTheOneConnection() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      try await ChannelSupport.using(channel) { channel in
        try await withThrowingTaskGroup(of: Int.self) { group in
          for _ in 0..<8 {
            group.addTask { try await channel.catalog().items.count }
          }
          for try await count in group { #expect(count > 0) }
        }
      }
      #expect(service.log.entries.count == 8)
      #expect(service.log.connections == 1)
    }
  }

  @Test func aConnectionTheServiceClosedWhileIdleIsReplaced() async throws {
    let identity = try ChannelSupport.selfSigned()
    // The idle time-out is long enough that a handshake and a request on a loaded machine fit
    // inside it, so only the wait between the two reads outlasts it.
    try await TestService.run(tls: .init(identity: identity), idleTimeout: .seconds(4)) {
      service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      try await ChannelSupport.using(channel) { channel in
        _ = try await channel.catalog()
        let before = service.log.connections
        try await Task.sleep(for: .seconds(6))
        _ = try await channel.catalog()
        #expect(service.log.connections > before)
        #expect(ChannelSupport.secureSession(await channel.security) != nil)
      }
      // Two reads; on a loaded machine the service's idle close can race the second one, which
      // a read may then repeat once on a new connection (a submit is protected by its key).
      #expect((2...3).contains(service.log.entries.count))
    }
  }

  @Test func securityChangesArePublished() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      try await ChannelSupport.using(channel) { channel in
        await channel.probe()
        var changes = channel.securityChanges.makeAsyncIterator()
        let first = await changes.next()
        #expect(first.flatMap(ChannelSupport.secureSession) != nil)
      }
    }
  }

  @Test func theIdentityMadeForTheServiceIsPinnedAsPrinted() async throws {
    try await withTemporaryDirectory { directory in
      let identity = try ServiceIdentity.loadOrCreate(
        in: directory, ipAddresses: ["127.0.0.1"], now: Date())
      let pin = try CertificatePin(parsing: identity.displayFingerprint)
      try await TestService.run(tls: .init(identity: identity)) { service in
        let channel = HTTPSOrderChannel(
          endpoint: try ServiceEndpoint(parsing: service.endpoint()), trust: .pinned(pin))
        let security = try await ChannelSupport.using(channel) { await $0.probe() }
        #expect(
          ChannelSupport.secureSession(security)?.fingerprintSHA256 == identity.fingerprintSHA256)
      }
    }
  }
}

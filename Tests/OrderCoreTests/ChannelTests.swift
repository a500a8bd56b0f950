import Foundation
import OrderDeskTestSupport
import Testing

@testable import OrderCore

/// The security states the lock is drawn from, and the values an order travels with.
struct ChannelSecurityTests {
  let session = TLSSession(
    protocolVersion: .tls13, host: "localhost", peerSubject: "CN=localhost",
    issuer: "CN=localhost", validFrom: Date(timeIntervalSince1970: 0),
    validUntil: Date(timeIntervalSince1970: 4_000_000_000), fingerprintSHA256: "ab12",
    verification: .pinnedFingerprint)

  @Test func onlyASecureChannelAllowsCardData() {
    let states: [ChannelSecurity] = [
      .secure(session), .unverified(reason: "name does not match", session: session),
      .notEncrypted(endpoint: "http://localhost:8080"), .unknown(reason: "not connected yet"),
      .down(reason: "connection refused"),
    ]
    #expect(states.map(\.allowsCardData) == [true, false, false, false, false])
    #expect(states.map(\.word) == ["Secure", "Unverified", "Not encrypted", "Unknown", "Down"])
    #expect(states[0].reason == nil)
    #expect(states.dropFirst().allSatisfy { $0.reason?.isEmpty == false })
    #expect(states[1].session == session)
    #expect(states[2].session == nil)
  }

  @Test func onlyTLS12And13AreAcceptable() {
    #expect(TLSProtocolVersion.allCases.filter(\.isAcceptable) == [.tls12, .tls13])
  }

  @Test func verificationIsDescribedForTheDetailsView() {
    #expect(CertificateVerification.pinnedFingerprint.summary.contains("pinned"))
    #expect(
      CertificateVerification.certificateAuthorityFile(path: "/etc/ca.pem").summary.contains(
        "/etc/ca.pem"))
    #expect(CertificateVerification.systemTrustStore.summary.contains("system trust store"))
  }
}

struct IdempotencyKeyTests {
  @Test(arguments: ["a", String(repeating: "k", count: 255), "order-2026-11-25_01"])
  func acceptsPrintableKeysUpTo255(_ text: String) {
    #expect(IdempotencyKey(text)?.rawValue == text)
  }

  @Test(arguments: [
    "", String(repeating: "k", count: 256), "has space", "tab\there", "new\nline", "\u{1B}[2J",
    "ключ", "🔑", String(repeating: "x", count: 10_000_000),
  ])
  func refusesEmptyLongAndUnprintableKeys(_ text: String) {
    #expect(IdempotencyKey(text) == nil)
  }

  @Test func randomKeysComeFromTheInjectedGenerator() {
    var first = SeededGenerator(seed: 7)
    var second = SeededGenerator(seed: 7)
    var other = SeededGenerator(seed: 8)
    let key = IdempotencyKey.random(using: &first)
    #expect(key == IdempotencyKey.random(using: &second))
    #expect(key != IdempotencyKey.random(using: &other))
    #expect(key.rawValue.count == 32)
    #expect(IdempotencyKey(key.rawValue) == key)
  }

  @Test func randomKeysUseTheWholeAlphabetEvenly() {
    var generator = SeededGenerator(seed: 11)
    let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    var counts: [Character: Int] = [:]
    var keys: Set<IdempotencyKey> = []
    for _ in 0..<2_000 {
      let key = IdempotencyKey.random(using: &generator)
      #expect(key.rawValue.count == 32)
      keys.insert(key)
      for character in key.rawValue { counts[character, default: 0] += 1 }
    }
    #expect(keys.count == 2_000)
    #expect(Set(counts.keys) == alphabet)
    // 64,000 characters over 64 symbols: about 1,000 each; a bias towards part of the
    // alphabet (a modulo over a non-power of two, bits reused) would move some far off it.
    #expect(counts.values.allSatisfy { (850...1_150).contains($0) }, "\(counts)")
  }

  @Test func decodingRefusesABadKey() throws {
    let good = try JSONDecoder().decode([IdempotencyKey].self, from: Data(#"["abc"]"#.utf8))
    #expect(good.first?.rawValue == "abc")
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([IdempotencyKey].self, from: Data(#"["a b"]"#.utf8))
    }
  }
}

struct OrderNumberTests {
  @Test func normalisesCaseAndSpaces() {
    #expect(OrderNumber("  od-7k3f9q2m ")?.rawValue == "OD-7K3F9Q2M")
  }

  @Test(arguments: [
    "", "OD", "OD-1;DROP", "OD 123", "OD-\u{1B}[2J", String(repeating: "9", count: 33),
  ])
  func refusesWhatIsNotAnOrderNumber(_ text: String) {
    #expect(OrderNumber(text) == nil)
  }
}

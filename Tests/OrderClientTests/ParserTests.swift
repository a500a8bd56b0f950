import Foundation
import OrderClient
import TLSIdentity
import Testing

@Suite("Service URLs and pins as people type them")
struct ParserTests {
  @Test(arguments: [
    ("https://orders.example.com", "https", "orders.example.com", 443),
    ("HTTPS://Orders.Example.COM:8443/", "https", "orders.example.com", 8443),
    ("http://127.0.0.1:8080", "http", "127.0.0.1", 8080),
    ("https://[::1]:9443", "https", "::1", 9443),
    ("https://[2001:DB8::1]", "https", "2001:db8::1", 443),
    ("https://localhost:1", "https", "localhost", 1),
    ("https://a-b.c-d.example:65535", "https", "a-b.c-d.example", 65535),
  ])
  func goodURLsAreRead(text: String, scheme: String, host: String, port: Int) throws {
    let endpoint = try ServiceEndpoint(parsing: text)
    #expect(endpoint.scheme.rawValue == scheme)
    #expect(endpoint.host == host)
    #expect(endpoint.port == port)
  }

  @Test func theNormalFormLeavesOutDefaultPortsAndBracketsIPv6() throws {
    #expect(try ServiceEndpoint(parsing: "https://x.example:443").url == "https://x.example")
    #expect(try ServiceEndpoint(parsing: "http://[::1]:80").url == "http://[::1]")
    #expect(try ServiceEndpoint(parsing: "https://[::1]:8443").hostHeader == "[::1]:8443")
    #expect(try ServiceEndpoint(parsing: "https://10.0.0.1").hostIsIPAddress)
    #expect(try !ServiceEndpoint(parsing: "https://ten.example").hostIsIPAddress)
  }

  static let badURLs: [(String, ServiceEndpointError)] = [
    ("", ServiceEndpointError.empty),
    ("orders.example.com", .missingScheme),
    ("ftp://orders.example.com", .unsupportedScheme("ftp")),
    ("file:///etc/passwd", .unsupportedScheme("file")),
    ("javascript://alert(1)", .unsupportedScheme("javascript")),
    ("https://", .missingHost),
    ("https:///", .missingHost),
    ("https://user:pw@orders.example.com", .userInfoNotAllowed),
    ("https://orders.example.com/v1", .pathNotAllowed),
    ("https://orders.example.com//", .pathNotAllowed),
    ("https://orders.example.com?x=1", .queryNotAllowed),
    ("https://orders.example.com#top", .fragmentNotAllowed),
    ("https://orders.example.com:0", .invalidPort),
    ("https://orders.example.com:65536", .invalidPort),
    ("https://orders.example.com:-1", .invalidPort),
    ("https://orders.example.com:+443", .invalidPort),
    ("https://orders.example.com:", .invalidPort),
    ("https://orders.example.com:99999999999999999999", .invalidPort),
    ("https://orders example.com", .invalidCharacters),
    ("https://orders.example.com\n", .invalidCharacters),
    ("https://ördérs.example.com", .invalidCharacters),
    ("https://orders.example.com\u{1B}[2J", .invalidCharacters),
    ("https://-orders.example.com", .invalidHost),
    ("https://orders..example.com", .invalidHost),
    ("https://orders_x.example.com", .invalidHost),
    ("https://999.1.1.1", .invalidHost),
    ("https://1.2.3", .invalidHost),
    ("https://01.2.3.4", .invalidHost),
    ("https://[::1", .invalidHost),
    ("https://[1:2:3:4:5:6:7:8:9]", .invalidHost),
    ("https://[1::2::3]", .invalidHost),
    ("https://[fe80::1%eth0]", .invalidHost),
    ("https://[::1]x", .invalidHost),
    ("https://::1", .invalidHost),
    ("https://a:1:2", .invalidHost),
  ]

  @Test(arguments: badURLs)
  func badURLsAreRefused(text: String, expected: ServiceEndpointError) {
    #expect(throws: expected) { try ServiceEndpoint(parsing: text) }
  }

  @Test func hugeAndHostileURLsAreRefusedWithoutBeingRepeated() {
    let huge = "https://" + String(repeating: "a", count: 1_000_000) + ".example"
    #expect(throws: ServiceEndpointError.tooLong(huge.utf8.count)) {
      try ServiceEndpoint(parsing: huge)
    }
    let longLabel = "https://" + String(repeating: "a", count: 64) + ".example"
    #expect(throws: ServiceEndpointError.invalidHost) { try ServiceEndpoint(parsing: longLabel) }
    let hostile = "gopher\u{1B}]0;x\u{07}://x"
    do {
      _ = try ServiceEndpoint(parsing: hostile)
      Issue.record("accepted a hostile URL")
    } catch {
      #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
    }
    let weirdScheme = "a/b\"c://x"
    do {
      _ = try ServiceEndpoint(parsing: weirdScheme)
      Issue.record("accepted a weird scheme")
    } catch {
      #expect(!error.description.contains("a/b\"c"))
    }
  }

  private let digest = "3af1" + String(repeating: "00", count: 30)

  @Test func pinsAreReadInEveryUsualSpelling() throws {
    let bare = try CertificatePin(parsing: digest)
    let colons = stride(from: 0, to: 64, by: 2).map { index in
      let start = digest.index(digest.startIndex, offsetBy: index)
      return String(digest[start..<digest.index(start, offsetBy: 2)])
    }.joined(separator: ":")
    for text in [
      "sha256:" + digest, "SHA256:" + digest.uppercased(), "sha-256:" + colons, colons,
      "  sha256:\(colons.uppercased())\t",
    ] {
      #expect(try CertificatePin(parsing: text) == bare, "\(text)")
    }
    guard case .certificate(let fingerprint) = bare else {
      Issue.record("a hex pin was not read as a certificate pin")
      return
    }
    #expect(fingerprint.hex == digest)
    #expect(bare.description.hasPrefix("sha256:3A:F1:00:"))
    #expect(try CertificatePin(parsing: bare.description) == bare)
  }

  /// A key pin's digest: 32 bytes, in base64 with a `+` and a `/` in it.
  private let keyDigest = [0xFB, 0xFF] + Array(repeating: UInt8(7), count: 30)

  @Test func keyPinsAreReadAsCurlAndHPKPWriteThem() throws {
    let base64 = Data(keyDigest).base64EncodedString()
    #expect(base64.contains("+") && base64.contains("/") && base64.count == 44)
    let pin = try CertificatePin(parsing: "sha256//" + base64)
    #expect(pin == .publicKey(try #require(PublicKeyFingerprint(digest: keyDigest))))
    for text in [
      "SHA256//" + base64, " pin-sha256=\"\(base64)\"\t", "pin-sha256=" + base64,
      "pin-sha256:" + base64, "PIN-SHA256=\"\(base64)\"",
    ] {
      #expect(try CertificatePin(parsing: text) == pin, "\(text)")
    }
    #expect(pin.description == "sha256//" + base64)
    #expect(pin.kind == "public key (SPKI)")
    #expect(try CertificatePin(parsing: digest).kind == "certificate")
    #expect(try CertificatePin(parsing: pin.description) == pin)
  }

  static let badPins: [(String, CertificatePinError)] = [
    ("sha256//", .wrongKeyDigestLength(bytes: 0)),
    (
      "sha256//" + Data(repeating: 1, count: 20).base64EncodedString(),
      .wrongKeyDigestLength(bytes: 20)
    ),
    ("sha256//" + String(repeating: "!", count: 44), .notBase64),
    ("sha256//" + Data(repeating: 1, count: 32).base64EncodedString().dropLast(), .notBase64),
    ("sha256//" + Data(repeating: 1, count: 32).base64EncodedString() + "\u{1B}", .notBase64),
    ("pin-sha256=\"\"", .wrongKeyDigestLength(bytes: 0)),
    ("", CertificatePinError.empty),
    ("   ", .empty),
    ("sha256:", .wrongLength(hexDigits: 0)),
    ("sha1:" + String(repeating: "a", count: 40), .unsupportedAlgorithm),
    ("md5:" + String(repeating: "a", count: 32), .unsupportedAlgorithm),
    (String(repeating: "a", count: 40), .wrongLength(hexDigits: 40)),
    (String(repeating: "a", count: 63), .wrongLength(hexDigits: 63)),
    (String(repeating: "a", count: 66), .wrongLength(hexDigits: 66)),
    ("sha256:" + String(repeating: "g", count: 64), .notHex),
    ("sha256:" + String(repeating: "a", count: 63) + "\u{1B}", .notHex),
    ("sha256:" + String(repeating: "٣", count: 64), .notHex),
    ("sha256:" + String(repeating: "aa:", count: 32), .misplacedColon),
    ("sha256:a:a" + String(repeating: "a", count: 62), .misplacedColon),
    ("sha256::" + String(repeating: "a", count: 64), .misplacedColon),
  ]

  @Test(arguments: badPins)
  func badPinsAreRefused(text: String, expected: CertificatePinError) {
    #expect(throws: expected) { try CertificatePin(parsing: text) }
  }

  @Test func aHugePinIsRefusedUnreadAndMessagesDoNotEchoInput() {
    let huge = String(repeating: "a", count: 10_000_000)
    #expect(throws: CertificatePinError.tooLong(huge.utf8.count)) {
      try CertificatePin(parsing: huge)
    }
    let hostile = "sha256:\u{1B}[2J" + String(repeating: "a", count: 60)
    do {
      _ = try CertificatePin(parsing: hostile)
      Issue.record("accepted a hostile pin")
    } catch {
      #expect(!error.description.contains("\u{1B}"))
      #expect(error.description.contains("64 hex digits"))
    }
  }

  @Test func aPinMatchesOnlyTheCertificateItWasTakenFrom() throws {
    let der: [UInt8] = Array("certificate bytes".utf8)
    let pin = CertificatePin(fingerprint: CertificateFingerprint(certificateDER: der))
    #expect(pin.matches(certificateDER: der))
    #expect(!pin.matches(certificateDER: der + [0]))
    #expect(!pin.matches(certificateDER: []))
  }
}

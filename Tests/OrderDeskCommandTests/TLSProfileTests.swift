import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import TLSIdentity
import Testing

@testable import OrderService

/// sslyze's scan of a real `orderdesk serve`: Mozilla's "intermediate" profile, no finding.
///
/// Each check has a twin: the same report with one fault planted must give exactly that
/// finding, and a real server with weak settings must fail the scan, sslyze's own verdict
/// included.
@Suite("TLS as Mozilla's intermediate profile says, by sslyze")
struct TLSProfileTests {
  private static let results = "server_scan_results.0.scan_result."

  @Test func aScanOfServeFindsNothingAndEachPlantedFaultIsFound() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-tls-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let service = try ServeProcess.start(dataDirectory: directory + "/service")
    defer { service.kill() }
    let port = try #require(service.url.split(separator: ":").last.flatMap { Int($0) })
    let scan = try await TLSScan.run(
      port: port, caFile: directory + "/service/tls/service-cert.pem", in: directory)

    #expect(TLSProfile.findings(in: scan.report) == [], "\(scan.output)")
    #expect(scan.compliesWithMozillaIntermediate, "\(scan.output)")
    // sslyze's own SHA-256 of the public key is the pin `serve` printed.
    let leaf = try #require(Self.leaf(in: scan.report))
    #expect("sha256//\(leaf["hpkp_pin"] as? String ?? "")" == service.pin.description)
    #expect(
      TLSProfile.acceptedSuites(Self.result("tls_1_2_cipher_suites", in: scan.report)).count > 0)

    for (fault, path, value, expected) in try Self.faults(in: scan.report) {
      let planted = JSONPlanting.planting(value, at: path, in: scan.report)
      let found = TLSProfile.findings(in: try #require(planted as? [String: Any]))
      #expect(
        found.count == 1 && found.first?.hasPrefix(expected) == true,
        "planting \(fault) gave \(found)")
    }
    // The lifetime's edge: 366 days pass, 367 do not.
    let from = try Date.ISO8601FormatStyle().parse(leaf["not_valid_before"] as? String ?? "")
    let deployment = Self.results + "certificate_info.result.certificate_deployments.0."
    for (days, findings) in [(366, 0), (367, 1)] {
      let until = Date.ISO8601FormatStyle().format(from.addingTimeInterval(Double(days) * 86_400))
      let planted = JSONPlanting.planting(
        until, at: deployment + "received_certificate_chain.0.not_valid_after", in: scan.report)
      #expect(
        TLSProfile.findings(in: try #require(planted as? [String: Any])).count == findings,
        "\(days) days")
    }
  }

  @Test func aServerWithWeakSettingsFailsTheScan() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-tls-weak-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // The service's own settings with what it had before (CBC suites, two-year certificate)
    // and older versions let in.
    let now = Date()
    let identity = try ServiceIdentity.selfSigned(
      hostNames: ["localhost"], ipAddresses: ["127.0.0.1"],
      notValidBefore: now.addingTimeInterval(-3600),
      notValidAfter: now.addingTimeInterval(730 * 86_400))
    let caFile = directory + "/cert.pem"
    try Data(identity.certificateChainPEM.utf8).write(to: URL(fileURLWithPath: caFile))
    var weak = try OrderService.tlsConfiguration(identity)
    weak.minimumTLSVersion = .tlsv1
    weak.cipherSuiteValues += [
      .TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, .TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    ]

    let scan = try await Self.withServer(weak) { port in
      try await TLSScan.run(port: port, caFile: caFile, in: directory)
    }
    let found = TLSProfile.findings(in: scan.report)
    for expected in [
      "protocol: TLS 1.0 is accepted", "protocol: TLS 1.1 is accepted",
      "suite: TLS 1.2 accepts TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
      "suite: TLS 1.2 accepts TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
      "certificate: valid for 730 days",
    ] {
      #expect(found.contains { $0.hasPrefix(expected) }, "\(expected) not in \(found)")
    }
    #expect(!scan.compliesWithMozillaIntermediate, "\(scan.output)")
  }

  /// One fault per check: what is planted, where, and the finding it must give.
  private static func faults(
    in report: [String: Any]
  ) throws -> [(String, String, Any, String)] {
    let leaf =
      results + "certificate_info.result.certificate_deployments.0."
      + "received_certificate_chain.0."
    let from = try Date.ISO8601FormatStyle().parse(
      Self.leaf(in: report)?["not_valid_before"] as? String ?? "")
    let twoYears = Date.ISO8601FormatStyle().format(from.addingTimeInterval(730 * 86_400))
    let suite = { (name: String) in [["cipher_suite": ["name": name]]] }
    return [
      (
        "SSL 3.0", results + "ssl_3_0_cipher_suites.result.is_tls_version_supported", true,
        "protocol: SSL 3.0"
      ),
      (
        "TLS 1.0", results + "tls_1_0_cipher_suites.result.is_tls_version_supported", true,
        "protocol: TLS 1.0"
      ),
      (
        "TLS 1.1", results + "tls_1_1_cipher_suites.result.is_tls_version_supported", true,
        "protocol: TLS 1.1"
      ),
      (
        "no TLS 1.3", results + "tls_1_3_cipher_suites.result.is_tls_version_supported", false,
        "protocol: TLS 1.3 is not offered"
      ),
      (
        "a CBC suite", results + "tls_1_2_cipher_suites.result.accepted_cipher_suites",
        suite("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"), "suite: TLS 1.2 accepts"
      ),
      (
        "RSA key exchange", results + "tls_1_2_cipher_suites.result.accepted_cipher_suites",
        suite("TLS_RSA_WITH_AES_128_GCM_SHA256"), "suite: TLS 1.2 accepts"
      ),
      (
        "a weak curve", results + "elliptic_curves.result.supported_curves",
        [["name": "secp224r1"]], "curve: secp224r1"
      ),
      (
        "a two-year certificate", leaf + "not_valid_after", twoYears,
        "certificate: valid for 730 days"
      ),
      (
        "an RSA-1024 key", leaf + "public_key", ["algorithm": "RSAPublicKey", "key_size": 1024],
        "certificate: weak key"
      ),
      ("a P-224 key", leaf + "public_key.ec_curve_name", "secp224r1", "certificate: weak key"),
      (
        "a SHA-1 signature", leaf + "signature_hash_algorithm.name", "sha1",
        "certificate: weak signature"
      ),
      (
        "an untrusted certificate",
        results + "certificate_info.result.certificate_deployments.0.path_validation_results",
        [Any](), "certificate: not trusted"
      ),
      (
        "insecure renegotiation",
        results + "session_renegotiation.result.supports_secure_renegotiation", false,
        "renegotiation:"
      ),
      (
        "client renegotiation",
        results + "session_renegotiation.result.is_vulnerable_to_client_renegotiation_dos",
        true, "renegotiation:"
      ),
      (
        "compression", results + "tls_compression.result.supports_compression", true,
        "compression:"
      ),
      (
        "Heartbleed", results + "heartbleed.result.is_vulnerable_to_heartbleed", true,
        "heartbleed:"
      ),
      ("ROBOT", results + "robot.result.robot_result", "VULNERABLE_STRONG_ORACLE", "robot:"),
      (
        "CCS injection", results + "openssl_ccs_injection.result.is_vulnerable_to_ccs_injection",
        true, "ccs injection:"
      ),
      (
        "a scan that failed", results + "heartbleed.status", "ERROR",
        "scan: heartbleed did not complete"
      ),
    ]
  }

  private static func result(_ scan: String, in report: [String: Any]) -> [String: Any]? {
    let servers = report["server_scan_results"] as? [[String: Any]]
    let scans = servers?.first?["scan_result"] as? [String: Any]
    return (scans?[scan] as? [String: Any])?["result"] as? [String: Any]
  }

  private static func leaf(in report: [String: Any]) -> [String: Any]? {
    let deployments =
      result("certificate_info", in: report)?["certificate_deployments"] as? [[String: Any]]
    let chain = deployments?.first?["received_certificate_chain"] as? [[String: Any]]
    return chain?.first
  }

  /// Runs a bare HTTPS server with `tls` on a loopback port for the length of `body`.
  private static func withServer<T>(
    _ tls: TLSConfiguration, _ body: (Int) async throws -> T
  ) async throws -> T {
    let router = Router()
    router.get("/healthz") { _, _ in "ok" }
    var logger = Logger(label: "test.weak-tls")
    logger.logLevel = .critical
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = Application(
      router: router, server: try .tls(.http1(), tlsConfiguration: tls),
      configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
    let server = Task {
      defer { continuation.finish() }
      try await app.run()
    }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    let port = try #require(await iterator.next())
    return try await body(port)
  }
}

import Foundation

/// One run of sslyze (from PyPI) against a TLS server, and its JSON report.
///
/// sslyze is an independent TLS scanner: it tries every protocol version and cipher suite it
/// knows, reads the certificate, probes for Heartbleed, ROBOT, CCS injection, compression and
/// renegotiation, and checks the result against Mozilla's "intermediate" profile.
struct TLSScan {
  /// The parsed `--json_out` document.
  let report: [String: Any]
  /// Whether sslyze itself found the server compliant with Mozilla's "intermediate" profile
  /// (its exit status is 0 only then).
  let compliesWithMozillaIntermediate: Bool
  /// What sslyze printed, for failure messages.
  let output: String

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Where `scripts/test` installs sslyze with the `cryptography` it needs (below 47), apart
  /// from the newer one the HPKE interoperability tests need.
  static var sslyzeDirectory: String {
    let environment = ProcessInfo.processInfo.environment
    let cache =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? NSHomeDirectory() + "/.cache"
    return cache + "/orderdesk/sslyze"
  }

  /// The longest a scan may take before it is stopped and the test fails.
  static let timeLimit: Duration = .seconds(300)

  /// Scans `127.0.0.1:port`, trusting the certificate in `caFile` as sslyze's own trust store
  /// does not know a self-signed one.
  ///
  /// It waits without holding a thread: a server in this process needs the concurrency pool
  /// to answer the scan.
  static func run(port: Int, caFile: String, in directory: String) async throws -> TLSScan {
    let jsonFile = (directory as NSString).appendingPathComponent("sslyze-\(port).json")
    let outputFile = (directory as NSString).appendingPathComponent("sslyze-\(port).out")
    FileManager.default.createFile(atPath: outputFile, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
    defer { try? output.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-m", "sslyze", "--json_out=\(jsonFile)", "--certinfo_ca_file=\(caFile)",
      "--mozilla_config=intermediate", "127.0.0.1:\(port)",
    ]
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    process.environment = ProcessInfo.processInfo.environment.merging(
      ["PYTHONPATH": Self.sslyzeDirectory]) { _, ours in ours }
    let ended = AsyncStream<Void>.makeStream()
    process.terminationHandler = { _ in
      ended.continuation.yield()
      ended.continuation.finish()
    }
    do {
      try process.run()
    } catch {
      throw Failure(description: "python3 could not be started (\(error)); install Python 3")
    }
    let watchdog = Task {
      try await Task.sleep(for: Self.timeLimit)
      process.terminate()
    }
    for await _ in ended.stream {}
    watchdog.cancel()
    let text = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
    if process.terminationReason == .uncaughtSignal {
      throw Failure(
        description: "sslyze was stopped after \(Self.timeLimit): \(text.suffix(2000))")
    }
    // 0: compliant, 1: not compliant; anything else is sslyze failing to run.
    guard process.terminationStatus <= 1, FileManager.default.fileExists(atPath: jsonFile) else {
      throw Failure(
        description: "sslyze did not run (status \(process.terminationStatus)); install it "
          + "with `python3 -m pip install --target \(Self.sslyzeDirectory) sslyze` (scripts/test "
          + "does): \(text.suffix(2000))")
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: jsonFile))
    guard let report = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw Failure(description: "sslyze's JSON report is not an object")
    }
    return TLSScan(
      report: report, compliesWithMozillaIntermediate: process.terminationStatus == 0,
      output: text)
  }
}

/// What the order service's TLS must be, read from an sslyze report: Mozilla's "intermediate"
/// profile (5.7) and no known vulnerability.
///
/// Each finding is one line that starts with what it is about (`protocol:`, `suite:`,
/// `curve:`, `certificate:`, `renegotiation:`, `compression:`, `heartbleed:`, `robot:`,
/// `ccs injection:`, `scan:`), so a test can plant one fault and look for its line.
enum TLSProfile {
  /// The TLS 1.2 suites allowed: forward-secret (ECDHE) and AEAD (AES-GCM, ChaCha20-Poly1305).
  static let tls12Suites: Set = [
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  ]
  /// The TLS 1.3 suites allowed.
  static let tls13Suites: Set = [
    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
  ]
  /// The key-exchange groups allowed.
  static let curves: Set = ["X25519", "secp256r1", "secp384r1"]
  /// The longest a leaf certificate may be valid, in days ("intermediate" 5.7).
  static let maximumCertificateDays = 366
  /// Versions that must be refused, by the name of sslyze's scan command.
  static let refusedVersions = [
    ("ssl_2_0_cipher_suites", "SSL 2.0"), ("ssl_3_0_cipher_suites", "SSL 3.0"),
    ("tls_1_0_cipher_suites", "TLS 1.0"), ("tls_1_1_cipher_suites", "TLS 1.1"),
  ]
  /// Every scan command whose result is read; one that did not complete is a finding.
  static let requiredScans =
    refusedVersions.map(\.0) + [
      "tls_1_2_cipher_suites", "tls_1_3_cipher_suites", "certificate_info", "elliptic_curves",
      "session_renegotiation", "tls_compression", "heartbleed", "robot",
      "openssl_ccs_injection",
    ]

  /// Every way the scanned server falls short, empty when it meets the profile.
  static func findings(in report: [String: Any]) -> [String] {
    guard let servers = report["server_scan_results"] as? [[String: Any]], servers.count == 1
    else { return ["scan: the report does not hold exactly one server"] }
    let server = servers[0]
    guard server["scan_status"] as? String == "COMPLETED",
      let scans = server["scan_result"] as? [String: Any]
    else { return ["scan: the server could not be scanned"] }
    var findings: [String] = []
    var results: [String: [String: Any]] = [:]
    for name in requiredScans {
      let scan = scans[name] as? [String: Any]
      guard scan?["status"] as? String == "COMPLETED",
        let result = scan?["result"] as? [String: Any]
      else {
        findings.append("scan: \(name) did not complete (\(scan?["status"] ?? "missing"))")
        continue
      }
      results[name] = result
    }
    findings += protocolFindings(results) + suiteFindings(results) + curveFindings(results)
    findings += certificateFindings(results["certificate_info"])
    findings += vulnerabilityFindings(results)
    return findings
  }

  private static func protocolFindings(_ results: [String: [String: Any]]) -> [String] {
    var findings: [String] = []
    for (scan, version) in refusedVersions
    where results[scan]?["is_tls_version_supported"] as? Bool != false {
      findings.append("protocol: \(version) is accepted")
    }
    for (scan, version) in [
      ("tls_1_2_cipher_suites", "TLS 1.2"), ("tls_1_3_cipher_suites", "TLS 1.3"),
    ]
    where results[scan] != nil && results[scan]?["is_tls_version_supported"] as? Bool != true {
      findings.append("protocol: \(version) is not offered")
    }
    return findings
  }

  private static func suiteFindings(_ results: [String: [String: Any]]) -> [String] {
    var findings: [String] = []
    for (scan, version, allowed) in [
      ("tls_1_2_cipher_suites", "TLS 1.2", tls12Suites),
      ("tls_1_3_cipher_suites", "TLS 1.3", tls13Suites),
    ] {
      for name in acceptedSuites(results[scan]) where !allowed.contains(name) {
        findings.append("suite: \(version) accepts \(name)")
      }
    }
    return findings
  }

  /// The names of the suites a version's scan saw accepted.
  static func acceptedSuites(_ result: [String: Any]?) -> [String] {
    let accepted = result?["accepted_cipher_suites"] as? [[String: Any]] ?? []
    return accepted.map { ($0["cipher_suite"] as? [String: Any])?["name"] as? String ?? "?" }
  }

  private static func curveFindings(_ results: [String: [String: Any]]) -> [String] {
    let supported = results["elliptic_curves"]?["supported_curves"] as? [[String: Any]] ?? []
    return supported.compactMap { $0["name"] as? String }.filter { !curves.contains($0) }.map {
      "curve: \($0) is accepted"
    }
  }

  private static func certificateFindings(_ result: [String: Any]?) -> [String] {
    guard let result else { return [] }
    let deployments = result["certificate_deployments"] as? [[String: Any]] ?? []
    guard !deployments.isEmpty else { return ["certificate: none was presented"] }
    var findings: [String] = []
    for deployment in deployments {
      let chain = deployment["received_certificate_chain"] as? [[String: Any]] ?? []
      guard let leaf = chain.first else {
        findings.append("certificate: an empty chain was presented")
        continue
      }
      findings += leafFindings(leaf)
      let validations = deployment["path_validation_results"] as? [[String: Any]] ?? []
      let supplied = validations.first {
        ($0["trust_store"] as? [String: Any])?["name"] as? String == "Supplied CA file"
      }
      if supplied?["was_validation_successful"] as? Bool != true {
        let reason = supplied?["validation_error"] as? String ?? "no validation against it"
        findings.append("certificate: not trusted by its own certificate file (\(reason))")
      }
    }
    return findings
  }

  private static func leafFindings(_ leaf: [String: Any]) -> [String] {
    var findings: [String] = []
    let dates = Date.ISO8601FormatStyle()
    if let from = (leaf["not_valid_before"] as? String).flatMap({ try? dates.parse($0) }),
      let until = (leaf["not_valid_after"] as? String).flatMap({ try? dates.parse($0) })
    {
      let days = Int(until.timeIntervalSince(from) / 86_400)
      if days > maximumCertificateDays {
        findings.append("certificate: valid for \(days) days, over \(maximumCertificateDays)")
      }
    } else {
      findings.append("certificate: its validity cannot be read")
    }
    let key = leaf["public_key"] as? [String: Any] ?? [:]
    let size = key["key_size"] as? Int ?? 0
    switch key["algorithm"] as? String {
    case "EllipticCurvePublicKey", "ECPublicKey":
      let curve = key["ec_curve_name"] as? String ?? "?"
      if !["secp256r1", "secp384r1"].contains(curve) || size < 256 {
        findings.append("certificate: weak key (\(curve), \(size) bits)")
      }
    case "RSAPublicKey":
      if size < 2048 { findings.append("certificate: weak key (RSA, \(size) bits)") }
    case let other:
      findings.append("certificate: weak key (\(other ?? "unknown") is not ECDSA or RSA)")
    }
    let hash = (leaf["signature_hash_algorithm"] as? [String: Any])?["name"] as? String
    if !["sha256", "sha384", "sha512"].contains(hash ?? "") {
      findings.append("certificate: weak signature (\(hash ?? "unknown") hash)")
    }
    return findings
  }

  private static func vulnerabilityFindings(_ results: [String: [String: Any]]) -> [String] {
    var findings: [String] = []
    if let renegotiation = results["session_renegotiation"] {
      if renegotiation["supports_secure_renegotiation"] as? Bool != true {
        findings.append("renegotiation: secure renegotiation is not supported")
      }
      if renegotiation["is_vulnerable_to_client_renegotiation_dos"] as? Bool != false {
        findings.append("renegotiation: clients may renegotiate (a denial of service)")
      }
    }
    if let compression = results["tls_compression"],
      compression["supports_compression"] as? Bool != false
    {
      findings.append("compression: TLS compression is accepted (CRIME)")
    }
    if let heartbleed = results["heartbleed"],
      heartbleed["is_vulnerable_to_heartbleed"] as? Bool != false
    {
      findings.append("heartbleed: vulnerable")
    }
    if let ccs = results["openssl_ccs_injection"],
      ccs["is_vulnerable_to_ccs_injection"] as? Bool != false
    {
      findings.append("ccs injection: vulnerable")
    }
    if let robot = results["robot"] {
      let verdict = robot["robot_result"] as? String ?? "missing"
      if !verdict.hasPrefix("NOT_VULNERABLE") { findings.append("robot: \(verdict)") }
    }
    return findings
  }
}

/// Changing one value deep inside a parsed JSON document, to plant a fault in a real report.
enum JSONPlanting {
  /// `json` with the value at `path` (keys and array indices joined by dots) set to `value`.
  static func planting(_ value: Any, at path: String, in json: Any) -> Any {
    planting(value, at: path.split(separator: ".").map(String.init)[...], in: json)
  }

  private static func planting(_ value: Any, at path: ArraySlice<String>, in json: Any) -> Any {
    guard let step = path.first else { return value }
    let rest = path.dropFirst()
    if var array = json as? [Any], let index = Int(step), array.indices.contains(index) {
      array[index] = planting(value, at: rest, in: array[index])
      return array
    }
    var object = json as? [String: Any] ?? [:]
    object[step] = planting(value, at: rest, in: object[step] ?? [String: Any]())
    return object
  }
}

import Foundation
import OrderAPI
import OrderCore
import Testing

@testable import OrderClient

/// schemathesis (PyPI) fuzzes a real service over TLS from the OpenAPI file alone.
///
/// It sends examples, boundary values, random and invalid requests, then chains of calls that
/// follow the file's links from a search to a look-up, a refund and a download. Any finding
/// fails the test, with schemathesis's report.
///
/// Each run has a twin that fuzzes the same service with a copy of the file that is wrong in
/// one planted way, and sees the finding it must cause.
@Suite(.serialized) struct ContractFuzzTests {
  /// Test cases per operation and phase: enough for boundaries and a spread of random input,
  /// few enough that a run stays within about a minute on two cores.
  static let examples = 300

  @Test func schemathesisFindsNothing() async throws {
    try await withSeededService { service, token in
      let run = try await Schemathesis.run(
        specification: OpenAPITests.specificationPath, service: service, token: token,
        examples: Self.examples)
      #expect(run.status == 0, "schemathesis reported findings:\n\(run.output)")
      // Following the links, it looked real orders up, refunded them and fetched their
      // downloads (a file, or 410 once it had refunded the item), which it could not have
      // done from random numbers and signatures: those get 404.
      for (method, prefix, statuses) in [
        ("GET", "/v1/orders/OD-", [200]), ("POST", "/v1/orders/OD-", [201]),
        ("GET", "/v1/downloads/OD-", [200, 410]), ("GET", "/v1/staff/orders/OD-", [200]),
      ] {
        #expect(
          run.calls.contains {
            $0.method == method && $0.path.hasPrefix(prefix) && statuses.contains($0.status)
          },
          "no \(method) \(prefix)… answered \(statuses):\n\(run.output)")
      }
    }
  }

  /// The look-up needs `email`; a file that calls it optional is caught, because the
  /// service refuses requests the file says are valid.
  @Test func aFieldTheFileCallsOptionalButTheServiceRequiresIsFound() async throws {
    try await withPlantedFault(
      { spec in
        try spec.withParameter("/v1/orders/{number}", "get", "email") { $0["required"] = false }
      },
      operations: ["lookUpOrder"], expecting: "Valid data should have been accepted")
  }

  /// A file that allows fewer orders per search than the service does is caught: the
  /// service accepts a `limit` the file calls invalid.
  @Test func aLimitTheFileRefusesButTheServiceTakesIsFound() async throws {
    try await withPlantedFault(
      { spec in
        try spec.withParameter("/v1/orders", "get", "limit") { parameter in
          var schema = parameter["schema"] as? [String: Any] ?? [:]
          schema["maximum"] = 100
          parameter["schema"] = schema
        }
      },
      operations: ["searchOrders"], expecting: "Invalid data should have been rejected")
  }

  /// A file that describes an answer the service does not give (the creation time as text)
  /// is caught by checking every answer against the file.
  @Test func anAnswerUnlikeTheFileIsFound() async throws {
    try await withPlantedFault(
      { spec in
        try spec.withSchema("Order") { order in
          var properties = order["properties"] as? [String: Any] ?? [:]
          properties["createdAt"] = ["type": "string"]
          order["properties"] = properties
        }
      },
      operations: ["searchOrders"], expecting: "Response violates schema")
  }

  /// Runs schemathesis with a changed copy of the file against a seeded service and expects
  /// it to fail with `finding` in its report.
  private func withPlantedFault(
    _ plant: (inout SpecificationCopy) throws -> Void, operations: [String],
    expecting finding: String
  ) async throws {
    var copy = try SpecificationCopy(path: OpenAPITests.specificationPath)
    try plant(&copy)
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-planted-\(UUID().uuidString).json").path
    try copy.write(to: path)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await withSeededService { service, token in
      let run = try await Schemathesis.run(
        specification: path, service: service, token: token, examples: Self.examples,
        operations: operations)
      #expect(run.status != 0, "the planted fault went unnoticed:\n\(run.output)")
      #expect(run.output.contains(finding), "\(run.output)")
    }
  }

  /// A service with orders in it, digital and shipped, so that a search finds some and the
  /// links lead on to real look-ups, refunds and downloads.
  private func withSeededService(
    _ body: (ServiceHarness, String) async throws -> Void
  ) async throws {
    // The fuzzer makes thousands of look-ups from one address; the look-up limits, which
    // `LookUpLimitTests` checks, would answer most of them 429 and hide the contract.
    try await withService(lookUpLimits: .unlimited) { service in
      for lines in [[("INKWELL-PRO", 1)], [("INKWELL-PRO", 2), ("INKWELL-PRO-BOX", 1)]] {
        let submission = try await Orders.submission(service.channel, lines: lines)
        guard case .accepted = try await service.channel.submit(submission) else {
          Issue.record("the seed order was not accepted")
          return
        }
      }
      try await body(service, try await StaffRouteTests.token(service))
    }
  }
}

/// One run of schemathesis's command line.
enum Schemathesis {
  struct Run {
    var status: Int32
    var output: String
    /// Every request it sent, with the status of its answer.
    var calls: [(method: String, path: String, status: Int)] = []
  }

  /// The operations that end or lock the session the fuzzer signs every request with.
  static let sessionEnding = ["signOut", "lockSession", "unlockSession"]

  static var configurationPath: String {
    URL(fileURLWithPath: OpenAPITests.specificationPath).deletingLastPathComponent()
      .appendingPathComponent("schemathesis.toml").path
  }

  /// Fuzzes `service` from `specification`: every phase (the stateful one included), every
  /// check, a fixed seed so a finding can be replayed, the staff token on every request and
  /// the service's own certificate as the only one trusted.
  static func run(
    specification: String, service: ServiceHarness, token: String, examples: Int,
    operations: [String] = []
  ) async throws -> Run {
    let reports = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-schemathesis-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: reports) }
    let har = reports + "/calls.har"
    var arguments = [
      "-m", "schemathesis.cli", "--no-color", "--config-file", configurationPath, "run",
      specification,
      "--url", service.service.url,
      "--header", "Authorization: Bearer \(token)",
      "--tls-verify", service.directory + "/tls/service-cert.pem",
      "--phases", "examples,coverage,fuzzing,stateful",
      "--checks", "all",
      "--max-examples", "\(examples)",
      "--seed", "1206",
      "--workers", "1",
      "--request-timeout", "10",
      "--generation-database", "none",
      "--report", "har", "--report-har-path", har,
      "--output-truncate", "false",
    ]
    for operation in operations { arguments += ["--include-operation-id", operation] }
    // Signing out, locking and unlocking end or suspend the one session every request
    // carries, after which each staff call is refused; `OpenAPITests` and
    // `StaffSessionTests` check those three against the file and the service.
    for operation in Self.sessionEnding { arguments += ["--exclude-operation-id", operation] }
    // Run in a directory of its own, so that the cache of failing cases it keeps there
    // (`.schemathesis/`) never carries one run's findings into another.
    try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
    var run = try await ChildProcess.run(
      "/usr/bin/env", ["python3"] + arguments, directory: reports)
    run.calls = calls(in: har)
    return run
  }

  /// The requests and answer statuses of a HAR file.
  private static func calls(in har: String) -> [(method: String, path: String, status: Int)] {
    guard let data = FileManager.default.contents(atPath: har),
      let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let log = document["log"] as? [String: Any], let entries = log["entries"] as? [[String: Any]]
    else { return [] }
    return entries.compactMap { entry in
      guard let request = entry["request"] as? [String: Any],
        let response = entry["response"] as? [String: Any],
        let method = request["method"] as? String,
        let url = (request["url"] as? String).flatMap(URL.init(string:)),
        let status = response["status"] as? Int
      else { return nil }
      return (method, url.path, status)
    }
  }
}

/// Runs a program to its end off Swift's concurrency threads, so that a service running in
/// this process keeps answering it meanwhile.
enum ChildProcess {
  static func run(
    _ executable: String, _ arguments: [String], directory: String
  ) async throws -> Schemathesis.Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONUNBUFFERED"] = "1"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        continuation.resume(
          returning: Schemathesis.Run(
            status: process.terminationStatus, output: String(decoding: data, as: UTF8.self)))
      }
    }
  }
}

/// A copy of the OpenAPI file to change one thing in.
struct SpecificationCopy {
  var document: [String: Any]

  init(path: String) throws {
    document = try #require(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [String: Any])
  }

  mutating func withParameter(
    _ path: String, _ method: String, _ name: String, _ change: (inout [String: Any]) -> Void
  ) throws {
    var paths = try #require(document["paths"] as? [String: Any])
    var item = try #require(paths[path] as? [String: Any])
    var operation = try #require(item[method] as? [String: Any])
    var parameters = try #require(operation["parameters"] as? [[String: Any]])
    let index = try #require(parameters.firstIndex { $0["name"] as? String == name })
    change(&parameters[index])
    operation["parameters"] = parameters
    item[method] = operation
    paths[path] = item
    document["paths"] = paths
  }

  mutating func withSchema(_ name: String, _ change: (inout [String: Any]) -> Void) throws {
    var components = try #require(document["components"] as? [String: Any])
    var schemas = try #require(components["schemas"] as? [String: Any])
    var schema = try #require(schemas[name] as? [String: Any])
    change(&schema)
    schemas[name] = schema
    components["schemas"] = schemas
    document["components"] = components
  }

  func write(to path: String) throws {
    try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
      .write(to: URL(fileURLWithPath: path))
  }
}

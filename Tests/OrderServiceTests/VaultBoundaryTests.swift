import CardSealing
import Foundation
import Logging
import NIOHTTP1
import OrderAPI
import OrderCore
import OrderDeskTestSupport
import OrderService
import Testing
import Vault
import VaultAPI
import VaultClient
import VaultService

@testable import OrderClient

/// The vault's boundary: only enrolled services get a handshake, its API is narrow, and the
/// order service cannot open a card even in principle.
@Suite struct VaultBoundaryTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// A card sealed to the vault's current key, for `key`.
  static func sealed(
    _ vault: RemoteCardVault, number: String = "4242424242424242", key: IdempotencyKey
  ) async throws -> SealedCard {
    let keys = try await vault.keys()
    let card = Orders.card(number)
    defer { card.wipe() }
    return try CardSealer.seal(
      card, to: try VaultPublicKey(keyId: keys.current.keyId, base64: keys.current.publicKey),
      idempotencyKey: key, currentMonth: Orders.currentMonth)
  }

  @Test func theOrderServiceTargetLinksNoCodeThatOpensACard() throws {
    // A scratch folder of its own, since the one the tests run from is locked while they run;
    // always the same one, so that runs do not leave a lock file each.
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-manifest-scratch").path
    let result = try ManifestDump.run(packageRoot: Self.packageRoot, scratch: scratch)
    #expect(result.status == 0, "\(result.output)")
    let closure = try PackageTargets(json: result.output).dependencies(of: "OrderService")
    #expect(closure.contains("VaultAPI") && closure.contains("OrderStorage"), "\(closure)")
    for forbidden in ["Vault", "CardSealing", "VaultService"] {
      #expect(!closure.contains(forbidden), "OrderService depends on \(forbidden): \(closure)")
    }
    // The twin: the same walk finds the opening code behind the vault itself.
    let vault = try PackageTargets(json: result.output).dependencies(of: "VaultService")
    #expect(vault.contains("CardSealing"), "\(vault)")
  }

  @Test func anEnrolledServiceAuthorizesAndRefundsOverMutualTLS() async throws {
    try await withVault { vault in
      let client = try vault.client()
      defer { Task { await client.shutdown() } }
      let key = Orders.newKey()
      let amount = Money(minorUnits: 8_900, currency: .eur)
      let request = CardAuthorization(
        card: try await Self.sealed(client, key: key), idempotencyKey: key,
        reference: "OD-TEST0001", amount: amount)
      guard case .approved(let card, let token, let code) = try await client.authorize(request)
      else {
        Issue.record("not approved")
        return
      }
      #expect(card.lastFour == "4242" && card.brand == .visa)
      // A repeat is answered from the vault's store: one charge.
      #expect(
        try await client.authorize(request)
          == .approved(card, token: token, authorizationCode: code))
      #expect(vault.processor.count == 1)
      let refund = try await client.refund(
        ChargeRefund(
          token: token, authorizationCode: code, amount: amount, reference: "OD-TEST0001",
          idempotencyKey: Orders.newKey()))
      guard case .refunded = refund else {
        Issue.record("not refunded: \(refund)")
        return
      }
      #expect(!CardLeaks.leaks(in: vault.log, number: "4242424242424242", cvc: "739"))
    }
  }

  @Test func aClientWithoutACertificateGetsNoHandshake() async throws {
    try await withVault { vault in
      await #expect(throws: (any Error).self) {
        try await RawVaultClient.send(
          vault.url, VaultRoutes.health, method: .GET, credentials: nil,
          authorityFile: vault.credentials.authorityFile)
      }
      try await Self.waitFor("TLS handshake refused", in: vault)
      // The twin: the same call with the enrolled certificate is answered.
      let answer = try await RawVaultClient.send(
        vault.url, VaultRoutes.health, method: .GET, credentials: vault.credentials,
        authorityFile: vault.credentials.authorityFile)
      #expect(answer.status == 200)
    }
  }

  @Test func aRevokedServiceIsRefusedFromItsNextConnection() async throws {
    try await withVault { vault in
      let shop = try vault.enrol("shop")
      let before = try RemoteCardVault(
        url: vault.url, credentials: shop, unreachableBudget: .zero, logger: Logger(label: "t"))
      _ = try await before.keys()
      await before.shutdown()

      try vault.authority.revoke("shop")
      let after = try RemoteCardVault(
        url: vault.url, credentials: shop, unreachableBudget: .zero, logger: Logger(label: "t"))
      defer { Task { await after.shutdown() } }
      await #expect {
        _ = try await after.keys()
      } throws: { error in
        guard case .unavailable(let reason) = error as? CardVaultError else { return false }
        return reason.contains("TLS handshake")
      }
      try await Self.waitFor("the certificate was revoked", in: vault)
      #expect(vault.log.contains("orderdesk-service:shop"))
      // Another enrolled service is not affected.
      let other = try vault.client()
      #expect(try await other.keys().current.keyId.isEmpty == false)
      await other.shutdown()
    }
  }

  /// A list of revoked certificates that cannot be read refuses everyone, since anyone might
  /// be on it; once it can be read, enrolled services are answered again.
  @Test func anUnreadableRevocationListRefusesEveryClient() async throws {
    try await withVault { vault in
      try FileManager.default.createDirectory(
        atPath: vault.authority.revocationFile, withIntermediateDirectories: true)
      let refused = try vault.client(budget: .zero)
      await #expect(throws: CardVaultError.self) { _ = try await refused.keys() }
      await refused.shutdown()
      try await Self.waitFor("list of revoked certificates is unreadable", in: vault)

      // The twin: the same service, the list readable again, is answered.
      try FileManager.default.removeItem(atPath: vault.authority.revocationFile)
      let answered = try vault.client(budget: .zero)
      #expect(try await answered.keys().current.keyId.isEmpty == false)
      await answered.shutdown()
    }
  }

  @Test func aCertificateFromAnotherVaultIsRefused() async throws {
    try await withVault { vault in
      try await withVault { stranger in
        // Trusts the right vault, but presents a certificate the other vault issued.
        let mixed = VaultCredentials(
          certificateFile: stranger.credentials.certificateFile,
          keyFile: stranger.credentials.keyFile, authorityFile: vault.credentials.authorityFile)
        let client = try RemoteCardVault(
          url: vault.url, credentials: mixed, unreachableBudget: .zero, logger: Logger(label: "t"))
        await #expect(throws: CardVaultError.self) { _ = try await client.keys() }
        await client.shutdown()
        try await Self.waitFor("not issued by this vault's authority", in: vault)
      }
    }
  }

  @Test func aWrongVaultCAIsRefusedByTheService() async throws {
    try await withVault { vault in
      try await withVault { stranger in
        // The service's certificate is right, but it trusts another vault's authority.
        let mixed = VaultCredentials(
          certificateFile: vault.credentials.certificateFile, keyFile: vault.credentials.keyFile,
          authorityFile: stranger.credentials.authorityFile)
        let client = try RemoteCardVault(
          url: vault.url, credentials: mixed, unreachableBudget: .zero, logger: Logger(label: "t"))
        await #expect {
          _ = try await client.keys()
        } throws: { error in
          guard case .unavailable(let reason) = error as? CardVaultError else { return false }
          return reason.contains("TLS handshake")
        }
        await client.shutdown()
      }
    }
  }

  @Test func anExpiredClientCertificateIsNamedBeforeAnyCall() async throws {
    try await withVault { vault in
      let expired = try vault.enrol("old-shop", validity: -60)
      #expect {
        _ = try RemoteCardVault(
          url: vault.url, credentials: expired, logger: Logger(label: "t"))
      } throws: { error in
        "\(error)".contains("expired") && "\(error)".contains(expired.certificateFile)
      }
    }
  }

  @Test func missingOrWrongClientFilesAreNamed() throws {
    let missing = VaultCredentials(
      certificateFile: "/nonexistent/cert.pem", keyFile: "/nonexistent/key.pem",
      authorityFile: "/nonexistent/ca.pem")
    #expect {
      _ = try RemoteCardVault(
        url: "https://127.0.0.1:1", credentials: missing, logger: Logger(label: "t"))
    } throws: { "\($0)".contains("/nonexistent/ca.pem") }
    #expect {
      _ = try RemoteCardVault(url: "ftp://vault", credentials: missing, logger: Logger(label: "t"))
    } throws: { "\($0)".contains("https://HOST:PORT") }
  }

  @Test func aVaultThatDoesNotAnswerMakesTheServiceAnswer503WithRetryAfter() async throws {
    try await withVault { vault in
      let port = try FreeLoopbackPort.find()
      let away = try RemoteCardVault(
        url: "https://127.0.0.1:\(port)", credentials: vault.credentials,
        unreachableBudget: .milliseconds(300), logger: Logger(label: "t"))
      await #expect {
        _ = try await away.keys()
      } throws: { error in
        guard case .unavailable = error as? CardVaultError else { return false }
        return true
      }
      try await withService(vault: away) { service in
        let key = Orders.newKey()
        let live = try vault.client()
        let submission = OrderSubmission(
          idempotencyKey: key, currency: .eur, source: .terminal,
          lines: [CartLine(sku: try #require(SKU("INKWELL-PRO")), quantity: 1)],
          customer: Orders.customer, card: try await Self.sealed(live, key: key))
        await live.shutdown()
        let answer = try await service.submitRaw(
          try Orders.body(submission), key: key.rawValue)
        #expect(answer.status == 503)
        #expect(answer.headers.first(name: "Retry-After") == "2")
        #expect(answer.errorCode == "vault_unavailable")
        // Nothing is kept under the key: the same order may be sent again.
        #expect(try await service.store().answer(for: key) == nil)
        let keyAnswer = try await service.raw(.GET, "/v1/vault-key")
        #expect(keyAnswer.status == 503 && keyAnswer.errorCode == "vault_unavailable")
      }
      await away.shutdown()
    }
  }

  @Test func hostileBodiesGetClearErrorsAndNoCharge() async throws {
    try await withVault { vault in
      let ca = vault.credentials.authorityFile
      func post(
        _ body: [UInt8], type: String = "application/json"
      ) async throws -> (
        status: Int, body: String
      ) {
        try await RawVaultClient.send(
          vault.url, VaultRoutes.authorizations, body: body, contentType: type,
          credentials: vault.credentials, authorityFile: ca)
      }
      let notJSON = try await post(Array("{".utf8))
      #expect(notJSON.status == 400 && notJSON.body.contains("malformed_json"))
      let missing = try await post(Array(#"{"idempotencyKey":"k","reference":"r"}"#.utf8))
      #expect(missing.status == 400 && missing.body.contains("is missing"))
      let text = try await post(Array("{}".utf8), type: "text/plain")
      #expect(text.status == 415)
      let huge = try await post([UInt8](repeating: UInt8(ascii: " "), count: 40_000))
      #expect(huge.status == 413 && huge.body.contains("body_too_large"))
      let garbage = #"""
        {"card":{"keyId":"x","sealed":"AAAA"},"idempotencyKey":"k1","reference":"OD-1",
         "amount":{"minorUnits":100,"currency":"EUR"}}
        """#
      let unreadable = try await post(Array(garbage.utf8))
      #expect(unreadable.status == 400 && unreadable.body.contains("card_unreadable"))
      let negative = #"""
        {"card":{"keyId":"x","sealed":"AAAA"},"idempotencyKey":"k2","reference":"OD-1",
         "amount":{"minorUnits":-5,"currency":"EUR"}}
        """#
      let refused = try await post(Array(negative.utf8))
      #expect(refused.status == 400 && refused.body.contains("invalid_request"))
      let noRoute = try await RawVaultClient.send(
        vault.url, "/v1/cards/tok_x", method: .GET, credentials: vault.credentials,
        authorityFile: ca)
      #expect(noRoute.status == 404 && noRoute.body.contains("not_found"))
      #expect(vault.processor.count == 0)
    }
  }

  @Test func theVaultAnswersAsItsOpenAPIFileSays() async throws {
    let path = Self.packageRoot + "/openapi/vault-v1.json"
    let validator = try PythonTool.run(["-m", "openapi_spec_validator", path])
    #expect(validator.status == 0, "\(validator.output)")
    let spec = try OpenAPIDocument(path: path)
    try await withVault { vault in
      let client = try vault.client()
      let key = Orders.newKey()
      let authorization = CardAuthorization(
        card: try await Self.sealed(client, key: key), idempotencyKey: key,
        reference: "OD-TEST0002", amount: Money(minorUnits: 4_900, currency: .eur))
      let declinedKey = Orders.newKey()
      let declined = CardAuthorization(
        card: try await Self.sealed(client, number: "4000000000000002", key: declinedKey),
        idempotencyKey: declinedKey, reference: "OD-TEST0003",
        amount: Money(minorUnits: 4_900, currency: .eur))
      guard case .approved(_, let token, let code) = try await client.authorize(authorization)
      else {
        Issue.record("not approved")
        return
      }
      await client.shutdown()
      let encoder = JSONEncoder()
      let refund = ChargeRefund(
        token: token, authorizationCode: code, amount: Money(minorUnits: 100, currency: .eur),
        reference: "OD-TEST0002", idempotencyKey: Orders.newKey())
      let calls: [(String, String, HTTPMethod, [UInt8]?)] = [
        ("/healthz", "get", .GET, nil),
        ("/v1/keys", "get", .GET, nil),
        ("/v1/authorizations", "post", .POST, Array(try encoder.encode(authorization))),
        ("/v1/authorizations", "post", .POST, Array(try encoder.encode(declined))),
        ("/v1/authorizations", "post", .POST, Array("[]".utf8)),
        ("/v1/refunds", "post", .POST, Array(try encoder.encode(refund))),
        ("/v1/refunds", "post", .POST, Array("{".utf8)),
      ]
      var seen: Set<String> = []
      for (path, method, httpMethod, body) in calls {
        let answer = try await RawVaultClient.send(
          vault.url, path, method: httpMethod, body: body, credentials: vault.credentials,
          authorityFile: vault.credentials.authorityFile)
        let operation = try #require(spec.operation(path: path, method: method), "\(path)")
        let schema = try #require(
          spec.responseSchema(operation, status: answer.status),
          "\(method) \(path) answered \(answer.status), which the file does not document")
        let json = try JSONSerialization.jsonObject(with: Data(answer.body.utf8))
        let problems = spec.validate(json, against: schema)
        #expect(problems.isEmpty, "\(method) \(path) \(answer.status): \(problems)")
        seen.insert("\(method) \(path)")
      }
      #expect(seen == Set(spec.operations.map { "\($0.method) \($0.path)" }))
    }
  }

  /// Waits until the vault's log says `text`: log lines are written as the handshake ends.
  static func waitFor(_ text: String, in vault: VaultHarness) async throws {
    for _ in 0..<50 where !vault.log.contains(text) {
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(vault.log.contains(text), "the vault's log does not say \(text): \(vault.log)")
  }
}

/// `swift package dump-package`: the manifest as JSON.
enum ManifestDump {
  static func run(packageRoot: String, scratch: String) throws -> PythonTool.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "swift", "package", "--scratch-path", scratch, "dump-package", "--package-path",
      packageRoot,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return PythonTool.Result(
      status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
  }
}

/// The targets of the package's manifest, to follow who depends on whom.
struct PackageTargets {
  private let dependencies: [String: [String]]

  init(json: String) throws {
    let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let targets = root?["targets"] as? [[String: Any]] ?? []
    var dependencies: [String: [String]] = [:]
    for target in targets {
      guard let name = target["name"] as? String else { continue }
      let listed = target["dependencies"] as? [[String: Any]] ?? []
      dependencies[name] = listed.compactMap { entry in
        ((entry["byName"] ?? entry["target"]) as? [Any])?.first as? String
      }
    }
    self.dependencies = dependencies
  }

  /// Every target `name` depends on, directly or not.
  func dependencies(of name: String) -> Set<String> {
    var found: Set<String> = []
    var queue = dependencies[name] ?? []
    while let next = queue.popLast() {
      guard found.insert(next).inserted else { continue }
      queue += dependencies[next] ?? []
    }
    return found
  }
}

/// A loopback port nothing listens on: bound for a moment, then released.
enum FreeLoopbackPort {
  static func find() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
      }
    }
    try #require(bound, "no free loopback port")
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

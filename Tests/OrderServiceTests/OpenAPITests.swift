import Foundation
import OrderAPI
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import OrderClient

/// The OpenAPI file in the repository describes the service that actually runs.
@Suite(.serialized) struct OpenAPITests {
  static var specificationPath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("openapi/orderdesk-v1.json").path
  }

  let spec: OpenAPIDocument

  init() throws {
    spec = try OpenAPIDocument(path: Self.specificationPath)
  }

  @Test func theFileIsAValidOpenAPIDocument() throws {
    let result = try PythonTool.run(["-m", "openapi_spec_validator", Self.specificationPath])
    #expect(result.status == 0, "\(result.output)")
  }

  @Test func everyDocumentedRouteAnswersAsDocumented() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      guard case .accepted(let order) = try await service.channel.submit(submission) else {
        Issue.record("no order to look up")
        return
      }
      let link = try #require(order.fulfilments.first?.downloadURL)
      let declined = try await Orders.submission(service.channel, number: "4000000000000002")
      let quote = #"{"currency":"EUR","country":"FI","lines":[{"sku":"INKWELL-PRO","quantity":3}]}"#
      let staff = [("Authorization", "Bearer \(try await StaffRouteTests.token(service))")]
      let agentToken = try await service.staffToken(.agent)
      let agent = [("Authorization", "Bearer \(agentToken)")]
      let agentSecret = try #require(service.staff.secrets.withLock { $0["agent"] })
      let unlock = try JSONEncoder().encode(
        UnlockRequest(
          passphrase: StaffTestAccounts.passphrase,
          code: try StaffTestAccounts.code(secret: agentSecret, at: Date() + 30)))
      let fresh = try await StaffTestAccounts.add("fresh", role: .agent, in: service.directory)
      let lockedOut = try await StaffTestAccounts.add(
        "locked", role: .agent, in: service.directory)
      let lockedCode = try StaffTestAccounts.code(secret: lockedOut)
      for _ in 1...10 {
        _ = try await service.signIn("locked", passphrase: "wrong phrase 123", code: lockedCode)
      }
      let signInBody = { (name: String, code: String) in
        Array(
          try JSONEncoder().encode(
            SignInRequest(name: name, passphrase: StaffTestAccounts.passphrase, code: code)))
      }

      // One request per documented (path, method, status) that a client can cause.
      let requests: [(path: String, method: String, call: () async throws -> IncomingResponse)] = [
        ("/healthz", "get", { try await service.raw(.GET, "/healthz") }),
        ("/v1/catalog", "get", { try await service.raw(.GET, "/v1/catalog") }),
        ("/v1/vault-key", "get", { try await service.raw(.GET, "/v1/vault-key") }),
        (
          "/v1/quotes", "post",
          { try await service.raw(.POST, "/v1/quotes", body: Array(quote.utf8)) }
        ),
        (
          "/v1/quotes", "post",
          { try await service.raw(.POST, "/v1/quotes", body: Array("{".utf8)) }
        ),
        (
          "/v1/orders", "post",
          {
            try await service.submitRaw(
              Orders.body(submission), key: submission.idempotencyKey.rawValue)
          }
        ),
        (
          "/v1/orders", "post",
          {
            try await service.submitRaw(
              Orders.body(declined), key: declined.idempotencyKey.rawValue)
          }
        ),
        (
          "/v1/orders", "post",
          {
            try await service.submitRaw(
              Orders.body(declined), key: submission.idempotencyKey.rawValue)
          }
        ),
        (
          "/v1/orders", "post",
          { try await service.submitRaw([UInt8](repeating: 32, count: 70_000), key: "x") }
        ),
        (
          "/v1/orders/{number}", "get",
          {
            try await service.raw(.GET, "/v1/orders/\(order.number)?email=ada%40example.com")
          }
        ),
        (
          "/v1/orders/{number}", "get",
          {
            try await service.raw(.GET, "/v1/orders/\(order.number)?email=eve%40example.com")
          }
        ),
        (
          "/v1/orders/{number}", "get",
          { try await service.raw(.GET, "/v1/orders/\(order.number)") }
        ),
        (
          "/v1/downloads/{order}/{sku}", "get",
          {
            try await service.raw(.GET, String(link.dropFirst(service.service.url.count)))
          }
        ),
        (
          "/v1/downloads/{order}/{sku}", "get",
          {
            try await service.raw(.GET, "/v1/downloads/OD-1/X?expires=1&signature=00")
          }
        ),
        ("/v1/orders", "get", { try await service.raw(.GET, "/v1/orders?q=ada", headers: staff) }),
        ("/v1/orders", "get", { try await service.raw(.GET, "/v1/orders?q=ada") }),
        (
          "/v1/orders/{number}/refunds", "post",
          {
            try await StaffRouteTests.refund(service, order.number, amount: 100)
          }
        ),
        (
          "/v1/orders/{number}/refunds", "post",
          {
            try await StaffRouteTests.refund(service, order.number, amount: 1_000_000)
          }
        ),
        (
          "/v1/orders/{number}/refunds", "post",
          {
            try await StaffRouteTests.refund(service, order.number, amount: 100, token: "wrong")
          }
        ),
        (
          "/v1/orders/{number}/refunds", "post",
          {
            try await StaffRouteTests.refund(
              service, order.number, amount: 100, token: agentToken)
          }
        ),
        (
          "/v1/staff/sessions", "post",
          {
            try await service.raw(
              .POST, "/v1/staff/sessions",
              body: try signInBody("fresh", try StaffTestAccounts.code(secret: fresh)))
          }
        ),
        (
          "/v1/staff/sessions", "post",
          {
            try await service.raw(
              .POST, "/v1/staff/sessions", body: try signInBody("nobody", "123456"))
          }
        ),
        (
          "/v1/staff/sessions", "post",
          {
            try await service.raw(
              .POST, "/v1/staff/sessions", body: try signInBody("locked", lockedCode))
          }
        ),
        (
          "/v1/staff/sessions", "post",
          { try await service.raw(.POST, "/v1/staff/sessions", body: Array("{}".utf8)) }
        ),
        (
          "/v1/staff/orders/{number}", "get",
          { try await service.raw(.GET, "/v1/staff/orders/\(order.number)", headers: staff) }
        ),
        (
          "/v1/staff/orders/{number}", "get",
          { try await service.raw(.GET, "/v1/staff/orders/OD-NOSUCHONE", headers: staff) }
        ),
        (
          "/v1/staff/customers", "get",
          { try await service.raw(.GET, "/v1/staff/customers?q=ada", headers: staff) }
        ),
        (
          "/v1/staff/customers", "get",
          { try await service.raw(.GET, "/v1/staff/customers?q=ada&limit=0", headers: staff) }
        ),
        (
          "/v1/staff/audit-events", "post",
          {
            try await service.raw(
              .POST, "/v1/staff/audit-events", body: Array(#"{"action":"card-revealed"}"#.utf8),
              headers: staff)
          }
        ),
        (
          "/v1/staff/sessions/current/lock", "post",
          { try await service.raw(.POST, "/v1/staff/sessions/current/lock", headers: agent) }
        ),
        (
          "/v1/orders", "get",
          { try await service.raw(.GET, "/v1/orders?q=ada", headers: agent) }
        ),
        (
          "/v1/staff/sessions/current/unlock", "post",
          {
            try await service.raw(
              .POST, "/v1/staff/sessions/current/unlock", body: Array(unlock), headers: agent)
          }
        ),
        (
          "/v1/staff/sessions/current", "delete",
          { try await service.raw(.DELETE, "/v1/staff/sessions/current", headers: agent) }
        ),
        (
          "/v1/staff/sessions/current", "delete",
          { try await service.raw(.DELETE, "/v1/staff/sessions/current") }
        ),
      ]
      var seen: Set<String> = []
      for (path, method, call) in requests {
        let answer = try await call()
        let operation = try #require(
          spec.operation(path: path, method: method), "\(method) \(path)")
        seen.insert("\(method) \(path)")
        if answer.status == 204 {
          #expect(
            operation.responses["204"] != nil, "\(method) \(path) answered 204, undocumented")
          #expect(answer.body.isEmpty)
          continue
        }
        let schema = try #require(
          spec.responseSchema(operation, status: answer.status),
          "\(method) \(path) answered \(answer.status), which the file does not document")
        let body = try JSONSerialization.jsonObject(
          with: Data(answer.body), options: [.fragmentsAllowed])
        let problems = spec.validate(body, against: schema)
        #expect(problems.isEmpty, "\(method) \(path) \(answer.status): \(problems)")
        seen.insert("\(method) \(path)")
      }
      // Every documented operation was exercised.
      #expect(seen == Set(spec.operations.map { "\($0.method) \($0.path)" }))
    }
  }

  @Test func theErrorCodesInTheFileAreTheOnesTheServiceUses() throws {
    let documented = try #require(spec.errorCodes)
    let used = Set(APICodes.all)
    #expect(Set(documented) == used)
  }
}

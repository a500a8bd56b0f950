import Foundation
import OrderClient
import OrderCore
import OrderDeskTestSupport
import StaffAccounts
import Testing

/// `orderdesk login` and `orderdesk orders`, run as the built binary against a real
/// `orderdesk serve`, with the accounts `orderdesk staff add` made.
@Suite(.serialized) struct StaffShellTests {
  static let passphrase = "correct horse 42 battery"

  @Test(.timeLimit(.minutes(3)))
  func aSupervisorFindsShowsAndRefundsFromAShellAndAnAgentCannotRefund() async throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("staff-shell-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.path + "/service"
    let state = ["XDG_STATE_HOME": root.path + "/state"]

    func secret(_ name: String, _ role: String) async throws -> String {
      let added = try await OrderDeskProcess.run(
        ["staff", "add", name, "--role", role, "--data-dir", data],
        input: Self.passphrase + "\n")
      #expect(added.status == 0, "\(added.standardError)")
      let line = try #require(
        added.standardOutput.split(separator: "\n").first { $0.contains("otpauth://") })
      let field = try #require(line.split(separator: "&").first { $0.contains("secret=") })
      return String(try #require(field.split(separator: "=").last))
    }
    let supervisor = try await secret("sam", "supervisor")
    let agent = try await secret("ann", "agent")

    let server = try ServeProcess.start(dataDirectory: data)
    defer { server.kill() }
    let order = try await Self.placeOrder(on: server)
    let pin = server.pin.description

    func orderdesk(
      _ arguments: [String], input: String? = nil
    ) async throws
      -> OrderDeskProcess.Result
    {
      try await OrderDeskProcess.run(arguments, input: input, environment: state)
    }
    func login(
      _ name: String, _ secret: String, at time: Date
    ) async throws
      -> OrderDeskProcess.Result
    {
      try await orderdesk(
        ["login", "--server", server.url, "--pin", pin, "--name", name],
        input: Self.passphrase + "\n" + (try StaffTestAccounts.code(secret: secret, at: time))
          + "\n")
    }

    // Before signing in, nothing is found.
    let early = try await orderdesk(["orders", "search"])
    #expect(early.status != 0)
    #expect(early.standardError.contains("orderdesk login"))

    let wrong = try await orderdesk(
      ["login", "--server", server.url, "--pin", pin, "--name", "sam"],
      input: "not the passphrase 1\n123456\n")
    #expect(wrong.status != 0)
    #expect(wrong.standardError.contains("not right"), "\(wrong.standardError)")
    #expect(!wrong.standardError.contains("not the passphrase"))

    let signedIn = try await login("sam", supervisor, at: Date())
    #expect(signedIn.status == 0, "\(signedIn.standardError)")
    #expect(signedIn.standardOutput.contains("Signed in as sam (supervisor)."))
    let sessionFile = root.path + "/state/orderdesk/staff-session.json"
    let mode = try FileManager.default.attributesOfItem(atPath: sessionFile)[.posixPermissions]
    #expect((mode as? Int) == 0o600)

    let found = try await orderdesk(["orders", "search", "ada@example.com"])
    #expect(found.status == 0, "\(found.standardError)")
    #expect(found.standardOutput.contains(order.number.rawValue))
    #expect(found.standardOutput.contains("NUMBER"))
    let json = try await orderdesk(["orders", "search", "--json", order.number.rawValue])
    let decoded = try JSONDecoder().decode(
      [String: [StaffOrderView]].self, from: Data(json.standardOutput.utf8))
    #expect(decoded["orders"]?.map(\.order.number) == [order.number])

    let shown = try await orderdesk(["orders", "show", order.number.rawValue])
    #expect(shown.status == 0, "\(shown.standardError)")
    #expect(shown.standardOutput.contains("Timeline"))
    #expect(shown.standardOutput.contains("•••• 4242"))

    let refunded = try await orderdesk(
      ["orders", "refund", order.number.rawValue, "--amount", "1.50", "--reason", "duplicate"])
    #expect(refunded.status == 0, "\(refunded.standardError)")
    #expect(refunded.standardOutput.contains("Refunded EUR 1.50"), "\(refunded.standardOutput)")
    let key = try #require(
      refunded.standardError.firstMatch(of: /Refund key: (\S+)/).map { String($0.1) })
    // The same key again is the same refund: nothing more is paid out.
    let again = try await orderdesk(
      [
        "orders", "refund", order.number.rawValue, "--amount", "1.50", "--reason", "duplicate",
        "--key", key, "--json",
      ])
    #expect(again.status == 0, "\(again.standardError)")
    let page = try await orderdesk(["orders", "show", "--json", order.number.rawValue])
    let shownPage = try JSONDecoder().decode(
      [String: OrderPage].self, from: Data(page.standardOutput.utf8))
    #expect(shownPage["page"]?.refunded.minorUnits == 150)

    for bad in [
      ["orders", "refund", order.number.rawValue, "--reason", "because"],
      ["orders", "refund", order.number.rawValue, "--reason", "other"],
      ["orders", "refund", order.number.rawValue, "--reason", "duplicate", "--amount", "1.5.0"],
      ["orders", "refund", order.number.rawValue, "--reason", "duplicate", "--amount", "9999"],
      ["orders", "refund", order.number.rawValue, "--reason", "duplicate", "--line", "x:0"],
      ["orders", "show", "not a number"],
    ] {
      let answer = try await orderdesk(bad)
      #expect(answer.status != 0, "\(bad)")
      #expect(!answer.standardError.isEmpty, "\(bad)")
    }

    // An agent signs in on the same shell and is refused the refund by the service.
    let agentIn = try await login("ann", agent, at: Date())
    #expect(agentIn.status == 0, "\(agentIn.standardError)")
    let refused = try await orderdesk(
      ["orders", "refund", order.number.rawValue, "--amount", "1.00", "--reason", "duplicate"])
    #expect(refused.status != 0)
    #expect(refused.standardError.contains("supervisor"), "\(refused.standardError)")

    let out = try await orderdesk(["logout"])
    #expect(out.status == 0)
    #expect(!FileManager.default.fileExists(atPath: sessionFile))

    // Everything was put on record, and the trail verifies.
    let trail = try AuditTrail(directory: data)
    let seen = try trail.records().map {
      "\($0.actor) \($0.action.rawValue) \($0.outcome.rawValue)"
    }
    for expected in [
      "unknown:sam sign-in failure", "sam sign-in success", "sam search success",
      "sam order-viewed success", "sam refund success", "ann refund failure",
      "ann sign-out success",
    ] {
      #expect(seen.contains(expected), "\(expected) in \(seen)")
    }
    #expect(try await orderdesk(["audit", "verify", "--data-dir", data]).status == 0)
  }

  static func placeOrder(on server: ServeProcess) async throws -> OrderRecord {
    let channel = try server.channel()
    defer { Task { await channel.close() } }
    var random = SystemRandomNumberGenerator()
    let key = IdempotencyKey.random(using: &random)
    let card = CardEntry(
      number: SecretBytes(copying: "4242424242424242".utf8), expiry: "12/29",
      cvc: SecretBytes(copying: "739".utf8), name: "Ada Lovelace")
    let sealed = try await channel.sealCard(
      card, idempotencyKey: key, currentMonth: YearMonth(year: 2026, month: 11)!)
    card.wipe()
    let submission = OrderSubmission(
      idempotencyKey: key, currency: .eur, source: .terminal,
      lines: [CartLine(sku: SKU("INKWELL-PRO")!, quantity: 2)],
      customer: Customer(
        name: "Ada Lovelace", email: "ada@example.com", address: Address(country: "FI")),
      card: sealed)
    guard case .accepted(let order) = try await channel.submit(submission) else {
      throw ServeProcessError(output: "the order was not accepted")
    }
    return order
  }
}

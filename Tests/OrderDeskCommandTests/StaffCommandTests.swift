import ExtrasBase64
import Foundation
import GRDB
import HummingbirdOTP
import OrderCore
import OrderDeskTestSupport
import StaffAccounts
import Testing

/// `orderdesk staff` and `orderdesk audit`, run as the built binary with the passphrase on
/// standard input, as a script would.
struct StaffCommandTests {
  static let passphrase = "correct horse 42 battery"

  /// A data directory for one test, under a private temporary folder, removed after.
  private func withDataDirectory(_ body: (String) async throws -> Void) async throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("staff-command-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: root) }
    try await body(root.path + "/orderdesk")
  }

  private func orderdesk(
    _ arguments: [String], _ dataDir: String, input: String? = nil
  ) async throws -> OrderDeskProcess.Result {
    try await OrderDeskProcess.run(arguments + ["--data-dir", dataDir], input: input)
  }

  /// The base32 secret `add` or `reset` printed.
  private func secret(in output: String) throws -> String {
    let uri = try #require(output.split(separator: "\n").first { $0.contains("otpauth://") })
    let query = try #require(uri.split(separator: "?").last)
    let field = try #require(query.split(separator: "&").first { $0.hasPrefix("secret=") })
    let secret = String(field.dropFirst("secret=".count))
    #expect(output.contains("\n  \(secret)\n"))
    return secret
  }

  private func code(_ secret: String, at time: Date) throws -> String {
    try StaffTestAccounts.code(secret: secret, at: time)
  }

  @Test func addListDisableAndResetAnAccount() async throws {
    try await withDataDirectory { data in
      let added = try await orderdesk(
        ["staff", "add", "Alice", "--role", "supervisor"], data, input: Self.passphrase + "\n")
      #expect(added.status == 0, "\(added.standardError)")
      #expect(added.standardOutput.contains("Added alice (supervisor)."))
      #expect(added.standardOutput.contains("authenticator app"))
      #expect(
        added.standardOutput.contains(
          "otpauth://totp/OrderDesk:alice?secret="))
      #expect(added.standardOutput.contains("&issuer=OrderDesk&algorithm=SHA1&digits=6&period=30"))
      let firstSecret = try secret(in: added.standardOutput)

      // What the command stored signs in, with the code an app computes.
      let now = Date()
      let directory = try StaffDirectory(directory: data)
      let member = try await directory.signIn(
        name: "alice", passphrase: Self.passphrase, code: try code(firstSecret, at: now), at: now)
      #expect(member == StaffMember(name: "alice", role: .supervisor))

      _ = try await orderdesk(
        ["staff", "add", "bob", "--role", "agent"], data, input: Self.passphrase)
      let listed = try await orderdesk(["staff", "list"], data)
      #expect(listed.status == 0)
      let lines = listed.standardOutput.split(separator: "\n").map(String.init)
      #expect(lines.count == 3)
      #expect(lines[0].hasPrefix("NAME") && lines[0].contains("ROLE"))
      #expect(lines[0].contains("STATUS") && lines[0].contains("CREATED"))
      #expect(lines[1].hasPrefix("alice") && lines[1].contains("supervisor"))
      #expect(lines[1].contains("active"))
      #expect(lines[2].hasPrefix("bob") && lines[2].contains("agent"))

      let disabled = try await orderdesk(["staff", "disable", "bob"], data)
      #expect(disabled.status == 0, "\(disabled.standardError)")
      #expect(try await orderdesk(["staff", "list"], data).standardOutput.contains("disabled"))

      let reset = try await orderdesk(
        ["staff", "reset", "bob"], data, input: "a new passphrase 7 for him\n")
      #expect(reset.status == 0, "\(reset.standardError)")
      let newSecret = try secret(in: reset.standardOutput)
      #expect(newSecret != firstSecret)
      #expect(!(try await orderdesk(["staff", "list"], data).standardOutput.contains("disabled")))

      let trail = try AuditTrail(directory: data)
      let records = try trail.records()
      #expect(
        records.map(\.action) == [
          .accountAdded, .accountAdded, .accountsListed, .accountDisabled, .accountsListed,
          .accountReset, .accountsListed,
        ])
      #expect(records.allSatisfy { $0.actor.hasPrefix("admin:") && $0.origin == "cli" })
      #expect(records.allSatisfy { $0.outcome == .success })
    }
  }

  @Test func theLockShowsInTheList() async throws {
    try await withDataDirectory { data in
      _ = try await orderdesk(
        ["staff", "add", "alice", "--role", "agent"], data, input: Self.passphrase)
      let directory = try StaffDirectory(directory: data)
      for _ in 0..<10 {
        _ = try? await directory.signIn(
          name: "alice", passphrase: "wrong passphrase 1", code: "000000", at: Date())
      }
      let listed = try await orderdesk(["staff", "list"], data)
      #expect(listed.standardOutput.contains("locked until 20"))
    }
  }

  @Test(arguments: [
    (["staff", "add", "bad name", "--role", "agent"], "only the letters"),
    (["staff", "add", "4242424242424242", "--role", "agent"], "card number"),
    (["staff", "add", "alice", "--role", "agent"], "at least 12 characters"),
    (["staff", "add", "alice", "--role", "boss"], "--role"),
    (["staff", "disable", "nobody"], "no staff account named 'nobody'"),
    (["staff", "reset", "nobody"], "no staff account named 'nobody'"),
  ])
  func badInputIsRefusedClearly(_ arguments: [String], _ message: String) async throws {
    try await withDataDirectory { data in
      let result = try await orderdesk(arguments, data, input: "short1\n")
      #expect(result.status != 0)
      #expect(result.standardError.contains(message), "\(result.standardError)")
      #expect(!result.standardOutput.contains("otpauth://"))
    }
  }

  @Test func aDuplicateAWeakPassphraseAndNoPassphraseAreRefused() async throws {
    try await withDataDirectory { data in
      _ = try await orderdesk(
        ["staff", "add", "alice", "--role", "agent"], data, input: Self.passphrase)
      let duplicate = try await orderdesk(
        ["staff", "add", "ALICE", "--role", "agent"], data, input: Self.passphrase)
      #expect(duplicate.status == 1)
      #expect(duplicate.standardError.contains("already a staff account named 'alice'"))
      let noDigit = try await orderdesk(
        ["staff", "add", "bob", "--role", "agent"], data, input: "no digits in this one\n")
      #expect(noDigit.status == 1)
      #expect(noDigit.standardError.contains("at least one digit"))
      let named = try await orderdesk(
        ["staff", "add", "bob", "--role", "agent"], data, input: "i am bob number 1234\n")
      #expect(named.standardError.contains("must not contain the account name 'bob'"))
      let nothing = try await orderdesk(
        ["staff", "add", "bob", "--role", "agent"], data, input: "")
      #expect(nothing.status == 1)
      #expect(nothing.standardError.contains("No passphrase"))
      let failures = try AuditTrail(directory: data).records(AuditFilter(outcome: .failure))
      #expect(failures.count == 3)
      #expect(failures.allSatisfy { !$0.detail.contains("no digits in this one") })
    }
  }

  @Test func auditListsWithFiltersAndAsJSON() async throws {
    try await withDataDirectory { data in
      _ = try await orderdesk(
        ["staff", "add", "alice", "--role", "agent"], data, input: Self.passphrase)
      _ = try await orderdesk(["staff", "disable", "alice"], data)
      _ = try await orderdesk(["staff", "disable", "nobody"], data)

      let all = try await orderdesk(["audit"], data)
      #expect(all.status == 0, "\(all.standardError)")
      let lines = all.standardOutput.split(separator: "\n")
      #expect(lines.count == 3)
      #expect(lines[0].hasPrefix("#1  20"))
      #expect(lines[0].contains("account-added  success  cli"))
      #expect(lines[2].contains("account-disabled  failure  cli"))

      let disables = try await orderdesk(
        ["audit", "--action", "account-disabled", "--limit", "1"], data)
      #expect(disables.standardOutput.split(separator: "\n").count == 1)
      #expect(disables.standardOutput.contains("#3"))

      let failures = try await orderdesk(["audit", "list", "--outcome", "failure", "--json"], data)
      let parsed = try JSONSerialization.jsonObject(with: Data(failures.standardOutput.utf8))
      let records = try #require(parsed as? [[String: Any]])
      #expect(records.count == 1)
      #expect(records.first?["action"] as? String == "account-disabled")
      #expect((records.first?["hash"] as? String)?.count == 64)
      #expect((records.first?["actor"] as? String)?.hasPrefix("admin:") == true)

      let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
      let none = try await orderdesk(["audit", "--until", "2000-01-01"], data)
      #expect(none.status == 0 && none.standardOutput.isEmpty)
      let some = try await orderdesk(["audit", "--since", today, "--actor", "nobody"], data)
      #expect(some.standardOutput.isEmpty)
      let bad = try await orderdesk(["audit", "--since", "2026-13-40"], data)
      #expect(bad.status != 0)

      // Each listing above was itself recorded.
      let viewed = try AuditTrail(directory: data).records(AuditFilter(action: .auditViewed))
      #expect(viewed.count == 5)
    }
  }

  @Test func auditVerifyPassesOnTheTrailAndFailsOnATamperedOne() async throws {
    try await withDataDirectory { data in
      _ = try await orderdesk(
        ["staff", "add", "alice", "--role", "agent"], data, input: Self.passphrase)
      _ = try await orderdesk(
        ["staff", "add", "bob", "--role", "agent"], data, input: Self.passphrase)
      _ = try await orderdesk(["staff", "disable", "bob"], data)
      let intact = try await orderdesk(["audit", "verify"], data)
      #expect(intact.status == 0)
      #expect(intact.standardOutput == "audit trail intact: 3 records\n")

      let raw = try DatabaseQueue(path: data + "/audit.sqlite")
      try await raw.write { db in
        try db.execute(sql: "DROP TRIGGER audit_record_no_update")
        try db.execute(
          sql: "UPDATE audit_record SET detail = 'added carol as agent' WHERE sequence = 2")
      }
      let broken = try await orderdesk(["audit", "verify"], data)
      #expect(broken.status == 1)
      #expect(broken.standardOutput.contains("record 2 was altered"))
    }
  }

  @Test func aDeletedLastRecordFailsVerifyAndRefusesNewRecords() async throws {
    try await withDataDirectory { data in
      _ = try await orderdesk(
        ["staff", "add", "alice", "--role", "agent"], data, input: Self.passphrase)
      _ = try await orderdesk(["staff", "disable", "alice"], data)
      let raw = try DatabaseQueue(path: data + "/audit.sqlite")
      try await raw.write { db in
        try db.execute(sql: "DROP TRIGGER audit_record_no_delete")
        try db.execute(sql: "DELETE FROM audit_record WHERE sequence = 2")
      }
      let broken = try await orderdesk(["audit", "verify"], data)
      #expect(broken.status == 1)
      #expect(broken.standardOutput.contains("records after 1 were deleted"))
      let refused = try await orderdesk(["staff", "disable", "alice"], data)
      #expect(refused.status == 1)
      #expect(refused.standardError.contains("orderdesk audit verify"))
    }
  }

  @Test func noCardNumberReachesTheAuditFile() async throws {
    try await withDataDirectory { data in
      let number = "4242424242424242"
      for arguments in [
        ["staff", "add", number, "--role", "agent"], ["staff", "disable", number],
        ["staff", "reset", "4242 4242 4242 4242"], ["staff", "add", "4242-4242-4242-4242"],
      ] {
        let result = try await orderdesk(arguments, data, input: Self.passphrase)
        #expect(result.status != 0)
      }
      #expect(try await orderdesk(["audit", "verify"], data).status == 0)
      let findings = CardLeaks.findings(inDirectory: data, numbers: [number], cvcs: [])
      #expect(findings.isEmpty, "\(findings)")
      let listing = try await orderdesk(["audit"], data).standardOutput
      #expect(!CardNumberScanner.containsCardNumber(listing))
      #expect(listing.contains("[card number]"))
    }
  }
}

extension OrderDeskProcess {
  /// Runs the binary with `input` on its standard input (closed after), and the environment
  /// of the tests with `environment` over it.
  ///
  /// It waits on a thread of its own, never one of Swift's concurrency threads: there are two
  /// here, and the desks and services other tests run in this process need them meanwhile.
  static func run(
    _ arguments: [String], input: String?, environment: [String: String] = [:]
  ) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Swift.Result<OrderDeskProcess.Result, any Error> {
            try runWaiting(arguments, input: input, environment: environment)
          })
      }
    }
  }

  private static func runWaiting(
    _ arguments: [String], input: String?, environment: [String: String]
  ) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let error = Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = standardInput
    try process.run()
    if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
    try standardInput.fileHandleForWriting.close()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: outData, as: UTF8.self),
      standardError: String(decoding: errData, as: UTF8.self))
  }
}

import Foundation
import NIOHTTP1
import OrderAPI
import OrderCore
import OrderDeskTestSupport
import StaffAccounts
import Synchronization
import Testing

@testable import OrderClient

/// Signing in, sessions, phone orders and the audit trail, through the service's routes.
@Suite(.serialized) struct StaffSessionTests {
  @Test func wrongPassphrasesAndCodesAreRefusedAndTenLockTheAccount() async throws {
    let now = Mutex(Date())
    try await withService(clock: { now.withLock { $0 } }) { service in
      let secret = try await StaffTestAccounts.add("ana", role: .agent, in: service.directory)
      let code = try StaffTestAccounts.code(secret: secret, at: now.withLock { $0 })
      let wrongCode = code == "000000" ? "000001" : "000000"

      let badPassphrase = try await service.signIn("ana", passphrase: "not the one 99", code: code)
      #expect(badPassphrase.status == 401)
      #expect(badPassphrase.errorCode == "sign_in_failed")
      let badCode = try await service.signIn("ana", code: wrongCode)
      #expect(badCode.errorCode == "sign_in_failed")
      let nobody = try await service.signIn("nobody", code: code)
      #expect(nobody.errorCode == "sign_in_failed")
      // The same bytes: nothing tells an unknown name from a wrong code.
      #expect(nobody.text == badCode.text)

      for _ in 3...10 {
        _ = try await service.signIn("ana", passphrase: "not the one 99", code: code)
      }
      let locked = try await service.signIn("ana", code: code)
      #expect(locked.status == 423, "\(locked.text)")
      #expect(locked.errorCode == "account_locked")
      #expect(locked.headers.first(name: "Retry-After") != nil)

      // 30 minutes on, the right passphrase and a fresh code sign in.
      let later = now.withLock {
        $0 += 31 * 60
        return $0
      }
      let signedIn = try await service.signIn(
        "ana", code: try StaffTestAccounts.code(secret: secret, at: later))
      #expect(signedIn.status == 201, "\(signedIn.text)")

      // Hostile and malformed sign-ins are refused before any passphrase is checked.
      for body in [
        #"{"name":"ana","passphrase":"x","code":"12345"}"#,
        #"{"name":"","passphrase":"x","code":"123456"}"#,
        #"{"name":"ana","passphrase":"","code":"123456"}"#,
        #"{"name":"ana","code":"123456"}"#,
        "{\"name\":\"ana\",\"passphrase\":\"\(String(repeating: "p", count: 10_000))\",\"code\":\"123456\"}",
        "{\"name\":\"\u{1B}[2J\",\"passphrase\":\"x\",\"code\":\"123456\"}",
      ] {
        let answer = try await service.raw(.POST, "/v1/staff/sessions", body: Array(body.utf8))
        #expect(answer.status == 400, "\(body.prefix(60)): \(answer.text)")
        #expect(!answer.text.contains(String(repeating: "p", count: 100)))
      }
    }
  }

  @Test func aSessionExpiresAfterThirtyMinutesUnused() async throws {
    let now = Mutex(Date())
    try await withService(clock: { now.withLock { $0 } }) { service in
      let token = try await service.staffToken(.agent)
      let staff = [("Authorization", "Bearer \(token)")]
      now.withLock { $0 += 20 * 60 }
      #expect(try await service.raw(.GET, "/v1/orders", headers: staff).status == 200)
      now.withLock { $0 += 20 * 60 }
      #expect(try await service.raw(.GET, "/v1/orders", headers: staff).status == 200)
      now.withLock { $0 += 31 * 60 }
      let expired = try await service.raw(.GET, "/v1/orders", headers: staff)
      #expect(expired.status == 401)
      #expect(expired.errorCode == "unauthorized")
    }
  }

  @Test func aLockedSessionIsRefusedUntilItsMemberUnlocksIt() async throws {
    try await withService { service in
      let token = try await service.staffToken(.agent)
      let staff = [("Authorization", "Bearer \(token)")]
      #expect(
        try await service.raw(.POST, "/v1/staff/sessions/current/lock", headers: staff)
          .status == 204)
      let refused = try await service.raw(.GET, "/v1/orders", headers: staff)
      #expect(refused.status == 401)
      #expect(refused.errorCode == "session_locked")

      // Another person's passphrase and code do not unlock it.
      let otherSecret = try await StaffTestAccounts.add(
        "bob", role: .supervisor, in: service.directory, passphrase: "another phrase 77")
      let other = try JSONEncoder().encode(
        UnlockRequest(
          passphrase: "another phrase 77", code: try StaffTestAccounts.code(secret: otherSecret)))
      let wrong = try await service.raw(
        .POST, "/v1/staff/sessions/current/unlock", body: Array(other), headers: staff)
      #expect(wrong.status == 401)
      #expect(wrong.errorCode == "sign_in_failed")
      #expect(try await service.raw(.GET, "/v1/orders", headers: staff).status == 401)

      let secret = try #require(service.staff.secrets.withLock { $0["agent"] })
      let mine = try JSONEncoder().encode(
        UnlockRequest(
          passphrase: StaffTestAccounts.passphrase,
          code: try StaffTestAccounts.code(secret: secret, at: Date() + 30)))
      let unlocked = try await service.raw(
        .POST, "/v1/staff/sessions/current/unlock", body: Array(mine), headers: staff)
      #expect(unlocked.status == 200, "\(unlocked.text)")
      #expect(try await service.raw(.GET, "/v1/orders", headers: staff).status == 200)

      #expect(
        try await service.raw(.DELETE, "/v1/staff/sessions/current", headers: staff)
          .status == 204)
      #expect(try await service.raw(.GET, "/v1/orders", headers: staff).status == 401)
    }
  }

  @Test func staffRoutesAreRefusedOverPlainHTTP() async throws {
    try await withService(transport: .insecureHTTP) { service in
      let secret = try await StaffTestAccounts.add("ana", role: .supervisor, in: service.directory)
      let signIn = try await service.signIn(
        "ana", code: try StaffTestAccounts.code(secret: secret))
      #expect(signIn.status == 403, "\(signIn.text)")
      #expect(signIn.errorCode == "staff_needs_tls")
      for (method, path) in [
        (HTTPMethod.GET, "/v1/orders"), (.GET, "/v1/staff/orders/OD-7K3F9Q2M"),
        (.GET, "/v1/staff/customers?q=ada"), (.POST, "/v1/staff/sessions/current/lock"),
        (.DELETE, "/v1/staff/sessions/current"),
      ] {
        let answer = try await service.raw(
          method, path, headers: [("Authorization", "Bearer anything")])
        #expect(answer.errorCode == "staff_needs_tls", "\(path): \(answer.text)")
      }
      // No session was opened, and nobody was put on record as signed in.
      let trail = try AuditTrail(directory: service.directory)
      #expect(try trail.records().allSatisfy { $0.action != .signIn })
    }
  }

  @Test func phoneOrdersNeedStaffAndAreEnteredByThem() async throws {
    try await withService { service in
      var submission = try await Orders.submission(service.channel)
      submission.source = .phone
      submission.note = "Called at 9:05, wants the boxed edition next time"
      let anonymous = try await service.submitRaw(
        try Orders.body(submission), key: submission.idempotencyKey.rawValue)
      #expect(anonymous.status == 401, "\(anonymous.text)")
      #expect(service.processor.count == 0)

      var noteOnly = try await Orders.submission(service.channel)
      noteOnly.note = "a note"
      let customerNote = try await service.submitRaw(
        try Orders.body(noteOnly), key: noteOnly.idempotencyKey.rawValue)
      #expect(customerNote.errorCode == "validation_failed")

      let token = try await service.staffToken(.agent)
      let entered = try await service.raw(
        .POST, "/v1/orders", body: try Orders.body(submission),
        headers: [
          ("Idempotency-Key", submission.idempotencyKey.rawValue),
          ("Authorization", "Bearer \(token)"),
        ])
      #expect(entered.status == 201, "\(entered.text)")
      let order = try JSONDecoder().decode(OrderResponse.self, from: Data(entered.body)).order
      #expect(order.source == .phone)
      let stored = try #require(try await service.store().order(number: order.number))
      #expect(stored.actor == "staff:agent")
      #expect(stored.note == "Called at 9:05, wants the boxed edition next time")

      let records = try AuditTrail(directory: service.directory).records()
      let entry = try #require(records.first { $0.action == .orderEntered })
      #expect(entry.actor == "agent")
      #expect(entry.order == order.number.rawValue)
      #expect(entry.outcome == .success)

      // A session that ended is refused, not taken as a customer's.
      var next = try await Orders.submission(service.channel)
      next.source = .terminal
      let ended = try await service.raw(
        .POST, "/v1/orders", body: try Orders.body(next),
        headers: [
          ("Idempotency-Key", next.idempotencyKey.rawValue), ("Authorization", "Bearer gone"),
        ])
      #expect(ended.status == 401)
    }
  }

  @Test func everyStaffActionIsOnTheChainedAuditTrail() async throws {
    try await withService { service in
      let order = try await StaffRouteTests.order(service)
      let token = try await service.staffToken(.supervisor)
      let staff = [("Authorization", "Bearer \(token)")]
      _ = try await service.raw(.GET, "/v1/orders?q=ada", headers: staff)
      _ = try await service.raw(.GET, "/v1/staff/orders/\(order.number)", headers: staff)
      _ = try await service.raw(.GET, "/v1/staff/customers?q=ada@", headers: staff)
      _ = try await StaffRouteTests.refund(service, order.number, amount: 100)
      _ = try await StaffRouteTests.refund(service, order.number, amount: 100_000_000)
      _ = try await service.raw(
        .POST, "/v1/staff/audit-events", body: Array(#"{"action":"card-revealed"}"#.utf8),
        headers: staff)
      let agent = try await service.staffToken(.agent)
      _ = try await StaffRouteTests.refund(service, order.number, amount: 100, token: agent)

      let trail = try AuditTrail(directory: service.directory)
      let records = try trail.records()
      let seen = records.map { "\($0.actor) \($0.action.rawValue) \($0.outcome.rawValue)" }
      for expected in [
        "sup sign-in success", "sup search success", "sup order-viewed success",
        "sup customer-search success", "sup refund success", "sup refund failure",
        "sup card-revealed success", "agent sign-in success", "agent refund failure",
      ] {
        #expect(seen.contains(expected), "\(expected) in \(seen)")
      }
      #expect(records.allSatisfy { $0.origin.hasPrefix("127.0.0.1") })
      #expect(
        records.filter { $0.action == .refund }.allSatisfy { $0.order == order.number.rawValue })
      guard case .intact(let count) = try trail.verify() else {
        Issue.record("the trail does not verify: \(try trail.verify())")
        return
      }
      #expect(count == records.count)
    }
  }
}

import Foundation
import OrderCore
import StaffAccounts
import Testing

struct StaffSessionsTests {
  /// A directory with alice (agent) and bob (supervisor), their secrets, sessions and trail.
  private struct Desk {
    let directory: StaffDirectory
    let trail: AuditTrail
    let sessions: StaffSessions
    let alice: String
    let bob: String

    init(_ path: String, limits: StaffSessionLimits = .standard) async throws {
      directory = try cheapDirectory(path)
      trail = try AuditTrail(directory: path, clock: { startOfTest })
      sessions = StaffSessions(directory: directory, audit: trail, limits: limits)
      alice = try await directory.add(name: "alice", role: .agent, passphrase: goodPassphrase)
        .secret
      bob = try await directory.add(name: "bob", role: .supervisor, passphrase: goodPassphrase)
        .secret
    }

    func signIn(_ name: String, _ secret: String, at time: Date) async throws -> String {
      try await sessions.signIn(
        name: name, passphrase: goodPassphrase, code: try authenticatorCode(secret, at: time),
        origin: "192.0.2.7", at: time
      ).token
    }
  }

  @Test func aSignInGivesATokenThatAuthenticatesItsMember() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      let grant = try await desk.sessions.signIn(
        name: "alice", passphrase: goodPassphrase,
        code: try authenticatorCode(desk.alice, at: startOfTest), origin: "192.0.2.7",
        at: startOfTest)
      #expect(grant.token.count == 43)
      #expect(
        !grant.token.contains("+") && !grant.token.contains("/") && !grant.token.contains("="))
      #expect(grant.expiresAt == startOfTest.addingTimeInterval(8 * 3600))
      let member = try await desk.sessions.authenticate(token: grant.token, at: startOfTest)
      #expect(member == StaffMember(name: "alice", role: .agent))
      await #expect(throws: SessionRefusal.unknown) {
        _ = try await desk.sessions.authenticate(token: grant.token + "x", at: startOfTest)
      }
      let records = try desk.trail.records(AuditFilter(action: .signIn))
      #expect(records.map(\.actor) == ["alice"])
      #expect(records.first?.origin == "192.0.2.7")
      #expect(records.first?.role == .agent)
    }
  }

  @Test func aRefusedSignInIsRecordedAsUnknownWithTheTypedName() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      await #expect(throws: StaffSessionError.signIn(.wrongCredentials)) {
        _ = try await desk.sessions.signIn(
          name: "Alice", passphrase: "wrong passphrase 1", code: "123456", origin: "192.0.2.7",
          at: startOfTest)
      }
      let record = try #require(try desk.trail.records().last)
      #expect(record.actor == "unknown:Alice")
      #expect(record.outcome == .failure)
      #expect(record.role == nil)
      #expect(await desk.sessions.count == 0)
    }
  }

  @Test func aSessionExpiresAfterThirtyMinutesUnused() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      let token = try await desk.signIn("alice", desk.alice, at: startOfTest)
      // Used every 29 minutes, it lives on.
      var time = startOfTest
      for _ in 0..<4 {
        time += 29 * 60
        _ = try await desk.sessions.authenticate(token: token, at: time)
      }
      await #expect(throws: SessionRefusal.expired) {
        _ = try await desk.sessions.authenticate(token: token, at: time + 30 * 60)
      }
      await #expect(throws: SessionRefusal.unknown) {
        _ = try await desk.sessions.authenticate(token: token, at: time + 30 * 60)
      }
    }
  }

  @Test func aSessionExpiresEightHoursAfterSignInHoweverBusy() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      let token = try await desk.signIn("alice", desk.alice, at: startOfTest)
      var time = startOfTest
      while time < startOfTest + 8 * 3600 - 600 {
        time += 600
        _ = try await desk.sessions.authenticate(token: token, at: time)
      }
      await #expect(throws: SessionRefusal.expired) {
        _ = try await desk.sessions.authenticate(token: token, at: startOfTest + 8 * 3600)
      }
    }
  }

  @Test func aLockedSessionIsRefusedUntilItsMemberUnlocksIt() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      let token = try await desk.signIn("alice", desk.alice, at: startOfTest)
      let later = startOfTest + 60
      try await desk.sessions.lock(token: token, origin: "192.0.2.7", at: later)
      await #expect(throws: SessionRefusal.locked) {
        _ = try await desk.sessions.authenticate(token: token, at: later)
      }
      let member = try await desk.sessions.unlock(
        token: token, passphrase: goodPassphrase,
        code: try authenticatorCode(desk.alice, at: later), origin: "192.0.2.7", at: later)
      #expect(member.name == "alice")
      _ = try await desk.sessions.authenticate(token: token, at: later)
      let actions = try desk.trail.records(AuditFilter(actor: "alice")).map(\.action)
      #expect(actions == [.signIn, .lock, .unlock])
    }
  }

  @Test func someoneElseCannotUnlockIt() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      let token = try await desk.signIn("alice", desk.alice, at: startOfTest)
      let later = startOfTest + 60
      try await desk.sessions.lock(token: token, origin: "192.0.2.7", at: later)
      // Bob's own, valid, passphrase and code.
      await #expect(throws: StaffSessionError.signIn(.wrongCredentials)) {
        _ = try await desk.sessions.unlock(
          token: token, passphrase: goodPassphrase,
          code: try authenticatorCode(desk.bob, at: later), origin: "192.0.2.7", at: later)
      }
      await #expect(throws: SessionRefusal.locked) {
        _ = try await desk.sessions.authenticate(token: token, at: later)
      }
      let failure = try #require(
        try desk.trail.records(AuditFilter(action: .unlock, outcome: .failure)).last)
      #expect(failure.actor == "alice")
    }
  }

  @Test func disablingAnAccountEndsItsSessions() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      let alice = try await desk.signIn("alice", desk.alice, at: startOfTest)
      let bob = try await desk.signIn("bob", desk.bob, at: startOfTest)
      // As `orderdesk staff disable` does, from another process: only the database changes.
      try StaffDirectory(directory: path, bcryptCost: 4).disable(name: "alice")
      await #expect(throws: SessionRefusal.unknown) {
        _ = try await desk.sessions.authenticate(token: alice, at: startOfTest + 1)
      }
      _ = try await desk.sessions.authenticate(token: bob, at: startOfTest + 1)
      #expect(await desk.sessions.endSessions(of: "bob") == 1)
      await #expect(throws: SessionRefusal.unknown) {
        _ = try await desk.sessions.authenticate(token: bob, at: startOfTest + 1)
      }
    }
  }

  @Test func aResetEndsTheSessionsOpenedBefore() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      let token = try await desk.signIn("alice", desk.alice, at: startOfTest)
      _ = try await desk.directory.reset(name: "alice", passphrase: "another passphrase 12")
      await #expect(throws: SessionRefusal.unknown) {
        _ = try await desk.sessions.authenticate(token: token, at: startOfTest + 1)
      }
    }
  }

  @Test func signingOutEndsTheSession() async throws {
    try await withStaffDirectory { path in
      let desk = try await Desk(path)
      let token = try await desk.signIn("alice", desk.alice, at: startOfTest)
      try await desk.sessions.signOut(token: token, origin: "192.0.2.7", at: startOfTest + 5)
      await #expect(throws: SessionRefusal.unknown) {
        _ = try await desk.sessions.authenticate(token: token, at: startOfTest + 6)
      }
      #expect(try desk.trail.records(AuditFilter(action: .signOut)).map(\.actor) == ["alice"])
    }
  }

  @Test func theNumberOfSessionsIsBoundedAndExpiredOnesMakeRoom() async throws {
    try await withStaffDirectory { path in
      let limits = StaffSessionLimits(
        idleSeconds: 30 * 60, lifetimeSeconds: 8 * 3600, maximumSessions: 3)
      let desk = try await Desk(path, limits: limits)
      // Each sign-in on a later step, as each code is good once.
      var time = startOfTest
      var tokens: [String] = []
      for _ in 0..<3 {
        tokens.append(try await desk.signIn("alice", desk.alice, at: time))
        time += 30
      }
      await #expect(throws: StaffSessionError.tooManySessions) {
        _ = try await desk.signIn("bob", desk.bob, at: time)
      }
      #expect(await desk.sessions.count == 3)
      // Keep the last one busy; the first two expire.
      let busy = startOfTest + 20 * 60
      _ = try await desk.sessions.authenticate(token: tokens[2], at: busy)
      let later = startOfTest + 31 * 60
      _ = try await desk.signIn("bob", desk.bob, at: later)
      // Only the oldest expired session was dropped: one was enough to make room.
      #expect(await desk.sessions.count == 3)
      await #expect(throws: SessionRefusal.unknown) {
        _ = try await desk.sessions.authenticate(token: tokens[0], at: later)
      }
      await #expect(throws: SessionRefusal.expired) {
        _ = try await desk.sessions.authenticate(token: tokens[1], at: later)
      }
      _ = try await desk.sessions.authenticate(token: tokens[2], at: later)
      let refused = try desk.trail.records(AuditFilter(action: .signIn, outcome: .failure))
      #expect(refused.map(\.detail) == ["too many sessions are open"])
    }
  }
}

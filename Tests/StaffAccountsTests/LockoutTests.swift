import Foundation
import OrderCore
import StaffAccounts
import Testing

/// Ten failures in a row lock an account for 30 minutes (PCI DSS 8.3.4).
struct LockoutTests {
  /// Fails `times` sign-ins at `time`: a wrong passphrase with the right code and the right
  /// passphrase with a wrong code, in turn, as both count.
  private func fail(
    _ directory: StaffDirectory, _ name: String, times: Int, at time: Date,
    secret: String
  ) async throws {
    let rightCode = try authenticatorCode(secret, at: time)
    let valid = try [-30.0, 0, 30].map { try authenticatorCode(secret, at: time + $0) }
    let wrongCode = ["000000", "111111", "222222", "333333"].first { !valid.contains($0) }!
    for attempt in 0..<times {
      let wrongPassphrase = attempt.isMultiple(of: 2)
      await #expect(throws: SignInError.wrongCredentials) {
        _ = try await directory.signIn(
          name: name, passphrase: wrongPassphrase ? "wrong passphrase 0" : goodPassphrase,
          code: wrongPassphrase ? rightCode : wrongCode, at: time)
      }
    }
  }

  @Test func tenFailuresLockForThirtyMinutesAndTheEleventhIsRefusedUnchecked() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      try await fail(directory, "alice", times: 10, at: startOfTest, secret: enrolment.secret)
      let until = startOfTest.addingTimeInterval(30 * 60)
      #expect(try directory.list().first?.status(at: startOfTest) == .locked(until: until))

      let eleventh = startOfTest.addingTimeInterval(40)
      await #expect(throws: SignInError.locked(until: until)) {
        _ = try await directory.signIn(
          name: "alice", passphrase: goodPassphrase,
          code: try authenticatorCode(enrolment.secret, at: eleventh), at: eleventh)
      }
      // A minute before the end: still locked, for unlocking a desk too.
      let almost = until.addingTimeInterval(-60)
      await #expect(throws: SignInError.locked(until: until)) {
        _ = try await directory.verify(
          name: "alice", passphrase: goodPassphrase,
          code: try authenticatorCode(enrolment.secret, at: almost), at: almost)
      }
      let after = until.addingTimeInterval(1)
      let member = try await directory.signIn(
        name: "alice", passphrase: goodPassphrase,
        code: try authenticatorCode(enrolment.secret, at: after), at: after)
      #expect(member.name == "alice")
      #expect(try directory.list().first?.failedAttempts == 0)
    }
  }

  @Test func nineFailuresDoNotLockAndASuccessClearsTheCount() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      try await fail(directory, "alice", times: 9, at: startOfTest, secret: enrolment.secret)
      #expect(try directory.list().first?.failedAttempts == 9)
      _ = try await directory.signIn(
        name: "alice", passphrase: goodPassphrase,
        code: try authenticatorCode(enrolment.secret, at: startOfTest), at: startOfTest)
      #expect(try directory.list().first?.failedAttempts == 0)
      let later = startOfTest.addingTimeInterval(60)
      try await fail(directory, "alice", times: 9, at: later, secret: enrolment.secret)
      #expect(try directory.list().first?.status(at: later) == .active)
    }
  }

  @Test func resetClearsTheLock() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      try await fail(directory, "alice", times: 10, at: startOfTest, secret: enrolment.secret)
      let renewed = try await directory.reset(name: "alice", passphrase: goodPassphrase)
      #expect(try directory.list().first?.status(at: startOfTest) == .active)
      _ = try await directory.signIn(
        name: "alice", passphrase: goodPassphrase,
        code: try authenticatorCode(renewed.secret, at: startOfTest), at: startOfTest)
    }
  }

  @Test func anUnknownNameGetsTheWrongPassphraseAnswerAndNeverLocks() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      for _ in 0..<12 {
        await #expect(throws: SignInError.wrongCredentials) {
          _ = try await directory.signIn(
            name: "mallory", passphrase: goodPassphrase, code: "123456", at: startOfTest)
        }
      }
    }
  }

  @Test func anUnknownNameCostsTheSameBcryptWorkAsAKnownOne() async throws {
    try await withStaffDirectory { path in
      // Cost 10: long enough (tens of milliseconds) to measure, short enough to repeat.
      let directory = try StaffDirectory(directory: path, bcryptCost: 10, clock: { startOfTest })
      _ = try await directory.add(name: "alice", role: .agent, passphrase: goodPassphrase)
      func seconds(_ name: String) async -> Double {
        let elapsed = await ContinuousClock().measure {
          _ = try? await directory.verify(
            name: name, passphrase: "wrong passphrase 1", code: "000000", at: startOfTest)
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      }
      _ = await seconds("nobody")  // the dummy hash for cost 10 is made once, first
      // Taken in turn, so a busy moment of the machine slows both alike.
      var knownTimes: [Double] = []
      var unknownTimes: [Double] = []
      for _ in 0..<7 {
        knownTimes.append(await seconds("alice"))
        unknownTimes.append(await seconds("nobody"))
      }
      let known = knownTimes.sorted()[3]
      let unknown = unknownTimes.sorted()[3]
      // A name without an account that skipped bcrypt would take microseconds, not a third.
      #expect(unknown > known / 3, "unknown \(unknown) s, known \(known) s")
      #expect(known > unknown / 3, "unknown \(unknown) s, known \(known) s")
    }
  }
}

import Foundation
import OrderCore
import StaffAccounts
import Testing

/// TOTP as RFC 6238 has it: the current 30-second step and one either side, each code once.
struct SecondFactorTests {
  /// Signs `name` in at `startOfTest` with the code an app shows `offset` seconds away.
  private func signIn(
    _ directory: StaffDirectory, _ name: String, _ secret: String, offset: TimeInterval,
    at time: Date = startOfTest
  ) async throws -> StaffMember {
    try await directory.signIn(
      name: name, passphrase: goodPassphrase,
      code: try authenticatorCode(secret, at: time.addingTimeInterval(offset)), at: time)
  }

  @Test(arguments: [-30.0, 0, 30])
  func theCodeOfTheCurrentStepOrANeighbourIsAccepted(_ offset: TimeInterval) async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      let member = try await signIn(directory, "alice", enrolment.secret, offset: offset)
      #expect(member.name == "alice")
    }
  }

  @Test(arguments: [-90.0, -60, 60, 90, 3600])
  func aCodeTwoStepsOrMoreAwayIsRefused(_ offset: TimeInterval) async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      await #expect(throws: SignInError.wrongCredentials) {
        _ = try await signIn(directory, "alice", enrolment.secret, offset: offset)
      }
    }
  }

  @Test func aCodeIsGoodOnce() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      _ = try await signIn(directory, "alice", enrolment.secret, offset: 0)
      // The same code a few seconds later, still in its step: a replay.
      await #expect(throws: SignInError.wrongCredentials) {
        _ = try await signIn(
          directory, "alice", enrolment.secret, offset: -5, at: startOfTest.addingTimeInterval(5))
      }
      // The unlock check refuses it too.
      await #expect(throws: SignInError.wrongCredentials) {
        _ = try await directory.verify(
          name: "alice", passphrase: goodPassphrase,
          code: try authenticatorCode(enrolment.secret, at: startOfTest), at: startOfTest)
      }
      // The next step's code is fresh.
      let later = startOfTest.addingTimeInterval(30)
      _ = try await signIn(directory, "alice", enrolment.secret, offset: 0, at: later)
    }
  }

  @Test func anEarlierStepIsRefusedOnceALaterOneWasUsed() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      _ = try await signIn(directory, "alice", enrolment.secret, offset: 30)
      await #expect(throws: SignInError.wrongCredentials) {
        _ = try await signIn(directory, "alice", enrolment.secret, offset: 0)
      }
    }
  }

  @Test func twoSignInsRacingWithOneCodeLetOneIn() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      let code = try authenticatorCode(enrolment.secret, at: startOfTest)
      let admitted = await withTaskGroup(of: Bool.self) { group in
        for _ in 0..<4 {
          group.addTask {
            (try? await directory.signIn(
              name: "alice", passphrase: goodPassphrase, code: code, at: startOfTest)) != nil
          }
        }
        return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
      }
      #expect(admitted == 1)
    }
  }

  @Test func codesWithSpacesAreReadAsAppsShowThem() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      let code = try authenticatorCode(enrolment.secret, at: startOfTest)
      let spaced = String(code.prefix(3)) + " " + String(code.suffix(3))
      _ = try await directory.signIn(
        name: "alice", passphrase: goodPassphrase, code: spaced, at: startOfTest)
    }
  }
}

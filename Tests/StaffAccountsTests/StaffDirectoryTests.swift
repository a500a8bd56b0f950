import Foundation
import GRDB
import OrderCore
import StaffAccounts
import Testing

struct StaffDirectoryTests {
  @Test func addedAccountsAreListedByNameWithRoleAndStatus() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      _ = try await directory.add(name: "Zoe", role: .supervisor, passphrase: goodPassphrase)
      _ = try await directory.add(name: "adam", role: .agent, passphrase: goodPassphrase)
      let accounts = try directory.list()
      #expect(accounts.map(\.name) == ["adam", "zoe"])
      #expect(accounts.map(\.role) == [.agent, .supervisor])
      #expect(accounts.allSatisfy { $0.status(at: startOfTest) == .active })
      #expect(accounts.allSatisfy { $0.createdAt == startOfTest })
    }
  }

  @Test func theFilesArePrivate() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      _ = try await directory.add(name: "alice", role: .agent, passphrase: goodPassphrase)
      for name in try FileManager.default.contentsOfDirectory(atPath: path) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "/" + name)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
      }
    }
  }

  @Test func aWidelyReadableDatabaseIsRefused() async throws {
    try await withStaffDirectory { path in
      _ = try cheapDirectory(path)
      chmod(path + "/staff.sqlite", 0o644)
      #expect {
        _ = try cheapDirectory(path)
      } throws: { error in
        "\(error)".contains("chmod 600")
      }
    }
  }

  @Test func aDuplicateNameIsRefusedWhateverItsCase() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      _ = try await directory.add(name: "alice", role: .agent, passphrase: goodPassphrase)
      await #expect(throws: StaffDirectoryError.duplicateName(try StaffName("alice"))) {
        _ = try await directory.add(name: "ALICE", role: .supervisor, passphrase: goodPassphrase)
      }
      #expect(try directory.list().count == 1)
    }
  }

  @Test func aWeakPassphraseIsRefusedBeforeAnythingIsStored() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      await #expect(throws: StaffDirectoryError.weakPassphrase(.tooShort)) {
        _ = try await directory.add(name: "alice", role: .agent, passphrase: "short1")
      }
      #expect(try directory.list().isEmpty)
      _ = try await directory.add(name: "alice", role: .agent, passphrase: goodPassphrase)
      await #expect(throws: StaffDirectoryError.weakPassphrase(.noDigit)) {
        _ = try await directory.reset(name: "alice", passphrase: "no digits at all here")
      }
    }
  }

  @Test func unknownNamesAreRefusedByDisableAndReset() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      #expect(throws: StaffDirectoryError.unknownName(try StaffName("nobody"))) {
        try directory.disable(name: "nobody")
      }
      await #expect(throws: StaffDirectoryError.unknownName(try StaffName("nobody"))) {
        _ = try await directory.reset(name: "nobody", passphrase: goodPassphrase)
      }
    }
  }

  @Test func thePassphraseIsKeptOnlyAsABcryptHash() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let passphrase = "unmistakable passphrase 9731"
      _ = try await directory.add(name: "alice", role: .agent, passphrase: passphrase)
      let hash = try await DatabaseQueue(path: path + "/staff.sqlite").read { db in
        try String.fetchOne(db, sql: "SELECT passphrase_hash FROM staff_member")
      }
      #expect(hash?.hasPrefix("$2b$04$") == true)
      let bytes = try allBytes(in: path)
      #expect(!bytes.isEmpty)
      #expect(!contains(bytes, Array(passphrase.utf8)))
      #expect(!contains(bytes, Array("unmistakable".utf8)))
    }
  }

  @Test func theDefaultCostIsTwelveAndSignsIn() async throws {
    try await withStaffDirectory { path in
      let directory = try StaffDirectory(directory: path, clock: { startOfTest })
      let enrolment = try await directory.add(
        name: "alice", role: .supervisor, passphrase: goodPassphrase)
      let hash = try await DatabaseQueue(path: path + "/staff.sqlite").read { db in
        try String.fetchOne(db, sql: "SELECT passphrase_hash FROM staff_member")
      }
      #expect(hash?.hasPrefix("$2b$12$") == true)
      let member = try await directory.signIn(
        name: "alice", passphrase: goodPassphrase,
        code: try authenticatorCode(enrolment.secret, at: startOfTest), at: startOfTest)
      #expect(member == StaffMember(name: "alice", role: .supervisor))
      #expect(member.role.mayRefund)
    }
  }

  @Test func theEnrolmentIsAnOtpauthURIWithTheBase32Secret() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      #expect(enrolment.secret.count == 32)
      #expect(try enrolment.secret.base32decoded().count == 20)
      #expect(
        enrolment.uri
          == "otpauth://totp/OrderDesk:alice?secret=\(enrolment.secret)&issuer=OrderDesk"
          + "&algorithm=SHA1&digits=6&period=30")
      let other = try await directory.add(name: "bob", role: .agent, passphrase: goodPassphrase)
      #expect(other.secret != enrolment.secret)
    }
  }

  @Test func aDisabledAccountCannotSignInEvenWithTheRightCredentials() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      try directory.disable(name: "alice")
      #expect(try directory.list().first?.status(at: startOfTest) == .disabled)
      await #expect(throws: SignInError.disabled) {
        _ = try await directory.signIn(
          name: "alice", passphrase: goodPassphrase,
          code: try authenticatorCode(enrolment.secret, at: startOfTest), at: startOfTest)
      }
      // Without the right credentials, the answer does not tell that it is disabled.
      await #expect(throws: SignInError.wrongCredentials) {
        _ = try await directory.signIn(
          name: "alice", passphrase: "wrong passphrase 1",
          code: try authenticatorCode(enrolment.secret, at: startOfTest), at: startOfTest)
      }
    }
  }

  @Test func resetGivesANewPassphraseAndSecondFactorAndEnables() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let first = try await directory.add(name: "alice", role: .agent, passphrase: goodPassphrase)
      try directory.disable(name: "alice")
      let newPassphrase = "a brand new passphrase 77"
      let second = try await directory.reset(name: "alice", passphrase: newPassphrase)
      #expect(second.secret != first.secret)
      #expect(try directory.list().first?.status(at: startOfTest) == .active)
      await #expect(throws: SignInError.wrongCredentials) {
        _ = try await directory.signIn(
          name: "alice", passphrase: goodPassphrase,
          code: try authenticatorCode(second.secret, at: startOfTest), at: startOfTest)
      }
      await #expect(throws: SignInError.wrongCredentials) {
        _ = try await directory.signIn(
          name: "alice", passphrase: newPassphrase,
          code: try authenticatorCode(first.secret, at: startOfTest), at: startOfTest)
      }
      let member = try await directory.signIn(
        name: "alice", passphrase: newPassphrase,
        code: try authenticatorCode(second.secret, at: startOfTest), at: startOfTest)
      #expect(member.name == "alice")
    }
  }

  @Test func signInAcceptsTheNameInAnyCase() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      let member = try await directory.signIn(
        name: "Alice", passphrase: goodPassphrase,
        code: try authenticatorCode(enrolment.secret, at: startOfTest), at: startOfTest)
      #expect(member.name == "alice")
    }
  }

  @Test func hostileSignInInputIsJustWrong() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let enrolment = try await directory.add(
        name: "alice", role: .agent, passphrase: goodPassphrase)
      let code = try authenticatorCode(enrolment.secret, at: startOfTest)
      for (name, passphrase, typed) in [
        ("alice", goodPassphrase + "\u{0}", code),
        ("alice", String(goodPassphrase.prefix(5)) + "\u{0}" + goodPassphrase, code),
        ("alice\u{0}", goodPassphrase, code),
        (String(repeating: "a", count: 10_000), goodPassphrase, code),
        ("alice", String(repeating: "x", count: 10_000), code),
        ("alice", goodPassphrase, String(repeating: "1", count: 10_000)),
        ("alice", goodPassphrase, "\u{1B}[2J"),
        ("alice'; DROP TABLE staff_member; --", goodPassphrase, code),
      ] {
        await #expect(throws: SignInError.wrongCredentials) {
          _ = try await directory.signIn(
            name: name, passphrase: passphrase, code: typed, at: startOfTest)
        }
      }
      #expect(try directory.list().count == 1)
    }
  }
}

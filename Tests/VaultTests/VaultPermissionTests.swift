import Foundation
import Testing
import Vault

@Suite("Vault file permissions")
struct VaultPermissionTests {
  private func setMode(_ mode: Int, _ path: String) throws {
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
  }

  private func mode(_ path: String) throws -> Int {
    try #require(
      try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
  }

  @Test(arguments: ["vault.sqlite", "vault.sqlite-wal", "vault.sqlite-shm"])
  func aDatabaseFileOthersMayReadIsRefusedNotNarrowed(name: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    let path = directory.vault + "/" + name
    // A closed vault leaves no WAL or shared-memory file; plant one as a running vault has.
    let plant = {
      if !FileManager.default.fileExists(atPath: path) {
        #expect(
          FileManager.default.createFile(
            atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]))
      }
    }
    plant()
    // The twin: at 0600 it opens.
    _ = try Vault.open(in: directory)
    plant()
    try setMode(0o644, path)
    do {
      _ = try Vault.open(in: directory)
      Issue.record("\(name) at 0644 was accepted")
    } catch {
      guard case .unsafeDirectory(let reported, let problem) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(reported == directory.vault)
      #expect(problem.contains("has mode 0644") && problem.hasSuffix("run chmod 600 \(path)."))
    }
    #expect(try mode(path) == 0o644)
  }

  @Test func theDatabaseAndItsWALAreCreatedOwnerOnly() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory)
    defer { withExtendedLifetime(vault) {} }
    for name in ["vault.sqlite", "vault.sqlite-wal", "vault.sqlite-shm"] {
      #expect(try mode(directory.vault + "/" + name) == 0o600, "\(name)")
    }
  }

  @Test func aKeyRingFileOthersMayReadIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    let path = directory.vault + "/vault-hpke.ring"
    try setMode(0o640, path)
    #expect(
      throws: VaultError.keyFile(
        path: path,
        problem: "its mode is 0640, so other users may read it; it must be 0600: run chmod 600 "
          + "\(path).")
    ) {
      try Vault.open(in: directory)
    }
    // The twin: narrowed again, it opens.
    try setMode(0o600, path)
    _ = try Vault.open(in: directory)
  }

  @Test(arguments: [0o750, 0o705, 0o755])
  func aVaultDirectoryOthersMayEnterIsRefused(permissions: Int) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    try setMode(permissions, directory.vault)
    #expect(
      throws: VaultError.unsafeDirectory(
        path: directory.vault,
        problem: "its mode is 0\(String(permissions, radix: 8)), so other users may read it; it "
          + "must be 0700: run chmod 700 \(directory.vault).")
    ) {
      try Vault.open(in: directory)
    }
    // The administrative commands refuse it as well.
    #expect(throws: VaultError.self) {
      try VaultAdministration.auditEvents(directory: directory.vault)
    }
    try setMode(0o700, directory.vault)
    _ = try Vault.open(in: directory)
  }
}

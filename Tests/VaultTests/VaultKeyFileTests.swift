import CardSealing
import Foundation
import OrderCore
import Testing
import Vault

@Suite("Vault key files")
struct VaultKeyFileTests {
  typealias Kit = VaultTestKit

  private func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return try #require(attributes[.posixPermissions] as? Int)
  }

  private var hpke: String { "vault-hpke.key" }
  private var kek: String { "vault-kek.key" }

  @Test func keysAreCreatedOwnerOnlyAndTheKEKApart() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // Kept open, so that its WAL file exists to be checked.
    let vault = try Vault.open(in: directory)
    defer { withExtendedLifetime(vault) {} }
    #expect(try mode(directory.vault) == 0o700)
    #expect(try mode(directory.keys) == 0o700)
    #expect(try mode(directory.vault + "/" + hpke) == 0o600)
    #expect(try mode(directory.keys + "/" + kek) == 0o600)
    #expect(!FileManager.default.fileExists(atPath: directory.vault + "/" + kek))
    #expect(!FileManager.default.fileExists(atPath: directory.keys + "/" + hpke))
    let sizes = try [directory.vault + "/" + hpke, directory.keys + "/" + kek].map {
      try Data(contentsOf: URL(fileURLWithPath: $0)).count
    }
    #expect(sizes == [32, 32])
    for database in ["vault.sqlite", "vault.sqlite-wal"] {
      #expect(try mode(directory.vault + "/" + database) == 0o600, "\(database)")
    }
    // No temporary file is left beside a key.
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.keys)
    #expect(names == [kek])
  }

  @Test func theSameKeysAreReusedAcrossRestarts() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let first = try Vault.open(in: directory).publicKey
    let keyBytes = try Data(contentsOf: URL(fileURLWithPath: directory.keys + "/" + kek))
    let second = try Vault.open(in: directory).publicKey
    #expect(first == second)
    #expect(try Data(contentsOf: URL(fileURLWithPath: directory.keys + "/" + kek)) == keyBytes)
    #expect(first.keyId == VaultPublicKey.keyId(forRawKey: first.rawRepresentation))
    #expect(first.keyId.count == 16)

    let other = try TemporaryDirectory()
    defer { other.remove() }
    #expect(try Vault.open(in: other).publicKey != first)
  }

  @Test func theKEKMayShareTheVaultDirectoryAsAFileOfItsOwn() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory, separateKeys: false)
    #expect(FileManager.default.fileExists(atPath: directory.vault + "/" + kek))
    #expect(try mode(directory.vault + "/" + kek) == 0o600)
  }

  @Test(arguments: [0, 31, 33, 4096])
  func keyFilesOfTheWrongSizeAreRefused(size: Int) throws {
    for (folder, name) in [
      (\TemporaryDirectory.vault, "vault-hpke.key"), (\.keys, "vault-kek.key"),
    ] {
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      _ = try Vault.open(in: directory)
      let path = directory[keyPath: folder] + "/" + name
      try Data(repeating: 1, count: size).write(to: URL(fileURLWithPath: path))
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
      do {
        _ = try Vault.open(in: directory)
        Issue.record("a \(size)-byte \(name) was accepted")
      } catch {
        guard case .keyFile(let reported, let problem) = error else {
          Issue.record("unexpected \(error)")
          continue
        }
        #expect(reported == path && problem.contains("\(size) bytes"))
      }
    }
  }

  @Test(arguments: [0o644, 0o604, 0o640, 0o660, 0o666])
  func keyFilesOthersMayReadAreRefused(permissions: Int) throws {
    for (folder, name) in [
      (\TemporaryDirectory.vault, "vault-hpke.key"), (\.keys, "vault-kek.key"),
    ] {
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      _ = try Vault.open(in: directory)
      let path = directory[keyPath: folder] + "/" + name
      try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
      do {
        _ = try Vault.open(in: directory)
        Issue.record("mode \(String(permissions, radix: 8)) was accepted for \(name)")
      } catch {
        #expect(
          error
            == .keyFile(
              path: path,
              problem: "its mode is 0\(String(permissions, radix: 8)), so other users may read "
                + "it; it must be 0600 (chmod 600). If others could read it, treat the key as "
                + "compromised."))
      }
    }
  }

  @Test func aDirectoryOthersMayEnterIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try FileManager.default.createDirectory(
      atPath: directory.keys, withIntermediateDirectories: false,
      attributes: [.posixPermissions: 0o755])
    #expect(throws: VaultError.self) { try Vault.open(in: directory) }
    #expect(!FileManager.default.fileExists(atPath: directory.keys + "/" + kek))
  }

  @Test func aSymbolicLinkInPlaceOfAKeyIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    let path = directory.keys + "/" + kek
    let moved = directory.url.appendingPathComponent("elsewhere.key").path
    try FileManager.default.moveItem(atPath: path, toPath: moved)
    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: moved)
    #expect(throws: VaultError.self) { try Vault.open(in: directory) }
  }

  @Test func aReplacedOrLostKEKIsReportedNotSilentlyReplaced() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    let path = directory.keys + "/" + kek
    try FileManager.default.removeItem(atPath: path)
    // A new KEK is made, but it cannot unwrap the data key the database holds.
    #expect(throws: VaultError.keyMismatch(keyFile: path)) { try Vault.open(in: directory) }
  }
}

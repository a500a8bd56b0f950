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

  /// The current HPKE key file and the key-encryption key file of a vault opened in
  /// `directory`.
  private func keyFiles(_ directory: TemporaryDirectory) throws -> [String] {
    [try directory.currentKeyFile(), try directory.keyEncryptionKeyFile()]
  }

  @Test func keysAreCreatedOwnerOnlyAndTheKEKApart() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // Kept open, so that its WAL file exists to be checked.
    let vault = try Vault.open(in: directory)
    defer { withExtendedLifetime(vault) {} }
    #expect(try mode(directory.vault) == 0o700)
    #expect(try mode(directory.keys) == 0o700)
    let (hpke, kek) = (try directory.currentKeyFile(), try directory.keyEncryptionKeyFile())
    #expect(hpke.hasSuffix("/vault-hpke-\(vault.publicKey.keyId).key"))
    for file in [hpke, kek, directory.vault + "/vault-hpke.ring", directory.vault + "/vault.lock"] {
      #expect(try mode(file) == 0o600, "\(file)")
    }
    let vaultNames = try FileManager.default.contentsOfDirectory(atPath: directory.vault)
    #expect(!vaultNames.contains { $0.hasPrefix("vault-kek") })
    let sizes = try [hpke, kek].map { try Data(contentsOf: URL(fileURLWithPath: $0)).count }
    #expect(sizes == [32, 32])
    for database in ["vault.sqlite", "vault.sqlite-wal", "vault.sqlite-shm"] {
      #expect(try mode(directory.vault + "/" + database) == 0o600, "\(database)")
    }
    // No temporary file is left beside a key.
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.keys)
    #expect(names == [URL(fileURLWithPath: kek).lastPathComponent])
    #expect(!vaultNames.contains { $0.contains(".tmp-") })
  }

  @Test func theSameKeysAreReusedAcrossRestarts() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let first = try Vault.open(in: directory).publicKey
    let kek = try directory.keyEncryptionKeyFile()
    let keyBytes = try Data(contentsOf: URL(fileURLWithPath: kek))
    let second = try Vault.open(in: directory).publicKey
    #expect(first == second)
    #expect(try directory.keyEncryptionKeyFile() == kek)
    #expect(try Data(contentsOf: URL(fileURLWithPath: kek)) == keyBytes)
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
    let kek = try directory.keyEncryptionKeyFile(in: directory.vault)
    #expect(try mode(kek) == 0o600)
    #expect(!FileManager.default.fileExists(atPath: directory.keys))
  }

  @Test(arguments: [0, 31, 33, 4096])
  func keyFilesOfTheWrongSizeAreRefused(size: Int) throws {
    for index in 0..<2 {
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      _ = try Vault.open(in: directory)
      let path = try keyFiles(directory)[index]
      try Data(repeating: 1, count: size).write(to: URL(fileURLWithPath: path))
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
      do {
        _ = try Vault.open(in: directory)
        Issue.record("a \(size)-byte \(path) was accepted")
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
    for index in 0..<2 {
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      _ = try Vault.open(in: directory)
      let path = try keyFiles(directory)[index]
      // The twin: the same files at 0600 open.
      _ = try Vault.open(in: directory)
      try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
      do {
        _ = try Vault.open(in: directory)
        Issue.record("mode \(String(permissions, radix: 8)) was accepted for \(path)")
      } catch {
        #expect(
          error
            == .keyFile(
              path: path,
              problem: "its mode is 0\(String(permissions, radix: 8)), so other users may read "
                + "it; it must be 0600: run chmod 600 \(path). If others could read it, treat "
                + "the key as compromised."))
      }
    }
  }

  @Test func aDirectoryOthersMayEnterIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try FileManager.default.createDirectory(
      atPath: directory.keys, withIntermediateDirectories: false,
      attributes: [.posixPermissions: 0o755])
    do {
      _ = try Vault.open(in: directory)
      Issue.record("a key directory of mode 0755 was accepted")
    } catch {
      guard case .unsafeDirectory(let path, let problem) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(path == directory.keys && problem.contains("run chmod 700 \(directory.keys)."))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.keys).isEmpty)
    // The twin: the same directory at 0700 is used.
    try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.keys)
    _ = try Vault.open(in: directory)
  }

  @Test func aSymbolicLinkInPlaceOfAKeyIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    for path in try keyFiles(directory) {
      let moved = directory.url.appendingPathComponent("elsewhere.key").path
      try FileManager.default.moveItem(atPath: path, toPath: moved)
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: moved)
      #expect(throws: VaultError.self) { try Vault.open(in: directory) }
      try FileManager.default.removeItem(atPath: path)
      try FileManager.default.moveItem(atPath: moved, toPath: path)
      // The twin: the file itself in its place opens.
      _ = try Vault.open(in: directory)
    }
  }

  @Test func aLostKEKIsReportedNotSilentlyReplaced() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    let path = try directory.keyEncryptionKeyFile()
    try FileManager.default.removeItem(atPath: path)
    do {
      _ = try Vault.open(in: directory)
      Issue.record("a vault without its key-encryption key opened")
    } catch {
      guard case .keyFile(let reported, let problem) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(reported == path && problem.contains("missing"))
    }
    // No new key was made in its place.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.keys).isEmpty)
  }

  @Test func aReplacedKEKIsReportedAsNotTheOneThatWrapsTheDataKey() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Vault.open(in: directory)
    let path = try directory.keyEncryptionKeyFile()
    try Data(repeating: 7, count: 32).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    #expect(throws: VaultError.keyMismatch(keyFile: path)) { try Vault.open(in: directory) }
  }
}

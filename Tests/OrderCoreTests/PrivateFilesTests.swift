import Foundation
import Testing

@testable import OrderCore

/// Data directories are 0700 and their files 0600 from the moment they exist, and anything
/// wider is found and named with the mode it must have.
@Suite("Private files")
struct PrivateFilesTests {
  static func mode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
  }

  static func withRoot(_ body: (String) throws -> Void) throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-private-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try body(root)
  }

  @Test func directoriesAndTheirMissingParentsAreMade0700AndFiles0600() throws {
    try Self.withRoot { root in
      try PrivateFiles.createDirectory(root + "/a/b")
      #expect(try Self.mode(root) == 0o700)
      #expect(try Self.mode(root + "/a") == 0o700)
      #expect(try Self.mode(root + "/a/b") == 0o700)
      try PrivateFiles.createFile(root + "/a/empty")
      try PrivateFiles.writeNewFile(root + "/a/b/key", Array("secret".utf8))
      #expect(try Self.mode(root + "/a/empty") == 0o600)
      #expect(try Self.mode(root + "/a/b/key") == 0o600)
      #expect(FileManager.default.contents(atPath: root + "/a/b/key") == Data("secret".utf8))
      #expect(PrivateFiles.problem(under: root) == nil)
    }
  }

  @Test func aNewFileNeverReplacesOneThatIsThere() throws {
    try Self.withRoot { root in
      try PrivateFiles.createDirectory(root)
      try PrivateFiles.writeNewFile(root + "/key", [1, 2, 3])
      #expect(throws: PrivateFiles.Problem.self) {
        try PrivateFiles.writeNewFile(root + "/key", [4, 5, 6])
      }
      #expect(FileManager.default.contents(atPath: root + "/key") == Data([1, 2, 3]))
    }
  }

  @Test(arguments: [
    ("", 0o755, "0700"), ("/tls", 0o750, "0700"), ("/orders.sqlite", 0o644, "0600"),
    ("/tls/service-key.pem", 0o640, "0600"), ("/orders.sqlite-wal", 0o604, "0600"),
  ])
  func aWiderModeAnywhereIsNamedWithTheModeItMustHave(
    relative: String, widened: Int, wanted: String
  ) throws {
    try Self.withRoot { root in
      try PrivateFiles.createDirectory(root + "/tls")
      for file in ["/orders.sqlite", "/orders.sqlite-wal", "/tls/service-key.pem"] {
        try PrivateFiles.createFile(root + file)
      }
      // The twin: private as made, nothing is found.
      #expect(PrivateFiles.problem(under: root) == nil)
      let path = root + relative
      #expect(chmod(path, mode_t(widened)) == 0)
      let problem = try #require(PrivateFiles.problem(under: root))
      #expect(problem.path == path)
      #expect(problem.description.contains("has mode 0\(String(widened, radix: 8))"))
      #expect(problem.description.contains("it must be \(wanted)"), "\(problem)")
      // Reported, never narrowed.
      #expect(try Self.mode(path) == widened)
    }
  }

  @Test func aLinkOrAPipeInADataDirectoryIsRefused() throws {
    try Self.withRoot { root in
      try PrivateFiles.createDirectory(root)
      try FileManager.default.createSymbolicLink(
        atPath: root + "/link", withDestinationPath: "/etc/passwd")
      let problem = try #require(PrivateFiles.problem(under: root))
      #expect(problem.path == root + "/link")
      #expect(problem.description.contains("not a file or a directory"))
      try FileManager.default.removeItem(atPath: root + "/link")
      #expect(mkfifo(root + "/pipe", 0o600) == 0)
      #expect(PrivateFiles.problem(under: root)?.path == root + "/pipe")
    }
  }
}

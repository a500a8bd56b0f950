import Foundation
import Logging
import OrderCore
import Testing
import Vault

@testable import OrderService

/// The service's data directory is readable by its owner alone: every directory 0700 and
/// every file 0600 as made, and a wider one refused at start, named with the mode it wants.
@Suite("Data directory modes")
struct DataDirectoryModeTests {
  /// Every path under `root` with its mode, found by walking it.
  static func modes(under root: String) throws -> [String: Int] {
    var found: [String: Int] = [:]
    let enumerator = try #require(FileManager.default.enumerator(atPath: root))
    for case let relative as String in enumerator {
      let path = root + "/" + relative
      found[relative] =
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }
    return found
  }

  @Test func afterAnOrderEveryDirectoryIs0700AndEveryFile0600() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-modes-\(UUID().uuidString)").path
    defer {
      try? FileManager.default.removeItem(atPath: directory)
      try? FileManager.default.removeItem(atPath: directory + "-vault")
    }
    var seen: [String: Int] = [:]
    try await withService(directory: directory) { service in
      let submission = try await Orders.submission(service.channel)
      guard case .accepted = try await service.channel.submit(submission) else {
        Issue.record("the order was not accepted")
        return
      }
      // While the service runs, so that the WAL and shared-memory files are there too.
      seen = try Self.modes(under: directory)
    }
    for name in [
      "orders.sqlite", "orders.sqlite-wal", "orders.sqlite-shm", "staff.sqlite", "audit.sqlite",
      "audit.head",
      "download-signing.key", "tls/service-cert.pem", "tls/service-key.pem",
    ] {
      #expect(
        seen[name] == 0o600, "\(name): \(seen[name].map { String($0, radix: 8) } ?? "missing")")
    }
    #expect(seen["tls"] == 0o700)
    #expect(seen["logs"] == 0o700)
    let wide = seen.filter { $0.value & 0o077 != 0 }
    #expect(wide.isEmpty, "\(wide.mapValues { String($0, radix: 8) })")
  }

  @Test(arguments: [
    "orders.sqlite", "staff.sqlite", "audit.sqlite", "tls/service-key.pem", "tls", "",
  ])
  func aWidenedFileOrDirectoryIsRefusedAtStartAndLeftAsItWas(name: String) async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-modes-\(UUID().uuidString)").path
    defer {
      try? FileManager.default.removeItem(atPath: directory)
      try? FileManager.default.removeItem(atPath: directory + "-vault")
    }
    // A first start makes every file.
    try await withService(directory: directory) { _ in }
    let path = name.isEmpty ? directory : directory + "/" + name
    var status = stat()
    #expect(stat(path, &status) == 0)
    let isDirectory = status.st_mode & S_IFMT == S_IFDIR
    // The twin: as the service left them, a second start works.
    try await withService(directory: directory) { service in
      let up = try await service.channel.health()
      #expect(up)
    }
    #expect(chmod(path, isDirectory ? 0o755 : 0o644) == 0)
    do {
      try await withService(directory: directory) { _ in }
      Issue.record("a data directory with \(path) open to others was accepted")
    } catch {
      let message = "\(error)"
      #expect(message.contains(path), "\(message)")
      #expect(message.contains(isDirectory ? "it must be 0700" : "it must be 0600"), "\(message)")
    }
    var after = stat()
    #expect(stat(path, &after) == 0)
    #expect(after.st_mode & 0o777 == (isDirectory ? 0o755 : 0o644))
  }
}

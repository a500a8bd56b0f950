import DeskUI
import Foundation
import OrderCore
import Testing

@testable import OrderDeskCommand

/// The desk's audit log of read-backs: one line each, the desk's id kept, never a digit.
@Suite struct CardReadBackLogTests {
  static func directory() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-audit-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func eachReadBackIsOneLineWithTheDeskAndTheOrder() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = CardReadBackLog(directory: directory)
    let order = try #require(IdempotencyKey("order-key-1"))
    try log.record(CardReadBackRecord(orderInProgress: order), at: Date(timeIntervalSince1970: 0))
    try log.record(CardReadBackRecord(orderInProgress: order), at: Date(timeIntervalSince1970: 60))

    let lines = try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    let desk = try log.deskID()
    let expected =
      #"{"at":"1970-01-01T00:00:00Z","desk":"\#(desk)","event":"card_number_read_back","#
      + #""orderInProgress":"order-key-1","staff":null}"#
    #expect(lines.first.map(String.init) == expected)
    #expect(lines.allSatisfy { $0.contains(#""desk":"\#(desk)""#) }, "one id for the desk")
    let files = FileManager.default
    #expect(try files.attributesOfItem(atPath: log.path)[.posixPermissions] as? Int == 0o600)
    let folder = try files.attributesOfItem(atPath: log.auditDirectory)[.posixPermissions]
    #expect(folder as? Int == 0o700)
  }

  @Test func aReadBackAtAStaffDeskNamesTheMemberSignedIn() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let log = CardReadBackLog(directory: directory)
    let order = try #require(IdempotencyKey("order-key-2"))
    try log.record(
      CardReadBackRecord(orderInProgress: order, staff: StaffMember(name: "ana", role: .agent)),
      at: Date(timeIntervalSince1970: 0))
    let line = try String(contentsOfFile: log.path, encoding: .utf8)
    #expect(line.contains(#""staff":"ana"}"#), "\(line)")
  }

  /// A log that cannot be written says so: the desk then shows no digit.
  @Test func aLogThatCannotBeWrittenThrows() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // A file where the audit folder should be.
    FileManager.default.createFile(atPath: directory + "/audit", contents: Data())
    let order = try #require(IdempotencyKey("order-key-1"))
    #expect(throws: (any Error).self) {
      try CardReadBackLog(directory: directory).record(
        CardReadBackRecord(orderInProgress: order), at: Date())
    }
  }
}

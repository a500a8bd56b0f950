import Foundation
import GRDB
import OrderCore
import Testing

@testable import StaffAccounts

/// Each way of tampering with the trail, done with raw SQL after dropping the triggers, and
/// the untouched twin that verifies: the check can fail and can pass.
struct AuditTamperTests {
  /// A trail of five records and a raw connection to its file with the triggers dropped.
  private func fiveRecords(_ path: String) async throws -> (AuditTrail, DatabaseQueue) {
    let trail = try AuditTrail(directory: path, clock: { startOfTest })
    for index in 1...5 {
      try await trail.append(
        AuditEntry(
          actor: .staff("alice"), role: .agent, action: .orderViewed, outcome: .success,
          origin: "192.0.2.7", detail: "record \(index)"))
    }
    let raw = try DatabaseQueue(path: trail.path)
    try await raw.write { db in
      try db.execute(sql: "DROP TRIGGER audit_record_no_update")
      try db.execute(sql: "DROP TRIGGER audit_record_no_delete")
    }
    return (trail, raw)
  }

  @Test func theUntouchedTrailVerifies() async throws {
    try await withStaffDirectory { path in
      let (trail, _) = try await fiveRecords(path)
      #expect(try trail.verify() == .intact(records: 5))
    }
  }

  @Test func aChangedFieldIsFound() async throws {
    try await withStaffDirectory { path in
      let (trail, raw) = try await fiveRecords(path)
      try await raw.write { db in
        try db.execute(sql: "UPDATE audit_record SET actor = 'bob' WHERE sequence = 3")
      }
      #expect(try trail.verify() == .broken(AuditBreak(sequence: 3, problem: .altered)))
    }
  }

  @Test func eachFieldIsCoveredByTheHash() async throws {
    for change in [
      "at_ms = at_ms + 1", "role = 'supervisor'", "role = NULL", "action = 'refund'",
      "outcome = 'failure'", "origin = '198.51.100.1'", "order_number = 'OD-1'",
      "detail = 'record 9'", "previous_hash = randomblob(32)", "hash = randomblob(32)",
    ] {
      try await withStaffDirectory { path in
        let (trail, raw) = try await fiveRecords(path)
        try await raw.write { db in
          try db.execute(sql: "UPDATE audit_record SET \(change) WHERE sequence = 2")
        }
        let found = try trail.verify()
        #expect(found != .intact(records: 5), "\(change)")
        guard case .broken(let problem) = found else { return }
        #expect(problem.sequence == 2, "\(change)")
      }
    }
  }

  @Test func aChangedAndRehashedRecordBreaksTheLinkAfterIt() async throws {
    try await withStaffDirectory { path in
      let (trail, raw) = try await fiveRecords(path)
      // A forger who knows the encoding changes record 3 and gives it the hash that fits.
      try await raw.write { db in
        let row = try #require(
          try Row.fetchOne(db, sql: "SELECT * FROM audit_record WHERE sequence = 3"))
        var fields = try #require(AuditChain.Fields(row: row))
        fields.detail = "nothing to see"
        let previous = try #require(AuditTrail.bytes(row, "previous_hash"))
        try db.execute(
          sql: "UPDATE audit_record SET detail = ?, hash = ? WHERE sequence = 3",
          arguments: [fields.detail, Data(AuditChain.hash(fields, previousHash: previous))])
      }
      #expect(try trail.verify() == .broken(AuditBreak(sequence: 4, problem: .doesNotFollow)))
    }
  }

  @Test func aDeletedMiddleRecordIsFound() async throws {
    try await withStaffDirectory { path in
      let (trail, raw) = try await fiveRecords(path)
      try await raw.write { db in try db.execute(sql: "DELETE FROM audit_record WHERE sequence = 3")
      }
      #expect(try trail.verify() == .broken(AuditBreak(sequence: 3, problem: .missing)))
    }
  }

  @Test func aDeletedFirstRecordIsFound() async throws {
    try await withStaffDirectory { path in
      let (trail, raw) = try await fiveRecords(path)
      try await raw.write { db in try db.execute(sql: "DELETE FROM audit_record WHERE sequence = 1")
      }
      #expect(try trail.verify() == .broken(AuditBreak(sequence: 1, problem: .missing)))
    }
  }

  @Test func aDeletedLastRecordIsFoundByTheHeadAndStopsAppends() async throws {
    try await withStaffDirectory { path in
      let (trail, raw) = try await fiveRecords(path)
      try await raw.write { db in try db.execute(sql: "DELETE FROM audit_record WHERE sequence = 5")
      }
      let truncated = AuditBreak(sequence: 5, problem: .truncated(lastPresent: 4))
      #expect(try trail.verify() == .broken(truncated))
      // Appending would hide the deletion behind a new, whole chain.
      await #expect(throws: AuditTrailError.broken(truncated)) {
        try await trail.append(
          AuditEntry(actor: .staff("alice"), action: .search, outcome: .success, origin: "x"))
      }
      #expect(try trail.verify() == .broken(truncated))
    }
  }

  @Test func reorderedRecordsAreFound() async throws {
    try await withStaffDirectory { path in
      let (trail, raw) = try await fiveRecords(path)
      try await raw.write { db in
        try db.execute(sql: "UPDATE audit_record SET sequence = -2 WHERE sequence = 2")
        try db.execute(sql: "UPDATE audit_record SET sequence = 2 WHERE sequence = 3")
        try db.execute(sql: "UPDATE audit_record SET sequence = 3 WHERE sequence = -2")
      }
      #expect(try trail.verify() == .broken(AuditBreak(sequence: 2, problem: .altered)))
    }
  }

  @Test func aRemovedHeadFileIsFound() async throws {
    try await withStaffDirectory { path in
      let (trail, _) = try await fiveRecords(path)
      try FileManager.default.removeItem(atPath: trail.headPath)
      #expect(try trail.verify() == .broken(AuditBreak(sequence: 5, problem: .headMissing)))
    }
  }

  @Test func aHeadFileWithAnotherHashIsFound() async throws {
    try await withStaffDirectory { path in
      let (trail, _) = try await fiveRecords(path)
      try FileManager.default.removeItem(atPath: trail.headPath)
      let forged = "orderdesk audit head v1\n5 " + String(repeating: "ab", count: 32) + "\n"
      #expect(
        FileManager.default.createFile(
          atPath: trail.headPath, contents: Data(forged.utf8),
          attributes: [.posixPermissions: 0o600]))
      #expect(try trail.verify() == .broken(AuditBreak(sequence: 5, problem: .headMismatch)))
    }
  }

  @Test func aHeadThatLagsBehindAnAppendStillVerifies() async throws {
    try await withStaffDirectory { path in
      let (trail, _) = try await fiveRecords(path)
      let five = try Data(contentsOf: URL(fileURLWithPath: trail.headPath))
      try await trail.append(
        AuditEntry(actor: .staff("alice"), action: .search, outcome: .success, origin: "x"))
      // As after a crash between the commit and the head's rename.
      try five.write(to: URL(fileURLWithPath: trail.headPath))
      #expect(try trail.verify() == .intact(records: 6))
      try await trail.append(
        AuditEntry(actor: .staff("alice"), action: .search, outcome: .success, origin: "x"))
      #expect(try trail.verify() == .intact(records: 7))
    }
  }
}

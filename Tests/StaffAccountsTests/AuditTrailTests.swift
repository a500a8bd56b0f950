import Foundation
import GRDB
import OrderCore
import StaffAccounts
import Synchronization
import Testing

struct AuditTrailTests {
  private func entry(
    _ actor: AuditActor = .staff("alice"), _ action: AuditAction = .search,
    outcome: AuditOutcome = .success, order: String? = nil, detail: String = ""
  ) -> AuditEntry {
    AuditEntry(
      actor: actor, role: .agent, action: action, outcome: outcome, origin: "192.0.2.7",
      order: order.flatMap(OrderNumber.init), detail: detail)
  }

  @Test func recordsCarryEveryFieldAndChainFromZero() async throws {
    try await withStaffDirectory { path in
      let trail = try AuditTrail(directory: path, clock: { startOfTest })
      let first = try await trail.append(
        entry(.staff("alice"), .orderViewed, order: "od-1234", detail: "looked up"))
      let second = try await trail.append(entry(.admin(systemUser: "root"), .accountAdded))
      #expect(first.sequence == 1)
      #expect(first.previousHash == [UInt8](repeating: 0, count: 32))
      #expect(first.hash.count == 32)
      #expect(second.sequence == 2)
      #expect(second.previousHash == first.hash)
      #expect(first.order == "OD-1234")
      #expect(first.time == startOfTest)
      #expect(first.actor == "alice")
      #expect(second.actor == "admin:root")
      #expect(try trail.records() == [first, second])
      #expect(try trail.verify() == .intact(records: 2))
    }
  }

  @Test func filtersSelectByActorActionOrderOutcomeTimeAndLimit() async throws {
    try await withStaffDirectory { path in
      let now = Mutex(startOfTest)
      let trail = try AuditTrail(directory: path, clock: { now.withLock { $0 } })
      for (index, (actor, action)) in [
        ("alice", AuditAction.search), ("bob", .refund), ("alice", .orderViewed),
        ("alice", .refund), ("bob", .signOut),
      ].enumerated() {
        now.withLock { $0 = startOfTest + Double(index) * 86400 }
        try await trail.append(
          entry(
            .staff(actor), action, outcome: index == 3 ? .failure : .success,
            order: action == .refund ? "OD-7777" : nil))
      }
      #expect(try trail.records(AuditFilter(actor: "alice")).map(\.sequence) == [1, 3, 4])
      #expect(try trail.records(AuditFilter(action: .refund)).map(\.sequence) == [2, 4])
      #expect(
        try trail.records(AuditFilter(order: OrderNumber("od-7777"))).map(\.sequence) == [2, 4])
      #expect(try trail.records(AuditFilter(outcome: .failure)).map(\.sequence) == [4])
      #expect(
        try trail.records(AuditFilter(since: startOfTest + 86400, until: startOfTest + 3 * 86400))
          .map(\.sequence) == [2, 3])
      #expect(try trail.records(AuditFilter(limit: 2)).map(\.sequence) == [4, 5])
      #expect(
        try trail.records(AuditFilter(actor: "alice", limit: 1)).map(\.sequence) == [4])
    }
  }

  @Test func concurrentAppendsFromTwoHandlesKeepOneChain() async throws {
    try await withStaffDirectory { path in
      // Two handles on one file, as the service and an administration command are.
      let trails = [try AuditTrail(directory: path), try AuditTrail(directory: path)]
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<200 {
          group.addTask {
            try await trails[index % 2].append(self.entry(detail: "append \(index)"))
          }
        }
        try await group.waitForAll()
      }
      let records = try trails[0].records()
      #expect(records.map(\.sequence) == Array(1...200))
      #expect(Set(records.map(\.detail)).count == 200)
      #expect(try trails[1].verify() == .intact(records: 200))
    }
  }

  @Test func triggersRefuseUpdateAndDelete() async throws {
    try await withStaffDirectory { path in
      let trail = try AuditTrail(directory: path)
      try await trail.append(entry())
      let database = try DatabaseQueue(path: trail.path)
      await #expect(throws: DatabaseError.self) {
        try await database.write { db in
          try db.execute(sql: "UPDATE audit_record SET actor = 'eve'")
        }
      }
      await #expect(throws: DatabaseError.self) {
        try await database.write { db in try db.execute(sql: "DELETE FROM audit_record") }
      }
      #expect(try trail.verify() == .intact(records: 1))
    }
  }

  @Test func theFilesArePrivate() async throws {
    try await withStaffDirectory { path in
      let trail = try AuditTrail(directory: path)
      try await trail.append(entry())
      for name in try FileManager.default.contentsOfDirectory(atPath: path) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "/" + name)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
      }
      #expect(FileManager.default.fileExists(atPath: trail.headPath))
    }
  }

  @Test func aLongDetailIsCutToFiveHundredCharacters() async throws {
    try await withStaffDirectory { path in
      let trail = try AuditTrail(directory: path)
      let record = try await trail.append(entry(detail: String(repeating: "é", count: 10_000)))
      #expect(record.detail.count == 500)
      #expect(record.detail.hasSuffix("…"))
    }
  }

  @Test func controlCharactersAreStoredAsVisibleStandIns() async throws {
    try await withStaffDirectory { path in
      let trail = try AuditTrail(directory: path)
      let record = try await trail.append(
        entry(.unknown(typed: "eve\u{1B}[2J\n"), detail: "line one\nline two\u{0}"))
      #expect(!TerminalText.containsControls(record.actor))
      #expect(!TerminalText.containsControls(record.detail))
      #expect(record.actor.hasPrefix("unknown:eve"))
    }
  }
}

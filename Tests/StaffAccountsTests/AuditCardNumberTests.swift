import Foundation
import OrderCore
import OrderDeskTestSupport
import StaffAccounts
import Testing

/// No card number reaches the audit file, whichever field it is typed into.
struct AuditCardNumberTests {
  static let numbers = ["4242424242424242", "5555555555554444", "378282246310005"]

  @Test func cardNumbersInAnyFieldAreReplacedBeforeTheyAreWritten() async throws {
    try await withStaffDirectory { path in
      let trail = try AuditTrail(directory: path)
      for number in Self.numbers {
        for spelling in CardLeaks.spellings(of: number) {
          try await trail.append(
            AuditEntry(
              actor: .unknown(typed: spelling), action: .customerSearch, outcome: .failure,
              origin: spelling, order: OrderNumber(number),
              detail: "caller read out \(spelling) for the refund"))
        }
        // At the edge of the detail's 500 characters.
        try await trail.append(
          AuditEntry(
            actor: .staff("alice"), action: .search, outcome: .success, origin: "192.0.2.7",
            detail: String(repeating: "x", count: 490) + number))
      }
      let records = try trail.records()
      #expect(records.contains { $0.detail.contains("[card number]") })
      #expect(records.contains { $0.actor == "unknown:[card number]" })
      #expect(records.allSatisfy { $0.order == nil })
      for record in records {
        for text in [record.actor, record.origin, record.detail, record.order ?? ""] {
          #expect(!CardNumberScanner.containsCardNumber(text))
        }
      }
      #expect(try trail.verify() == .intact(records: records.count))
      let findings = CardLeaks.findings(inDirectory: path, numbers: Self.numbers, cvcs: [])
      #expect(findings.isEmpty, "\(findings)")
    }
  }

  @Test func aSignInWithACardNumberAsTheNameLeavesNoTrace() async throws {
    try await withStaffDirectory { path in
      let directory = try cheapDirectory(path)
      let trail = try AuditTrail(directory: path)
      let sessions = StaffSessions(directory: directory, audit: trail)
      for number in Self.numbers {
        await #expect(throws: StaffSessionError.signIn(.wrongCredentials)) {
          _ = try await sessions.signIn(
            name: number, passphrase: number, code: "123456", origin: "192.0.2.7",
            at: startOfTest)
        }
      }
      let findings = CardLeaks.findings(inDirectory: path, numbers: Self.numbers, cvcs: [])
      #expect(findings.isEmpty, "\(findings)")
      #expect(try trail.records().count == Self.numbers.count)
    }
  }
}

import CardSealing
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing
import Vault
import VaultAPI

@Suite("Vault refunds")
struct VaultRefundTests {
  typealias Kit = VaultTestKit

  /// An approved charge of `Kit.euros` on the visa test card: its token and authorization code.
  static func charge(
    _ vault: Vault, key: String = "charge-1"
  ) async throws -> (token: String, code: String) {
    let key = Kit.key(key)
    let answer = try await vault.authorize(
      Kit.seal("4242424242424242", to: vault, key: key), idempotencyKey: key, amount: Kit.euros,
      reference: "OD-CHARGE")
    guard case .approved(_, let token, let code) = answer else {
      Issue.record("the test card was not approved: \(answer)")
      throw VaultError.idempotencyConflict
    }
    return (token, code)
  }

  static let partial = Money(minorUnits: 1_500, currency: .eur)

  @Test func anApprovedChargeIsRefundedInPartAndInFull() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let logs = LogRecorder()
    let vault = try Vault.open(in: directory, processor: processor, logs: logs)
    let (token, code) = try await Self.charge(vault)

    for (index, amount) in [Self.partial, Kit.euros].enumerated() {
      let answer = try await vault.refund(
        token: token, authorizationCode: code, amount: amount, reference: "OD-CHARGE",
        idempotencyKey: Kit.key("refund-\(index)"))
      guard case .refunded(let refundId) = answer else {
        Issue.record("the refund was not made: \(answer)")
        return
      }
      #expect(!refundId.isEmpty && refundId.allSatisfy { $0.isLetter })
    }
    #expect(processor.refunds == 2 && processor.calls == 1)
    #expect(logs.text.contains("card refunded"))
    #expect(!CardLeaks.leaks(in: logs.text, number: "4242424242424242", cvc: "739"))
  }

  @Test func aRepeatReturnsTheFirstAnswerWithoutAskingTheProcessorAgain() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let (token, code) = try await Self.charge(vault)
    let key = Kit.key("refund-repeat")

    let first = try await vault.refund(
      token: token, authorizationCode: code, amount: Self.partial, reference: "OD-R1",
      idempotencyKey: key)
    let second = try await vault.refund(
      token: token, authorizationCode: code, amount: Self.partial, reference: "OD-R1-RETRY",
      idempotencyKey: key)
    #expect(first == second)
    #expect(processor.refunds == 1)

    // The same key for another amount is not the same refund.
    await #expect(throws: VaultError.idempotencyConflict) {
      try await vault.refund(
        token: token, authorizationCode: code, amount: Kit.euros, reference: "OD-R1",
        idempotencyKey: key)
    }
    #expect(processor.refunds == 1)
  }

  @Test func concurrentRepeatsAskTheProcessorOnce() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor(delay: .milliseconds(50))
    let vault = try Vault.open(in: directory, processor: processor)
    let (token, code) = try await Self.charge(vault)
    let key = Kit.key("refund-concurrent")
    let answers = try await withThrowingTaskGroup(of: VaultRefund.self) { group in
      for _ in 0..<8 {
        group.addTask {
          try await vault.refund(
            token: token, authorizationCode: code, amount: Self.partial, reference: "OD-R2",
            idempotencyKey: key)
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(answers.count == 8 && Set(answers).count == 1)
    #expect(processor.refunds == 1)
  }

  @Test func anUnknownTokenIsRefusedWithoutAskingTheProcessor() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let (_, code) = try await Self.charge(vault)
    for token in ["tok_unknown", ""] {
      await #expect {
        try await vault.refund(
          token: token, authorizationCode: code, amount: Self.partial, reference: "OD-R3",
          idempotencyKey: Kit.key("refund-unknown"))
      } throws: { error in
        guard case .invalidRequest(let detail) = error as? VaultError else { return false }
        return detail.hasSuffix(".") && detail.contains("token")
      }
    }
    #expect(processor.refunds == 0)
  }

  @Test func aZeroOrNegativeAmountIsRefusedWithoutAskingTheProcessor() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let (token, code) = try await Self.charge(vault)
    for minorUnits: Int64 in [0, -100] {
      await #expect {
        try await vault.refund(
          token: token, authorizationCode: code,
          amount: Money(minorUnits: minorUnits, currency: .eur), reference: "OD-R4",
          idempotencyKey: Kit.key("refund-zero-\(minorUnits)"))
      } throws: { error in
        guard case .invalidRequest(let detail) = error as? VaultError else { return false }
        return detail.contains("more than zero")
      }
    }
    #expect(processor.refunds == 0)
  }

  @Test func noAnswerFromTheProcessorStoresNothingAndARetryRefunds() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let (token, code) = try await Self.charge(vault)
    let key = Kit.key("refund-unavailable")
    processor.setFailing(true)
    await #expect(throws: VaultError.processorUnavailable("connection refused")) {
      try await vault.refund(
        token: token, authorizationCode: code, amount: Self.partial, reference: "OD-R5",
        idempotencyKey: key)
    }
    processor.setFailing(false)
    let answer = try await vault.refund(
      token: token, authorizationCode: code, amount: Self.partial, reference: "OD-R5",
      idempotencyKey: key)
    guard case .refunded = answer else {
      Issue.record("the retry was not refunded: \(answer)")
      return
    }
    #expect(processor.refunds == 2)
  }

  @Test func aRefundSurvivesARestart() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let key = Kit.key("refund-restart")
    let token: String
    let code: String
    let first: VaultRefund
    do {
      let vault = try Vault.open(in: directory)
      (token, code) = try await Self.charge(vault)
      first = try await vault.refund(
        token: token, authorizationCode: code, amount: Self.partial, reference: "OD-R6",
        idempotencyKey: key)
    }

    let processor = RecordingProcessor()
    let reopened = try Vault.open(in: directory, processor: processor)
    let again = try await reopened.refund(
      token: token, authorizationCode: code, amount: Self.partial, reference: "OD-R6",
      idempotencyKey: key)
    #expect(again == first)
    #expect(processor.refunds == 0)
  }

  @Test func theSimulatedProcessorDeclinesNothingToRefund() async throws {
    let processor = SimulatedProcessor(clock: { Kit.instant })
    let zero = try await processor.refund(
      RefundRequest(
        authorizationCode: "ABCDEF", amount: Money(minorUnits: 0, currency: .eur),
        reference: "OD-R7", idempotencyKey: Kit.key("refund-simulated")))
    #expect(zero == .declined(.invalidRefundAmount))
    #expect(!PaymentDecline.invalidRefundAmount.message.isEmpty)
  }
}

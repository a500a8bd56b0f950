import Foundation
import OrderAPI
import OrderCore
import OrderDeskTestSupport
import Testing
import Vault

@testable import OrderClient

/// One order and one charge per Idempotency-Key, however the submit is repeated.
@Suite(.serialized) struct IdempotencyTests {
  @Test func aRepeatReturnsTheFirstAnswerWithoutASecondCharge() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      let body = try Orders.body(submission)
      let first = try await service.submitRaw(body, key: submission.idempotencyKey.rawValue)
      let second = try await service.submitRaw(body, key: submission.idempotencyKey.rawValue)
      #expect(first.status == 201)
      #expect(second.status == 201)
      #expect(second.body == first.body)
      #expect(service.processor.count == 1)
      #expect(try await service.store().orderCount() == 1)
    }
  }

  @Test func aRepeatedDeclineIsTheSameDecline() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel, number: "4000000000009995")
      let body = try Orders.body(submission)
      let first = try await service.submitRaw(body, key: submission.idempotencyKey.rawValue)
      let second = try await service.submitRaw(body, key: submission.idempotencyKey.rawValue)
      #expect(first.status == 402)
      #expect(second.body == first.body)
      #expect(service.processor.count == 1)
      #expect(try await service.store().orderCount() == 0)
    }
  }

  @Test func theSameKeyWithAnotherBodyIsRefused() async throws {
    try await withService { service in
      let key = Orders.newKey()
      let first = try await Orders.submission(service.channel, key: key)
      let other = try await Orders.submission(
        service.channel, lines: [("LUMEN-PHOTO", 1)], key: key)
      #expect(try await service.submitRaw(Orders.body(first), key: key.rawValue).status == 201)
      let conflict = try await service.submitRaw(Orders.body(other), key: key.rawValue)
      #expect(conflict.status == 409)
      #expect(conflict.errorCode == "idempotency_conflict")
      #expect(service.processor.count == 1)
    }
  }

  @Test func concurrentDuplicatesMakeOneOrderAndOneCharge() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      let body = try Orders.body(submission)
      let channels = try (0..<12).map { _ in try service.newChannel() }
      let answers = try await withThrowingTaskGroup(of: IncomingResponse.self) { group in
        for channel in channels {
          group.addTask {
            try await service.submitRaw(body, key: submission.idempotencyKey.rawValue, on: channel)
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      for channel in channels { await channel.close() }
      #expect(answers.count == 12)
      #expect(answers.allSatisfy { $0.status == 201 && $0.body == answers[0].body })
      #expect(service.processor.count == 1)
      #expect(try await service.store().orderCount() == 1)
    }
  }

  @Test func theChannelRetriesWithTheSameKeyAndGetsTheSameOrder() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      guard case .accepted(let first) = try await service.channel.submit(submission),
        case .accepted(let again) = try await service.channel.submit(submission)
      else {
        Issue.record("not accepted")
        return
      }
      #expect(again.number == first.number)
      #expect(service.processor.count == 1)
    }
  }
}

/// The published test cards, answered as real processors answer them, and shown to the
/// customer as the large processors advise: a reason that helps a fraudster is a plain decline.
@Suite(.serialized) struct CardOutcomeTests {
  static let outcomes: [(number: String, decline: String?)] = [
    ("4242424242424242", nil),
    ("5555555555554444", nil),
    ("378282246310005", nil),
    ("4000000000000002", "card_declined"),
    ("4000000000009995", "insufficient_funds"),
    ("4000000000009987", "card_declined"),
    ("4000000000009979", "card_declined"),
    ("4100000000000019", "card_declined"),
    ("4000000000000069", "expired_card"),
    ("4000000000000127", "incorrect_cvc"),
    ("4000000000000119", "processing_error"),
  ]

  @Test func everyTestCardGetsItsAnswer() async throws {
    // Eleven cards from one address and email: more than the attempt limits allow.
    try await withService(velocity: VelocityPolicy(customer: .unlimited)) { service in
      for (number, decline) in Self.outcomes {
        let cvc = number.hasPrefix("37") ? "7391" : "739"
        let submission = try await Orders.submission(service.channel, number: number, cvc: cvc)
        let outcome = try await service.channel.submit(submission)
        switch (outcome, decline) {
        case (.accepted(let order), nil):
          #expect(order.card.lastFour == String(number.suffix(4)))
        case (.declined(let answer), let expected?):
          #expect(answer.code == expected, "\(number.suffix(4))")
          #expect(answer.message.hasSuffix("."))
          #expect(
            CardLeaks.findings(in: answer.message, numbers: [number], cvcs: [cvc]).isEmpty)
        default:
          Issue.record(
            "…\(number.suffix(4)) answered \(outcome), expected \(decline ?? "approval")")
        }
      }
      #expect(service.processor.count == Self.outcomes.count)
    }
  }
}

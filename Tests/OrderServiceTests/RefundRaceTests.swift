import Foundation
import OrderAPI
import OrderCore
import Testing

@testable import OrderClient

/// Refunds reserve their amount before the processor is asked, so concurrent refunds under
/// different keys can never pay out more than was charged.
@Suite(.serialized) struct RefundRaceTests {
  @Test func fiftyConcurrentRefundsOfSixtyPercentPayOutOnce() async throws {
    try await withService { service in
      let order = try await StaffRouteTests.order(service)
      let total = order.quote.total.minorUnits
      let share = total * 60 / 100
      let channels = try (0..<10).map { _ in try service.newChannel() }
      let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
        for index in 0..<50 {
          group.addTask {
            let response = try await StaffRouteTests.refund(
              service, order.number, amount: share, key: "refund-\(index)",
              on: channels[index % channels.count])
            return (response.status, response.errorCode)
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      for channel in channels { await channel.close() }
      #expect(statuses.filter { $0.0 == 201 }.count == 1)
      let refused = statuses.filter { $0.0 != 201 }
      #expect(refused.count == 49)
      #expect(refused.allSatisfy { $0 == (400, "refund_exceeds_charge") }, "\(refused)")
      #expect(service.processor.refundCount == 1)

      let stored = try #require(try await service.store().order(number: order.number))
      #expect(stored.refunded.minorUnits == share)
      #expect(stored.record.payment == .partiallyRefunded)
      // What is left can still be refunded, once.
      let rest = try await StaffRouteTests.refund(service, order.number, amount: nil)
      #expect(rest.status == 201)
      #expect(service.processor.refundCount == 2)
    }
  }
}

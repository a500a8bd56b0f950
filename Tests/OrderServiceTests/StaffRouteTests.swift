import Foundation
import OrderAPI
import OrderCore
import Testing

@testable import OrderClient

/// Search and refunds: for staff only, audited, and never more than was charged.
@Suite(.serialized) struct StaffRouteTests {
  /// Places an order and returns it.
  static func order(
    _ service: ServiceHarness, lines: [(String, Int)] = [("INKWELL-PRO", 2)],
    customer: Customer = Orders.customer
  ) async throws -> OrderRecord {
    let submission = try await Orders.submission(service.channel, lines: lines, customer: customer)
    guard case .accepted(let order) = try await service.channel.submit(submission) else {
      throw StaffTestError.notAccepted
    }
    return order
  }

  static func token(_ service: ServiceHarness) throws -> String {
    try String(contentsOfFile: service.service.staffTokenFile, encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func refund(
    _ service: ServiceHarness, _ number: OrderNumber, amount: Int64?,
    reason: String = "Ordered twice",
    key: String = UUID().uuidString, token: String? = nil, on channel: HTTPSOrderChannel? = nil
  ) async throws -> IncomingResponse {
    var body: [String: Any] = ["reason": reason]
    if let amount { body["amount"] = ["minorUnits": amount, "currency": "EUR"] }
    var headers = [("Idempotency-Key", key)]
    let bearer = try token ?? Self.token(service)
    headers.append(("Authorization", "Bearer \(bearer)"))
    return try await service.raw(
      .POST, "/v1/orders/\(number)/refunds",
      body: Array(try JSONSerialization.data(withJSONObject: body)), headers: headers,
      on: channel)
  }

  @Test func staffRoutesNeedTheStaffToken() async throws {
    try await withService { service in
      let order = try await Self.order(service)
      for headers in [[], [("Authorization", "Bearer wrong")], [("Authorization", "Basic x")]] {
        let search = try await service.raw(.GET, "/v1/orders?q=ada", headers: headers)
        #expect(search.status == 401)
        #expect(search.errorCode == "unauthorized")
      }
      let refund = try await Self.refund(service, order.number, amount: 100, token: "nope")
      #expect(refund.status == 401)
      #expect(service.processor.refundCount == 0)
    }
  }

  @Test func searchFindsOrdersByNumberEmailNameLastFourAndDate() async throws {
    try await withService { service in
      let first = try await Self.order(service)
      let other = Customer(
        name: "山田 太郎", email: "taro@example.jp",
        address: Address(country: "JP"))
      let second = try await Self.order(service, customer: other)
      let token = try Self.token(service)
      func numbers(_ query: String) async throws -> [String] {
        let answer = try await service.raw(
          .GET, "/v1/orders?q=\(PercentEncoding.encode(query))",
          headers: [("Authorization", "Bearer \(token)")])
        #expect(answer.status == 200, "\(answer.text)")
        let found = try JSONDecoder().decode(OrderSearchResponse.self, from: Data(answer.body))
        return found.orders.map(\.order.number.rawValue)
      }
      #expect(try await numbers(first.number.rawValue) == [first.number.rawValue])
      #expect(try await numbers("TARO@example.jp") == [second.number.rawValue])
      #expect(try await numbers("山田") == [second.number.rawValue])
      #expect(Set(try await numbers("4242")) == [first.number.rawValue, second.number.rawValue])
      let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
      #expect(try await numbers(String(today)).count == 2)
      #expect(try await numbers("' OR 1=1 --").isEmpty)
      #expect(try await numbers("%").isEmpty)
      let oversized = try await service.raw(
        .GET, "/v1/orders?q=\(String(repeating: "a", count: 300))",
        headers: [("Authorization", "Bearer \(token)")])
      #expect(oversized.status == 400)
    }
  }

  @Test func partialAndFullRefundsNeverExceedTheCharge() async throws {
    try await withService { service in
      let order = try await Self.order(service)
      let total = order.quote.total.minorUnits
      let partial = try await Self.refund(service, order.number, amount: 1000)
      #expect(partial.status == 201, "\(partial.text)")
      let afterPartial = try JSONDecoder().decode(RefundResponse.self, from: Data(partial.body))
      #expect(afterPartial.order.payment == .partiallyRefunded)

      let tooMuch = try await Self.refund(service, order.number, amount: total)
      #expect(tooMuch.status == 400)
      #expect(tooMuch.errorCode == "refund_exceeds_charge")

      let rest = try await Self.refund(service, order.number, amount: nil)
      #expect(rest.status == 201)
      let afterRest = try JSONDecoder().decode(RefundResponse.self, from: Data(rest.body))
      #expect(afterRest.refund.amount.minorUnits == total - 1000)
      #expect(afterRest.order.payment == .refunded)

      let nothingLeft = try await Self.refund(service, order.number, amount: 1)
      #expect(nothingLeft.errorCode == "refund_exceeds_charge")
      #expect(service.processor.refundCount == 2)

      // The look-up shows the refund; the audit trail names who, why and from where.
      let found = try await service.channel.lookUp(number: order.number, email: "ada@example.com")
      #expect(found?.payment == .refunded)
      let events = try await service.store().events(for: order.number)
      let refunds = events.filter { $0.amount != nil && $0.context.actor == "staff" }
      #expect(refunds.count == 2)
      #expect(refunds.allSatisfy { $0.context.note.contains("Ordered twice") })
      #expect(refunds.allSatisfy { $0.context.origin.hasPrefix("127.0.0.1") })
    }
  }

  @Test func aRepeatedRefundIsRefundedOnce() async throws {
    try await withService { service in
      let order = try await Self.order(service)
      let first = try await Self.refund(service, order.number, amount: 500, key: "refund-1")
      let again = try await Self.refund(service, order.number, amount: 500, key: "refund-1")
      #expect(first.status == 201)
      #expect(again.body == first.body)
      let conflict = try await Self.refund(service, order.number, amount: 700, key: "refund-1")
      #expect(conflict.status == 409)
      #expect(service.processor.refundCount == 1)
    }
  }

  @Test func badRefundsAreRefusedClearly() async throws {
    try await withService { service in
      let order = try await Self.order(service)
      let cases: [(OrderNumber, Int64?, String, String)] = [
        (order.number, 0, "why", "validation_failed"),
        (order.number, -5, "why", "validation_failed"),
        (order.number, 100, "", "validation_failed"),
        (order.number, 100, String(repeating: "x", count: 501), "validation_failed"),
        (order.number, 100, "\u{1B}[2J", "validation_failed"),
        (OrderNumber("OD-NOSUCHONE")!, 100, "why", "order_not_found"),
      ]
      for (number, amount, reason, code) in cases {
        let answer = try await Self.refund(service, number, amount: amount, reason: reason)
        #expect(answer.errorCode == code, "\(answer.text)")
      }
      #expect(service.processor.refundCount == 0)
    }
  }
}

enum StaffTestError: Error {
  case notAccepted
}

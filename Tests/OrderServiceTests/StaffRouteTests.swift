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

  /// A supervisor's session token.
  static func token(_ service: ServiceHarness) async throws -> String {
    try await service.staffToken(.supervisor)
  }

  static func refund(
    _ service: ServiceHarness, _ number: OrderNumber, amount: Int64?,
    reason: String = "duplicate", note: String = "Ordered twice", lines: [[String: Any]]? = nil,
    key: String = UUID().uuidString, token: String? = nil, on channel: HTTPSOrderChannel? = nil
  ) async throws -> IncomingResponse {
    var body: [String: Any] = ["reason": reason, "note": note]
    if let amount { body["amount"] = ["minorUnits": amount, "currency": "EUR"] }
    if let lines { body["lines"] = lines }
    var headers = [("Idempotency-Key", key)]
    let bearer: String
    if let token { bearer = token } else { bearer = try await Self.token(service) }
    headers.append(("Authorization", "Bearer \(bearer)"))
    return try await service.raw(
      .POST, "/v1/orders/\(number)/refunds",
      body: Array(try JSONSerialization.data(withJSONObject: body)), headers: headers,
      on: channel)
  }

  @Test func staffRoutesNeedAnOpenSession() async throws {
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
      let token = try await Self.token(service)
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
      let refunds = events.filter { $0.amount != nil && $0.context.actor == "staff:sup" }
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
      let cases: [(OrderNumber, Int64?, String, String, String)] = [
        (order.number, 0, "duplicate", "", "validation_failed"),
        (order.number, -5, "duplicate", "", "validation_failed"),
        (order.number, 100, "other", "", "validation_failed"),
        (order.number, 100, "other", "   ", "validation_failed"),
        (order.number, 100, "nonsense", "why", "validation_failed"),
        (order.number, 100, "", "why", "validation_failed"),
        (order.number, 100, "duplicate", String(repeating: "x", count: 501), "validation_failed"),
        (order.number, 100, "duplicate", "\u{1B}[2J", "validation_failed"),
        (order.number, 100, "duplicate", "card 4242 4242 4242 4242", "card_number_in_text"),
        (OrderNumber("OD-NOSUCHONE")!, 100, "duplicate", "why", "order_not_found"),
      ]
      for (number, amount, reason, note, code) in cases {
        let answer = try await Self.refund(
          service, number, amount: amount, reason: reason, note: note)
        #expect(answer.errorCode == code, "\(reason) \(note.prefix(20)): \(answer.text)")
        #expect(!answer.text.contains("4242 4242"))
      }
      // Lines: unknown, too many, none, zero, and an amount with lines.
      let lineCases: [([[String: Any]], Int64?)] = [
        ([["sku": "NO-SUCH-SKU", "quantity": 1]], nil),
        ([["sku": "INKWELL-PRO", "quantity": 3]], nil),
        ([], nil),
        ([["sku": "INKWELL-PRO", "quantity": 0]], nil),
        ([["sku": "INKWELL-PRO", "quantity": 1]], 100),
      ]
      for (lines, amount) in lineCases {
        let answer = try await Self.refund(service, order.number, amount: amount, lines: lines)
        #expect(answer.status == 400, "\(lines): \(answer.text)")
        #expect(answer.errorCode == "validation_failed", "\(lines): \(answer.text)")
      }
      #expect(service.processor.refundCount == 0)
    }
  }

  @Test func anAgentCannotRefund() async throws {
    try await withService { service in
      let order = try await Self.order(service)
      let agent = try await service.staffToken(.agent)
      let answer = try await Self.refund(service, order.number, amount: 100, token: agent)
      #expect(answer.status == 403, "\(answer.text)")
      #expect(answer.errorCode == "forbidden")
      #expect(service.processor.refundCount == 0)
      // Twin: the same request with a supervisor's session refunds.
      let supervisor = try await Self.refund(service, order.number, amount: 100)
      #expect(supervisor.status == 201, "\(supervisor.text)")
      #expect(service.processor.refundCount == 1)
    }
  }

  @Test func refundingLinesPricesThemWithTaxAndEndsTheirDownloadLinks() async throws {
    try await withService { service in
      let order = try await Self.order(service, lines: [("INKWELL-PRO", 2)])
      let line = try #require(order.quote.lines.first)
      let fulfilment = try #require(order.fulfilments.first)
      let link = try #require(URLComponents(string: fulfilment.downloadURL))
      func download() async throws -> Int {
        try await service.raw(.GET, link.path + "?" + (link.query ?? "")).status
      }
      #expect(try await download() == 200)

      let one = try await Self.refund(
        service, order.number, amount: nil, lines: [["sku": "INKWELL-PRO", "quantity": 1]])
      #expect(one.status == 201, "\(one.text)")
      let first = try JSONDecoder().decode(RefundResponse.self, from: Data(one.body))
      let net = line.unitPrice.minorUnits
      let tax = try Pricing.tax(on: line.unitPrice, at: order.quote.taxRate).minorUnits
      #expect(first.refund.amount.minorUnits == net + tax)
      #expect(first.refund.lines == [RefundLine(sku: line.sku, quantity: 1)])
      #expect(first.order.payment == .partiallyRefunded)
      // One of two units is still the customer's: the link still works.
      #expect(try await download() == 200)

      let again = try await Self.refund(
        service, order.number, amount: nil, lines: [["sku": "INKWELL-PRO", "quantity": 2]])
      #expect(again.errorCode == "validation_failed", "\(again.text)")
      let last = try await Self.refund(
        service, order.number, amount: nil, lines: [["sku": "INKWELL-PRO", "quantity": 1]])
      #expect(last.status == 201, "\(last.text)")
      #expect(try await download() == 410)
    }
  }

  @Test func theOrderPageShowsTheTimelineWithWhoWhatWhenAndWhere() async throws {
    try await withService { service in
      let order = try await Self.order(service)
      _ = try await Self.refund(service, order.number, amount: 250, reason: "requested_by_customer")
      let token = try await Self.token(service)
      let answer = try await service.raw(
        .GET, "/v1/staff/orders/\(order.number)", headers: [("Authorization", "Bearer \(token)")])
      #expect(answer.status == 200, "\(answer.text)")
      let page = try JSONDecoder().decode(OrderPageResponse.self, from: Data(answer.body)).page
      #expect(page.order.number == order.number)
      #expect(page.refunded.minorUnits == 250)
      #expect(page.refundable.minorUnits == order.quote.total.minorUnits - 250)
      #expect(page.timeline.first?.what == "order accepted")
      #expect(page.timeline.first?.who == "desk:terminal")
      let refund = try #require(page.timeline.last)
      #expect(refund.who == "staff:sup")
      #expect(refund.amount?.minorUnits == 250)
      #expect(refund.detail.contains("requested_by_customer"))
      #expect(refund.origin.hasPrefix("127.0.0.1"))

      let missing = try await service.raw(
        .GET, "/v1/staff/orders/OD-NOSUCHONE", headers: [("Authorization", "Bearer \(token)")])
      #expect(missing.status == 404)
      let noSession = try await service.raw(.GET, "/v1/staff/orders/\(order.number)")
      #expect(noSession.status == 401)
    }
  }

  @Test func searchNarrowsToARangeOfDaysAndRefusesBadDays() async throws {
    let now = Date()
    try await withService(clock: { now }) { service in
      let order = try await Self.order(service)
      let token = try await Self.token(service)
      let today = String(ISO8601DateFormatter().string(from: now).prefix(10))
      func search(_ query: String) async throws -> IncomingResponse {
        try await service.raw(
          .GET, "/v1/orders?\(query)", headers: [("Authorization", "Bearer \(token)")])
      }
      let within = try await search("from=\(today)&to=\(today)")
      #expect(within.status == 200)
      #expect(within.text.contains(order.number.rawValue))
      let before = try await search("to=2001-01-01")
      #expect(before.status == 200)
      #expect(!before.text.contains(order.number.rawValue))
      for bad in ["from=2026-02-30", "to=yesterday", "from=2026-12-07&to=2026-12-01", "from="] {
        let answer = try await search(bad)
        #expect(answer.status == 400, "\(bad): \(answer.text)")
        #expect(answer.errorCode == "validation_failed")
      }
    }
  }

  @Test func customersAreFoundByEmailNameAndPhoneWithTheirLatestOrder() async throws {
    try await withService { service in
      _ = try await Self.order(service, lines: [("INKWELL-PRO", 1)])
      let latest = try await Self.order(service, lines: [("INKWELL-PRO", 3)])
      let token = try await Self.token(service)
      func found(_ text: String) async throws -> [CustomerMatch] {
        let answer = try await service.raw(
          .GET, "/v1/staff/customers?q=\(PercentEncoding.encode(text))",
          headers: [("Authorization", "Bearer \(token)")])
        #expect(answer.status == 200, "\(text): \(answer.text)")
        return try JSONDecoder().decode(CustomersResponse.self, from: Data(answer.body)).customers
      }
      for text in ["ada@", "ADA@EXAMPLE", "lovelace", "7946 0958", "+44 20"] {
        let matches = try await found(text)
        #expect(matches.count == 1, "\(text)")
        #expect(matches.first?.orderCount == 2)
        #expect(matches.first?.lastOrder == latest.number)
        #expect(matches.first?.lastLines == [CartLine(sku: SKU("INKWELL-PRO")!, quantity: 3)])
      }
      #expect(try await found("a").isEmpty)
      #expect(try await found("nobody@").isEmpty)
      #expect(try await found("%").isEmpty)
      let hostile = try await service.raw(
        .GET, "/v1/staff/customers?q=" + String(repeating: "x", count: 300),
        headers: [("Authorization", "Bearer \(token)")])
      #expect(hostile.status == 400)
      let card = try await service.raw(
        .GET, "/v1/staff/customers?q=4242424242424242",
        headers: [("Authorization", "Bearer \(token)")])
      #expect(card.errorCode == "card_number_in_text")
    }
  }
}

enum StaffTestError: Error {
  case notAccepted
  case notSignedIn(String)
}

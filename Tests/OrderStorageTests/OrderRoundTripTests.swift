import OrderCore
import OrderStorage
import Testing

@Suite("Orders stored and read back")
struct OrderRoundTripTests {
  @Test("an order with download and boxed lines comes back exactly as it was recorded")
  func roundTrip() async throws {
    try await Fixtures.withStore { store, _ in
      let customer = Customer(
        name: "山田 太郎 / Zoë Ångström-Łukasiewicz", email: "taro@example.jp",
        phone: "+81 3-1234-5678",
        address: Address(
          line1: "千代田区丸の内1-1", line2: "ビル 3F", city: "東京", postalCode: "100-0005",
          country: "JP"))
      let order = try Fixtures.order(Fixtures.number(1), customer: customer)
      #expect(order.record.quote.lines.contains { $0.requiresShipping })
      #expect(order.record.quote.lines.contains { !$0.requiresShipping })
      #expect(!order.record.fulfilments.isEmpty)

      let returned = try await store.record(
        order, answer: Fixtures.answer(Fixtures.key("k-1"), number: order.number))
      #expect(returned == order.record)

      let stored = try #require(await store.order(number: order.number))
      #expect(stored.record == order.record)
      #expect(stored.customer == customer)
      #expect(stored.cardToken == order.cardToken)
      #expect(stored.authorizationCode == order.authorizationCode)
      #expect(stored.actor == "desk")
      #expect(stored.origin == "127.0.0.1:53211")
      #expect(stored.refunded == .zero(.eur))
      #expect(try await store.orderCount() == 1)
    }
  }

  @Test(
    "yen, with no minor digits, and an order of many lines round-trip",
    arguments: [
      (Currency.jpy, "JP"), (.usd, "US"), (.gbp, "GB"),
    ])
  func otherCurrencies(currency: Currency, country: String) async throws {
    try await Fixtures.withStore { store, _ in
      let quote = try Fixtures.quote(
        [("INKWELL-STD", 3), ("LUMEN-PHOTO", 1), ("HARBOR-BACKUP-1Y", 99), ("INKWELL-PRO-BOX", 2)],
        currency: currency, country: country)
      let order = try Fixtures.order(Fixtures.number(2), quote: quote, status: .fulfilled)
      _ = try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      let stored = try #require(await store.order(number: order.number))
      #expect(stored.record == order.record)
      #expect(stored.record.quote.lines.map(\.sku) == quote.lines.map(\.sku))
    }
  }

  @Test("look-up finds the order by number, ignoring case, and nothing for another number")
  func lookUpByNumber() async throws {
    try await Fixtures.withStore { store, _ in
      for index in 1...3 {
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(index)),
          answer: Fixtures.answer(Fixtures.key("k-\(index)"), number: nil))
      }
      let second = try #require(await store.order(number: OrderNumber("od-t2")!))
      #expect(second.record.number.rawValue == "OD-T2")
      #expect(try await store.order(number: Fixtures.number(4)) == nil)
      #expect(try await store.order(number: OrderNumber("OD-T")!) == nil)
      #expect(try await store.orderCount() == 3)
    }
  }

  @Test("an answer naming another order than the one recorded is refused, nothing written")
  func answerForAnotherOrder() async throws {
    try await Fixtures.withStore { store, _ in
      let order = try Fixtures.order(Fixtures.number(1))
      await #expect(throws: OrderStoreError.self) {
        try await store.record(
          order, answer: Fixtures.answer(Fixtures.key("k"), number: Fixtures.number(2)))
      }
      #expect(try await store.orderCount() == 0)
      #expect(try await store.answer(for: Fixtures.key("k")) == nil)
    }
  }
}

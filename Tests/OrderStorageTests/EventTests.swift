import OrderCore
import OrderStorage
import Testing

@Suite("Status changes and their event rows")
struct EventTests {
  static let staff = ChangeContext(
    actor: "staff:ana", origin: "10.0.0.9:41000", at: 1_760_000_900, note: "shipped by DHL")

  @Test("recording an order writes who, what, when, from where, and from→to")
  func eventsOfANewOrder() async throws {
    try await Fixtures.withStore { store, _ in
      let order = try Fixtures.order(Fixtures.number(1))
      _ = try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      let events = try await store.events(for: order.number)
      let context = ChangeContext(actor: "desk", origin: "127.0.0.1:53211", at: 1_760_000_000)
      #expect(
        events == [
          OrderEvent(
            number: order.number, action: "order accepted",
            change: .order(from: nil, to: .accepted), amount: nil, context: context),
          OrderEvent(
            number: order.number, action: "payment authorized",
            change: .payment(from: nil, to: .authorized), amount: order.record.quote.total,
            context: context),
        ])
    }
  }

  @Test("an order fulfilled at once shows it was accepted, then fulfilled")
  func fulfilledAtOnce() async throws {
    try await Fixtures.withStore { store, _ in
      let order = try Fixtures.order(
        Fixtures.number(1), quote: Fixtures.quote([("INKWELL-STD", 1)]), status: .fulfilled)
      _ = try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      let changes = try await store.events(for: order.number).map(\.change)
      #expect(
        changes == [
          .order(from: nil, to: .accepted), .order(from: .accepted, to: .fulfilled),
          .payment(from: nil, to: .authorized),
        ])
    }
  }

  @Test("a status change updates the order and appends its event, each change separately")
  func statusChange() async throws {
    try await Fixtures.withStore { store, _ in
      let number = Fixtures.number(1)
      _ = try await store.record(
        try Fixtures.order(number), answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      let event = try await store.changeStatus(
        of: number, from: .accepted, to: .fulfilled, by: Self.staff)
      #expect(event.action == "order fulfilled")
      #expect(event.change == .order(from: .accepted, to: .fulfilled))
      let captured = try await store.changePayment(
        of: number, from: .authorized, to: .captured, refund: nil,
        by: ChangeContext(actor: "system", origin: "capture-job", at: 1_760_001_000))

      let stored = try #require(await store.order(number: number))
      #expect(stored.record.status == .fulfilled)
      #expect(stored.record.payment == .captured)
      let events = try await store.events(for: number)
      #expect(events.count == 4)
      #expect(events[2] == event)
      #expect(events[2].context == Self.staff)
      #expect(events[3] == captured)
      #expect(events[3].context.actor == "system")
    }
  }

  @Test("a change from a status the order is no longer in is refused, nothing written")
  func staleChange() async throws {
    try await Fixtures.withStore { store, _ in
      let number = Fixtures.number(1)
      _ = try await store.record(
        try Fixtures.order(number), answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      _ = try await store.changeStatus(of: number, from: .accepted, to: .cancelled, by: Self.staff)
      await #expect(throws: OrderStoreError.orderStatusChanged(current: .cancelled)) {
        try await store.changeStatus(of: number, from: .accepted, to: .fulfilled, by: Self.staff)
      }
      await #expect(throws: OrderStoreError.paymentStatusChanged(current: .authorized)) {
        try await store.changePayment(
          of: number, from: .captured, to: .refunded, refund: nil, by: Self.staff)
      }
      await #expect(throws: OrderStoreError.self) {
        try await store.changeStatus(of: number, from: .cancelled, to: .cancelled, by: Self.staff)
      }
      #expect(try await store.order(number: number)?.record.status == .cancelled)
      #expect(try await store.events(for: number).count == 3)
    }
  }

  @Test("changes to an unknown order are refused")
  func unknownOrder() async throws {
    try await Fixtures.withStore { store, _ in
      let number = Fixtures.number(404)
      await #expect(throws: OrderStoreError.unknownOrder(number)) {
        try await store.changeStatus(of: number, from: .accepted, to: .fulfilled, by: Self.staff)
      }
      await #expect(throws: OrderStoreError.unknownOrder(number)) {
        try await store.changePayment(
          of: number, from: .captured, to: .refunded, refund: Money(minorUnits: 1, currency: .eur),
          by: Self.staff)
      }
      let events = try await store.events(for: number)
      #expect(events.isEmpty)
    }
  }

  @Test("refunds add up to at most the total; each one is an event with its amount")
  func refunds() async throws {
    try await Fixtures.withStore { store, _ in
      let number = Fixtures.number(1)
      let order = try Fixtures.order(number)
      _ = try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      let total = order.record.quote.total
      let part = Money(minorUnits: 1_000, currency: .eur)
      _ = try await store.changePayment(
        of: number, from: .authorized, to: .partiallyRefunded, refund: part, by: Self.staff)
      _ = try await store.changePayment(
        of: number, from: .partiallyRefunded, to: .partiallyRefunded, refund: part, by: Self.staff)
      let remaining = try total.subtracting(part).subtracting(part)
      await #expect(throws: OrderStoreError.refundExceedsCharge(remaining: remaining)) {
        try await store.changePayment(
          of: number, from: .partiallyRefunded, to: .refunded,
          refund: Money(minorUnits: remaining.minorUnits + 1, currency: .eur), by: Self.staff)
      }
      await #expect(throws: OrderStoreError.self) {
        try await store.changePayment(
          of: number, from: .partiallyRefunded, to: .refunded,
          refund: Money(minorUnits: 1, currency: .usd), by: Self.staff)
      }
      for bad in [0, -500] as [Int64] {
        await #expect(throws: OrderStoreError.self) {
          try await store.changePayment(
            of: number, from: .partiallyRefunded, to: .refunded,
            refund: Money(minorUnits: bad, currency: .eur), by: Self.staff)
        }
      }
      #expect(try await store.order(number: number)?.refunded == part.adding(part))
      _ = try await store.changePayment(
        of: number, from: .partiallyRefunded, to: .refunded, refund: remaining, by: Self.staff)

      let stored = try #require(await store.order(number: number))
      #expect(stored.refunded == total)
      #expect(stored.record.payment == .refunded)
      let refundEvents = try await store.events(for: number).dropFirst(2)
      #expect(refundEvents.map(\.amount) == [part, part, remaining])
      #expect(
        refundEvents.map(\.change) == [
          .payment(from: .authorized, to: .partiallyRefunded),
          .payment(from: .partiallyRefunded, to: .partiallyRefunded),
          .payment(from: .partiallyRefunded, to: .refunded),
        ])
      await #expect(throws: OrderStoreError.refundExceedsCharge(remaining: .zero(.eur))) {
        try await store.changePayment(
          of: number, from: .refunded, to: .refunded,
          refund: Money(minorUnits: 1, currency: .eur), by: Self.staff)
      }
    }
  }

  @Test("two refunds racing for the same money: only one gets it")
  func racingRefunds() async throws {
    try await Fixtures.withStore { store, _ in
      let number = Fixtures.number(1)
      let order = try Fixtures.order(number)
      _ = try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      let total = order.record.quote.total
      let outcomes = await withTaskGroup(of: Bool.self) { group in
        for _ in 1...8 {
          group.addTask {
            (try? await store.changePayment(
              of: number, from: .authorized, to: .refunded, refund: total, by: Self.staff)) != nil
          }
        }
        return await group.reduce(into: []) { $0.append($1) }
      }
      #expect(outcomes.filter { $0 }.count == 1)
      #expect(try await store.order(number: number)?.refunded == total)
      #expect(try await store.events(for: number).count == 3)
    }
  }
}

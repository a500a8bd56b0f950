import Foundation
import OrderCore
import OrderStorage
import Testing

/// Refund reservations: what is reserved counts as spent until it is settled or released.
@Suite("Refund reservations")
struct RefundReservationTests {
  static let staff = ChangeContext(actor: "staff", origin: "127.0.0.1", at: 1_760_000_500)

  /// An order and its total.
  static func order(
    _ store: SQLiteOrderStore, _ index: Int = 1
  ) async throws -> (
    OrderNumber, Money
  ) {
    let number = Fixtures.number(index)
    let order = try Fixtures.order(number)
    _ = try await store.record(
      order, answer: Fixtures.answer(Fixtures.key("k\(index)"), number: nil))
    return (number, order.record.quote.total)
  }

  static func money(_ minor: Int64, _ total: Money) -> Money {
    Money(minorUnits: minor, currency: total.currency)
  }

  @Test("a reservation holds its amount back until it is settled or released")
  func holdsBack() async throws {
    try await Fixtures.withStore { store, _ in
      let (number, total) = try await Self.order(store)
      let share = Self.money(total.minorUnits * 60 / 100, total)
      let first = try await store.reserveRefund(
        of: number, amount: share, lines: [], key: Fixtures.key("r1"), at: 1)
      #expect(first.amount == share)
      // A second refund of the same share under another key: not while the first is held.
      let left = Self.money(total.minorUnits - share.minorUnits, total)
      await #expect(throws: OrderStoreError.refundExceedsCharge(remaining: left)) {
        try await store.reserveRefund(
          of: number, amount: share, lines: [], key: Fixtures.key("r2"), at: 1)
      }
      // Released, the amount is free again; settled, it is refunded for good.
      try await store.releaseRefund(first)
      let second = try await store.reserveRefund(
        of: number, amount: share, lines: [], key: Fixtures.key("r2"), at: 2)
      #expect(try await store.settleRefund(second, by: Self.staff) == .partiallyRefunded)
      await #expect(throws: OrderStoreError.refundExceedsCharge(remaining: left)) {
        try await store.reserveRefund(
          of: number, amount: share, lines: [], key: Fixtures.key("r3"), at: 3)
      }
      // Without an amount, everything left is reserved, and settling it refunds the order.
      let rest = try await store.reserveRefund(
        of: number, amount: nil, lines: [], key: Fixtures.key("r4"), at: 4)
      #expect(rest.amount == left)
      #expect(try await store.settleRefund(rest, by: Self.staff) == .refunded)
      let stored = try #require(try await store.order(number: number))
      #expect(stored.refunded == total)
      #expect(stored.record.payment == .refunded)
      await #expect(throws: OrderStoreError.refundExceedsCharge(remaining: Self.money(0, total))) {
        try await store.reserveRefund(
          of: number, amount: nil, lines: [], key: Fixtures.key("r5"), at: 5)
      }
    }
  }

  @Test("the same key gets its own reservation back; another refund under it is refused")
  func sameKey() async throws {
    try await Fixtures.withStore { store, _ in
      let (number, total) = try await Self.order(store)
      let (other, _) = try await Self.order(store, 2)
      let key = Fixtures.key("r1")
      let amount = Self.money(100, total)
      let first = try await store.reserveRefund(
        of: number, amount: amount, lines: [], key: key, at: 1)
      #expect(
        try await store.reserveRefund(of: number, amount: amount, lines: [], key: key, at: 2)
          == first)
      #expect(
        try await store.reserveRefund(of: number, amount: nil, lines: [], key: key, at: 2) == first)
      await #expect(throws: OrderStoreError.duplicateKey) {
        try await store.reserveRefund(
          of: number, amount: Self.money(200, total), lines: [], key: key, at: 3)
      }
      await #expect(throws: OrderStoreError.duplicateKey) {
        try await store.reserveRefund(of: other, amount: amount, lines: [], key: key, at: 3)
      }
      // Settled once; settling or releasing it again finds nothing reserved.
      _ = try await store.settleRefund(first, by: Self.staff)
      await #expect(throws: OrderStoreError.self) {
        try await store.settleRefund(first, by: Self.staff)
      }
      await #expect(throws: OrderStoreError.self) { try await store.releaseRefund(first) }
      #expect(try await store.order(number: number)?.refunded == amount)
    }
  }

  @Test("wrong amounts and unknown orders are refused and reserve nothing")
  func wrongInput() async throws {
    try await Fixtures.withStore { store, _ in
      let (number, total) = try await Self.order(store)
      for minor in [Int64(0), -1, Int64.min, total.minorUnits + 1, Int64.max] {
        await #expect(throws: OrderStoreError.self, "\(minor)") {
          try await store.reserveRefund(
            of: number, amount: Self.money(minor, total), lines: [],
            key: Fixtures.key("bad\(minor)"),
            at: 1)
        }
      }
      let otherCurrency: Currency = total.currency == .eur ? .usd : .eur
      await #expect(throws: OrderStoreError.self) {
        try await store.reserveRefund(
          of: number, amount: Money(minorUnits: 1, currency: otherCurrency), lines: [],
          key: Fixtures.key("usd"), at: 1)
      }
      await #expect(throws: OrderStoreError.unknownOrder(Fixtures.number(404))) {
        try await store.reserveRefund(
          of: Fixtures.number(404), amount: nil, lines: [], key: Fixtures.key("x"), at: 1)
      }
      // Nothing was held back by any of them.
      let all = try await store.reserveRefund(
        of: number, amount: nil, lines: [], key: Fixtures.key("all"), at: 2)
      #expect(all.amount == total)
    }
  }

  @Test("fifty reservations at once under different keys: exactly one gets the 60 %")
  func concurrent() async throws {
    try await Fixtures.withStore { store, _ in
      let (number, total) = try await Self.order(store)
      let share = Self.money(total.minorUnits * 60 / 100, total)
      let won = await withTaskGroup(of: Bool.self) { group in
        for index in 0..<50 {
          group.addTask {
            (try? await store.reserveRefund(
              of: number, amount: share, lines: [], key: Fixtures.key("c\(index)"), at: 1)) != nil
          }
        }
        return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
      }
      #expect(won == 1)
    }
  }
}

import Foundation
// GRDB (through OrderStorage) to plant a trigger that fails the last insert of an order.
import GRDB
import OrderCore
import OrderStorage
import Testing

@Suite("An order is stored whole or not at all")
struct AtomicityTests {
  @Test("a failure at the last insert undoes the order's rows, and its neighbours commit")
  func failureAtTheLastInsert() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      _ = try SQLiteOrderStore(path: path)
      // The answer is inserted after the order, its lines, fulfilments and events.
      try await DatabaseQueue(path: path).write { db in
        try db.execute(
          sql: """
            CREATE TRIGGER fail_boom BEFORE INSERT ON idempotency_answers
            WHEN NEW.key LIKE 'boom-%' BEGIN SELECT RAISE(ABORT, 'planted failure'); END
            """)
      }
      let store = try SQLiteOrderStore(path: path)
      let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
        for index in 1...40 {
          let key = Fixtures.key(index.isMultiple(of: 3) ? "boom-\(index)" : "ok-\(index)")
          let order = try Fixtures.order(Fixtures.number(index))
          group.addTask {
            let stored = try? await store.record(order, answer: Fixtures.answer(key, number: nil))
            return (index, stored != nil)
          }
        }
        return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
      }
      for index in 1...40 {
        let planted = index.isMultiple(of: 3)
        #expect(outcomes[index] == !planted)
        let order = try await store.order(number: Fixtures.number(index))
        let events = try await store.events(for: Fixtures.number(index))
        #expect((order != nil) == !planted)
        #expect(events.count == (planted ? 0 : 2))
      }
      let orphans = try await DatabaseQueue(path: path).read { db in
        try Int.fetchOne(
          db,
          sql: """
            SELECT (SELECT COUNT(*) FROM order_lines WHERE order_id NOT IN (SELECT id FROM orders))
              + (SELECT COUNT(*) FROM order_fulfilments
                 WHERE order_id NOT IN (SELECT id FROM orders))
              + (SELECT COUNT(*) FROM order_events WHERE order_id NOT IN (SELECT id FROM orders))
            """)
      }
      #expect(orphans == 0)
      #expect(try await store.orderCount() == 27)
    }
  }
}

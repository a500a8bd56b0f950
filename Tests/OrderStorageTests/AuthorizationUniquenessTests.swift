import Foundation
// GRDB is reached through OrderStorage: only this test writes SQL of its own, to make a
// database as the version before the rule left it.
import GRDB
import OrderCore
import OrderStorage
import Testing

/// An authorization code pays for one order.
@Suite("One order per authorization")
struct AuthorizationUniquenessTests {
  @Test("a second order with an authorization code in use is refused and nothing is written")
  func secondOrderRefused() async throws {
    try await Fixtures.withStore { store, _ in
      let first = try Fixtures.order(Fixtures.number(1))
      _ = try await store.record(first, answer: Fixtures.answer(Fixtures.key("a"), number: nil))
      var second = try Fixtures.order(Fixtures.number(2))
      second.authorizationCode = first.authorizationCode
      await #expect(throws: OrderStoreError.authorizationTaken) {
        try await store.record(second, answer: Fixtures.answer(Fixtures.key("b"), number: nil))
      }
      #expect(try await store.orderCount() == 1)
      #expect(try await store.answer(for: Fixtures.key("b")) == nil)
      // Its own code is fine.
      second.authorizationCode = "AUTH-OTHER"
      _ = try await store.record(second, answer: Fixtures.answer(Fixtures.key("b"), number: nil))
      #expect(try await store.orderCount() == 2)
    }
  }

  @Test("a database that already holds orders sharing a code keeps them and refuses more")
  func migrationKeepsExistingRepeats() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      let first = try Fixtures.order(Fixtures.number(1))
      do {
        let store = try SQLiteOrderStore(path: path)
        _ = try await store.record(first, answer: Fixtures.answer(Fixtures.key("a"), number: nil))
      }
      // Back to the schema before the rule, with a second order on the first one's code, as
      // a resent key could make there.
      let queue = try DatabaseQueue(path: path)
      try await queue.write { db in
        try db.execute(sql: "DROP INDEX orders_by_authorization_code")
        try db.execute(sql: "ALTER TABLE orders DROP COLUMN authorization_repeat")
        try db.execute(
          sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-one-order-per-authorization'")
        let columns = try String.fetchAll(
          db, sql: "SELECT name FROM pragma_table_info('orders') WHERE name NOT IN ('id', 'number')"
        )
        .joined(separator: ", ")
        try db.execute(
          sql: "INSERT INTO orders (number, \(columns)) SELECT 'OD-T2', \(columns) FROM orders")
      }
      try queue.close()

      let store = try SQLiteOrderStore(path: path)
      #expect(try await store.orderCount() == 2)
      #expect(
        try await store.order(number: Fixtures.number(2))?.authorizationCode
          == first.authorizationCode)
      var third = try Fixtures.order(Fixtures.number(3))
      third.authorizationCode = first.authorizationCode
      await #expect(throws: OrderStoreError.authorizationTaken) {
        try await store.record(third, answer: Fixtures.answer(Fixtures.key("c"), number: nil))
      }
    }
  }
}

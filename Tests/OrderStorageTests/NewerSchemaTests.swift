import Foundation
// GRDB is reached through OrderStorage: only this test writes SQL of its own, to play the
// part of a newer OrderDesk that migrated the file further.
import GRDB
import OrderStorage
import Testing

@Suite("A database migrated by a newer version")
struct NewerSchemaTests {
  @Test("a file with a migration this version does not know is refused and left alone")
  func refused() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      do {
        let store = try SQLiteOrderStore(path: path)
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(1)),
          answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      }
      do {
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
          try db.execute(
            sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
        }
      }
      #expect {
        try SQLiteOrderStore(path: path)
      } throws: { error in
        guard case .database(let reason) = error as? OrderStoreError else { return false }
        return reason.contains("newer version")
      }
      let identifiers = try await DatabaseQueue(path: path).read { db in
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
      }
      #expect(
        identifiers == ["v1-orders", "v2-from-the-future", "v2-one-order-per-authorization"])
    }
  }
}

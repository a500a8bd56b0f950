import Foundation
import OrderCore
import OrderStorage
import Testing

@Suite("The database file across restarts")
struct DurabilityTests {
  @Test("a new store on the same file finds every order, event and answer")
  func reopen() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      var orders: [NewOrder] = []
      do {
        let store = try SQLiteOrderStore(path: path)
        for index in 1...5 {
          let order = try Fixtures.order(Fixtures.number(index))
          orders.append(order)
          _ = try await store.record(
            order, answer: Fixtures.answer(Fixtures.key("k\(index)"), number: nil))
        }
        try await store.storeAnswer(
          Fixtures.answer(Fixtures.key("declined"), number: nil, status: 402, body: [7, 0, 7]))
        _ = try await store.changeStatus(
          of: Fixtures.number(1), from: .accepted, to: .fulfilled,
          by: ChangeContext(actor: "staff:ana", origin: "10.0.0.9", at: 1_760_000_500))
      }
      let reopened = try SQLiteOrderStore(path: path)
      #expect(try await reopened.orderCount() == 5)
      for order in orders.dropFirst() {
        #expect(try await reopened.order(number: order.number)?.record == order.record)
      }
      let first = try #require(await reopened.order(number: Fixtures.number(1)))
      #expect(first.record.status == .fulfilled)
      #expect(try await reopened.events(for: Fixtures.number(1)).count == 3)
      #expect(try await reopened.answer(for: Fixtures.key("declined"))?.body == [7, 0, 7])
      #expect(try await reopened.answer(for: Fixtures.key("k3"))?.orderNumber == Fixtures.number(3))
    }
  }

  @Test("the files as a crash leaves them, copied while the store is open, hold every order")
  func filesWhileOpen() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      let copy = directory.appendingPathComponent("crashed.sqlite").path
      let store = try SQLiteOrderStore(path: path)
      for index in 1...20 {
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(index)),
          answer: Fixtures.answer(Fixtures.key("k\(index)"), number: nil))
      }
      // The WAL holds the commits until a checkpoint; a crash leaves both files behind.
      #expect(FileManager.default.fileExists(atPath: path + "-wal"))
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
      let recovered = try SQLiteOrderStore(path: copy)
      #expect(try await recovered.orderCount() == 20)
      #expect(
        try await recovered.answer(for: Fixtures.key("k20"))?.orderNumber == Fixtures.number(20))
      _ = store
    }
  }

  @Test("cancelling the caller does not stop an order being stored: the card was charged")
  func cancelledCaller() async throws {
    try await Fixtures.withStore { store, _ in
      let order = try Fixtures.order(Fixtures.number(1))
      let task = Task {
        try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      }
      task.cancel()
      #expect(try await task.value == order.record)
      #expect(try await store.order(number: order.number)?.record == order.record)
    }
  }

  @Test("the file is in WAL mode, commits are FULL-synchronous and foreign keys are on")
  func pragmas() async throws {
    try await Fixtures.withStore { store, path in
      let diagnostics = try await store.diagnostics()
      #expect(diagnostics.journalMode == "wal")
      #expect(diagnostics.synchronous == 2)
      #expect(diagnostics.foreignKeys)
      // Bytes 18 and 19 of the header are the read and write versions: 2 means WAL.
      let header = try #require(FileManager.default.contents(atPath: path))
      #expect(header.count >= 100)
      #expect(Array(header.prefix(16)) == Array("SQLite format 3\0".utf8))
      #expect(header[18] == 2 && header[19] == 2)
    }
  }

  @Test("migrations run once; reopening runs none and changes nothing")
  func migrationsOnce() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      let first = try await SQLiteOrderStore(path: path).diagnostics()
      #expect(first.appliedMigrations == SQLiteOrderStore.migrationIdentifiers)
      #expect(
        first.appliedMigrations == [
          "v1-orders", "v2-one-order-per-authorization", "v3-refund-reservations",
          "v4-staff-desk",
        ])
      #expect(
        first.columns.keys.sorted() == [
          "grdb_migrations", "idempotency_answers", "order_events", "order_fulfilments",
          "order_lines", "order_refunded_units", "orders", "refund_reservations",
        ])
      do {
        let store = try SQLiteOrderStore(path: path)
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(1)),
          answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      }
      for _ in 1...2 {
        let store = try SQLiteOrderStore(path: path)
        let again = try await store.diagnostics()
        #expect(again.appliedMigrations == SQLiteOrderStore.migrationIdentifiers)
        #expect(again.schema == first.schema)
        #expect(try await store.orderCount() == 1)
      }
    }
  }

  @Test("a file that is not a database is refused with an error, not a crash")
  func notADatabase() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("orders.sqlite").path
      let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
      #expect(FileManager.default.createFile(atPath: path, contents: garbage))
      #expect {
        try SQLiteOrderStore(path: path)
      } throws: { error in
        guard case .database = error as? OrderStoreError else { return false }
        return true
      }
    }
  }

  @Test("a path in a missing directory is refused with an error")
  func missingDirectory() async throws {
    try await Fixtures.withDirectory { directory in
      let path = directory.appendingPathComponent("missing/orders.sqlite").path
      #expect(throws: OrderStoreError.self) { try SQLiteOrderStore(path: path) }
      #expect(!FileManager.default.fileExists(atPath: path))
    }
  }
}

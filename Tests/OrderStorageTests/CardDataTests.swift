import Foundation
import GRDB
import OrderCore
import OrderDeskTestSupport
import OrderStorage
import Testing

@Suite("No card data in the order database")
struct CardDataTests {
  /// The only columns that may say anything about a card.
  static let cardColumns: Set = [
    "card_token", "card_brand", "card_last4", "card_exp_month", "card_exp_year",
  ]

  @Test("the schema has no column that could hold a card number or CVC")
  func schema() async throws {
    try await Fixtures.withStore { store, _ in
      let diagnostics = try await store.diagnostics()
      let orders = try #require(diagnostics.columns["orders"])
      #expect(Self.cardColumns.isSubset(of: orders))
      let forbidden = ["cvc", "cvv", "cvn", "cid", "pan", "security", "cardnumber", "cc_"]
      for (table, columns) in diagnostics.columns {
        for column in columns {
          let name = column.lowercased()
          #expect(
            !forbidden.contains { name.contains($0) }, "\(table).\(column) looks like card data")
          if name.contains("card") {
            #expect(
              Self.cardColumns.contains(name), "\(table).\(column) is not an allowed card column")
          }
        }
      }
      let schemaText = diagnostics.schema.joined(separator: "\n").lowercased()
      #expect(!schemaText.isEmpty)
      #expect(!schemaText.contains("cvc") && !schemaText.contains("cvv"))
    }
  }

  @Test(
    "a last four that is not four digits is refused by the schema itself",
    arguments: [Fixtures.testCardNumber, "424", "42424", "42a2", "４２４２", ""])
  func lastFourChecked(lastFour: String) async throws {
    try await Fixtures.withStore { store, path in
      var order = try Fixtures.order(Fixtures.number(1))
      order.record.card.lastFour = lastFour
      await #expect {
        try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      } throws: { error in
        guard case .invalidInput(let reason) = error as? OrderStoreError else { return false }
        return !reason.contains(lastFour) || lastFour.isEmpty
      }
      #expect(try await store.orderCount() == 0)
      #expect(try await store.answer(for: Fixtures.key("k")) == nil)
      #expect(try Self.filesContainCardNumber(path) == false)
    }
  }

  @Test("after many orders with test cards, the files hold no card number in any spelling")
  func rawBytes() async throws {
    try await Fixtures.withStore { store, path in
      for index in 1...50 {
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(index)),
          answer: Fixtures.answer(
            Fixtures.key("k\(index)"), number: nil,
            body: Array(#"{"order":{"card":{"brand":"visa","lastFour":"4242"}}}"#.utf8)))
      }
      try await store.storeAnswer(
        Fixtures.answer(Fixtures.key("declined"), number: nil, status: 402))
      #expect(FileManager.default.fileExists(atPath: path + "-wal"))
      #expect(try Self.filesContainCardNumber(path) == false)
    }
  }

  @Test("the byte search does find a card number that reached the files (control)")
  func searchFindsPlantedNumber() async throws {
    for spelling in CardLeaks.spellings(of: Fixtures.testCardNumber) {
      try await Fixtures.withStore { store, path in
        var customer = Fixtures.customer
        customer.address.line2 = spelling
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(1), customer: customer),
          answer: Fixtures.answer(Fixtures.key("k"), number: nil))
        #expect(try Self.filesContainCardNumber(path))
      }
    }
  }

  /// A number kept as an integer or a real column is bytes, not digits: the search sees it.
  @Test("the byte search finds a card number kept in an integer or a real column (control)")
  func searchFindsPlantedInteger() async throws {
    for type in ["INTEGER", "REAL"] {
      try await Fixtures.withStore { store, path in
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(1)),
          answer: Fixtures.answer(Fixtures.key("k"), number: nil))
        #expect(try Self.filesContainCardNumber(path) == false)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
          try db.execute(sql: "CREATE TABLE planted (n \(type))")
          try db.execute(
            sql: "INSERT INTO planted VALUES (?)",
            arguments: [Int64(Fixtures.testCardNumber)])
        }
        try queue.close()
        #expect(try Self.filesContainCardNumber(path), "\(type)")
      }
    }
  }

  /// Whether the database, its WAL or its shared-memory file holds the test card number or
  /// CVC, in any spelling (``CardLeaks``).
  static func filesContainCardNumber(_ path: String) throws -> Bool {
    for file in [path, path + "-wal", path + "-shm"] {
      guard let data = FileManager.default.contents(atPath: file) else { continue }
      let found = CardLeaks.findings(
        in: Array(data), as: .binary, numbers: [Fixtures.testCardNumber], cvcs: ["739"])
      if !found.isEmpty { return true }
    }
    return false
  }
}

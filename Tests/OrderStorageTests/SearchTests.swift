import OrderCore
import OrderStorage
import Testing

@Suite("Staff search over stored orders")
struct SearchTests {
  /// 2025-10-09 00:00:00 UTC, the day `Fixtures.order` creates orders on by default.
  static let day: Int64 = 1_759_968_000

  /// Records order `index` for `name` and `email`, paid with a card ending `lastFour`.
  @discardableResult
  static func record(
    _ index: Int, into store: SQLiteOrderStore, name: String = "Ada Lovelace",
    email: String = "ada@example.com", lastFour: String = "4242",
    createdAt: Int64 = day + 32_000
  ) async throws -> OrderNumber {
    var customer = Fixtures.customer
    customer.name = name
    customer.email = email
    var order = try Fixtures.order(Fixtures.number(index), customer: customer, createdAt: createdAt)
    order.record.card.lastFour = lastFour
    _ = try await store.record(
      order, answer: Fixtures.answer(Fixtures.key("search-\(index)"), number: order.number))
    return order.number
  }

  static func numbers(_ orders: [StoredOrder]) -> [String] {
    orders.map(\.record.number.rawValue)
  }

  static func search(
    _ store: SQLiteOrderStore, _ text: String, limit: Int = 50
  ) async throws
    -> [String]
  {
    numbers(try await store.search(OrderQuery(text: text, limit: limit)))
  }

  @Test("empty or blank text lists the newest orders first, ties broken by number")
  func newest() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store, createdAt: Self.day + 10)
      try await Self.record(3, into: store, createdAt: Self.day + 30)
      try await Self.record(2, into: store, createdAt: Self.day + 20)
      try await Self.record(4, into: store, createdAt: Self.day + 30)
      #expect(try await Self.search(store, "") == ["OD-T3", "OD-T4", "OD-T2", "OD-T1"])
      #expect(try await Self.search(store, " \t\n ") == ["OD-T3", "OD-T4", "OD-T2", "OD-T1"])
    }
  }

  @Test("an order number finds that order, whole, whatever its case and spacing")
  func byNumber() async throws {
    try await Fixtures.withStore { store, _ in
      for index in 1...3 { try await Self.record(index, into: store) }
      let found = try await store.search(OrderQuery(text: "  od-t2 "))
      #expect(Self.numbers(found) == ["OD-T2"])
      let stored = try #require(await store.order(number: Fixtures.number(2)))
      #expect(found == [stored])
      #expect(try await Self.search(store, "OD-T9").isEmpty)
    }
  }

  @Test("a name that is also a well-formed order number is searched as a name")
  func nameShapedLikeNumber() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store, name: "Ada Lovelace")
      try await Self.record(2, into: store, name: "Grace Hopper")
      #expect(try await Self.search(store, "Lovelace") == ["OD-T1"])
      #expect(try await Self.search(store, "hopper") == ["OD-T2"])
    }
  }

  @Test("four digits find the orders paid with a card ending in them, newest first")
  func byLastFour() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store, lastFour: "4242", createdAt: Self.day + 1)
      try await Self.record(2, into: store, lastFour: "0005", createdAt: Self.day + 2)
      try await Self.record(3, into: store, lastFour: "4242", createdAt: Self.day + 3)
      #expect(try await Self.search(store, "4242") == ["OD-T3", "OD-T1"])
      #expect(try await Self.search(store, " 0005 ") == ["OD-T2"])
      #expect(try await Self.search(store, "1881").isEmpty)
    }
  }

  @Test("a date finds the orders created that UTC day, from its first second to its last")
  func byDate() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store, createdAt: Self.day - 1)
      try await Self.record(2, into: store, createdAt: Self.day)
      try await Self.record(3, into: store, createdAt: Self.day + 86_399)
      try await Self.record(4, into: store, createdAt: Self.day + 86_400)
      #expect(try await Self.search(store, "2025-10-09") == ["OD-T3", "OD-T2"])
      #expect(try await Self.search(store, "2025-10-08") == ["OD-T1"])
      #expect(try await Self.search(store, "2025-10-10") == ["OD-T4"])
    }
  }

  @Test(
    "a date with no orders, or no such date, finds nothing",
    arguments: ["2024-02-29", "1970-01-01", "2025-02-30", "2025-13-01", "2025-00-10"])
  func emptyDate(text: String) async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store)
      #expect(try await Self.search(store, text).isEmpty)
    }
  }

  @Test("an email finds the orders with exactly that email, ignoring case")
  func byEmail() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store, email: "ada@example.com", createdAt: Self.day + 1)
      try await Self.record(2, into: store, email: "grace@example.com", createdAt: Self.day + 2)
      try await Self.record(3, into: store, email: "Ada@Example.com", createdAt: Self.day + 3)
      #expect(try await Self.search(store, "ADA@example.COM") == ["OD-T3", "OD-T1"])
      #expect(try await Self.search(store, "ada@example").isEmpty)
      #expect(try await Self.search(store, "@").isEmpty)
    }
  }

  @Test("other text finds customers whose name contains it, ignoring case")
  func byName() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store, name: "Ada Lovelace", createdAt: Self.day + 1)
      try await Self.record(2, into: store, name: "Grace Hopper", createdAt: Self.day + 2)
      try await Self.record(3, into: store, name: "Ada Byron", createdAt: Self.day + 3)
      #expect(try await Self.search(store, "ada") == ["OD-T3", "OD-T1"])
      #expect(try await Self.search(store, "ce hop") == ["OD-T2"])
      #expect(try await Self.search(store, "Turing").isEmpty)
    }
  }

  @Test("names in other scripts are found by any part, ignoring case where the script has it")
  func nonLatinNames() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store, name: "山田 太郎")
      try await Self.record(2, into: store, name: "Ольга Петрова")
      try await Self.record(3, into: store, name: "Ελένη Παπαδοπούλου")
      try await Self.record(4, into: store, name: "Zoë Ångström")
      try await Self.record(5, into: store, name: "محمد")
      #expect(try await Self.search(store, "太郎") == ["OD-T1"])
      #expect(try await Self.search(store, "ольга") == ["OD-T2"])
      #expect(try await Self.search(store, "ПЕТРОВА") == ["OD-T2"])
      #expect(try await Self.search(store, "ΕΛΈΝΗ") == ["OD-T3"])
      #expect(try await Self.search(store, "ÅNGSTRÖM") == ["OD-T4"])
      #expect(try await Self.search(store, "محمد") == ["OD-T5"])
    }
  }

  @Test("LIKE wildcards and the escape character in the text match only themselves")
  func wildcardsLiteral() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store, name: "100% Pure Ltd")
      try await Self.record(2, into: store, name: "Ann_Lee")
      try await Self.record(3, into: store, name: "AnnXLee")
      try await Self.record(4, into: store, name: #"Back\slash"#)
      try await Self.record(5, into: store, name: "Plain Name")
      #expect(try await Self.search(store, "%") == ["OD-T1"])
      #expect(try await Self.search(store, "_") == ["OD-T2"])
      #expect(try await Self.search(store, "n_L") == ["OD-T2"])
      #expect(try await Self.search(store, "%%").isEmpty)
      #expect(try await Self.search(store, #"\"#) == ["OD-T4"])
      #expect(try await Self.search(store, #"\s"#) == ["OD-T4"])
      #expect(try await Self.search(store, #"\%"#).isEmpty)
    }
  }

  @Test(
    "SQL in the text is searched for as text: it finds nothing and changes nothing",
    arguments: [
      "' OR 1=1 --", "' OR '1'='1", "x'; DROP TABLE orders; --", "\" OR \"\"=\"",
      "1) OR (1=1", "') UNION SELECT * FROM orders --",
    ])
  func injection(text: String) async throws {
    try await Fixtures.withStore { store, _ in
      for index in 1...3 { try await Self.record(index, into: store) }
      #expect(try await Self.search(store, text).isEmpty)
      #expect(try await store.orderCount() == 3)
      #expect(try await Self.search(store, "").count == 3)
      #expect(try await store.order(number: Fixtures.number(1)) != nil)
      // A customer whose name really is that text is found, and only that one.
      try await Self.record(4, into: store, name: "Mr \(text) Smith")
      #expect(try await Self.search(store, text) == ["OD-T4"])
    }
  }

  @Test("at most `limit` orders come back, the newest; a limit outside 1...200 is refused")
  func limit() async throws {
    try await Fixtures.withStore { store, _ in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 1...205 {
          group.addTask {
            try await Self.record(index, into: store, createdAt: Self.day + Int64(index))
          }
        }
        try await group.waitForAll()
      }
      #expect(try await Self.search(store, "", limit: 3) == ["OD-T205", "OD-T204", "OD-T203"])
      #expect(try await Self.search(store, "ada", limit: 2) == ["OD-T205", "OD-T204"])
      #expect(try await Self.search(store, "", limit: 1) == ["OD-T205"])
      #expect(try await Self.search(store, "", limit: 200).count == 200)
      #expect(try await Self.search(store, "").count == 50)
      for refused in [0, -7, 201, 1_000, .max, .min] {
        await #expect(throws: OrderStoreError.self, "limit \(refused)") {
          try await Self.search(store, "", limit: refused)
        }
        await #expect(throws: OrderStoreError.self, "limit \(refused)") {
          try await Self.search(store, "4242", limit: refused)
        }
      }
    }
  }

  @Test("text over 200 Unicode scalars, or holding NUL, is refused with a reason")
  func refused() async throws {
    try await Fixtures.withStore { store, _ in
      try await Self.record(1, into: store)
      let isInvalidInput: @Sendable (any Error) -> Bool = { error in
        guard case .invalidInput(let reason) = error as? OrderStoreError else { return false }
        return !reason.isEmpty
      }
      for text in [
        String(repeating: "a", count: 201),
        String(repeating: "語", count: 201),
        String(repeating: "e\u{301}", count: 101),  // 101 characters, 202 scalars
        "Ada\u{0}Lovelace",
      ] {
        await #expect(
          performing: { try await store.search(OrderQuery(text: text)) }, throws: isInvalidInput)
      }
      let longest = "Ada" + String(repeating: "x", count: 197)
      #expect(try await Self.search(store, longest).isEmpty)
      // 200 scalars of three bytes each are one search: the API file counts characters.
      #expect(try await Self.search(store, String(repeating: "語", count: 200)).isEmpty)
    }
  }
}

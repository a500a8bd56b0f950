import OrderCore
import OrderStorage
import Testing

@Suite("Idempotency answers")
struct IdempotencyTests {
  @Test("an answer comes back byte for byte, including NULs and bytes that are not UTF-8")
  func byteExact() async throws {
    try await Fixtures.withStore { store, _ in
      let body = (0...255).map(UInt8.init) + [0, 0, 0xFF, 0xFE] + Array("{\"é\":1}".utf8)
      let hash = (0..<32).map { UInt8($0 * 7 & 0xFF) }
      let answer = StoredAnswer(
        key: Fixtures.key("retry-me"), requestHash: hash, status: 402, body: body,
        orderNumber: nil, createdAt: 1_760_000_123)
      try await store.storeAnswer(answer)
      let returned = try #require(await store.answer(for: Fixtures.key("retry-me")))
      #expect(returned == answer)
      #expect(returned.body == body)
      #expect(returned.requestHash == hash)
      #expect(try await store.answer(for: Fixtures.key("retry-mE")) == nil)
    }
  }

  @Test("the answer of a recorded order names it")
  func answerOfAnOrder() async throws {
    try await Fixtures.withStore { store, _ in
      let order = try Fixtures.order(Fixtures.number(1))
      _ = try await store.record(order, answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      let answer = try #require(await store.answer(for: Fixtures.key("k")))
      #expect(answer.orderNumber == order.number)
      #expect(answer.status == 201)
    }
  }

  @Test("a second answer for a key is refused and the first one stays")
  func duplicateAnswer() async throws {
    try await Fixtures.withStore { store, _ in
      let first = Fixtures.answer(Fixtures.key("k"), number: nil, status: 402, body: [1, 2, 3])
      try await store.storeAnswer(first)
      await #expect(throws: OrderStoreError.duplicateKey) {
        try await store.storeAnswer(
          Fixtures.answer(Fixtures.key("k"), number: nil, status: 500, body: [9]))
      }
      #expect(try await store.answer(for: Fixtures.key("k")) == first)
    }
  }

  @Test("recording an order under a key that has an answer is refused and writes nothing")
  func duplicateKeyOnRecord() async throws {
    try await Fixtures.withStore { store, _ in
      try await store.storeAnswer(Fixtures.answer(Fixtures.key("k"), number: nil, status: 402))
      await #expect(throws: OrderStoreError.duplicateKey) {
        try await store.record(
          try Fixtures.order(Fixtures.number(1)),
          answer: Fixtures.answer(Fixtures.key("k"), number: nil))
      }
      #expect(try await store.orderCount() == 0)
      #expect(try await store.order(number: Fixtures.number(1)) == nil)
      #expect(try await store.events(for: Fixtures.number(1)).isEmpty)
      #expect(try await store.answer(for: Fixtures.key("k"))?.status == 402)
    }
  }

  @Test("concurrent submits with one key make exactly one order")
  func concurrentDuplicates() async throws {
    try await Fixtures.withStore { store, _ in
      let attempts = 24
      let results = try await withThrowingTaskGroup(of: Result<OrderNumber, OrderStoreError>.self) {
        group in
        for index in 1...attempts {
          let order = try Fixtures.order(Fixtures.number(index))
          group.addTask {
            do throws(OrderStoreError) {
              let record = try await store.record(
                order, answer: Fixtures.answer(Fixtures.key("same"), number: nil))
              return .success(record.number)
            } catch {
              return .failure(error)
            }
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      let winners = results.compactMap { try? $0.get() }
      let duplicates = results.filter { $0 == .failure(.duplicateKey) }
      #expect(winners.count == 1)
      #expect(duplicates.count == attempts - 1)
      #expect(try await store.orderCount() == 1)
      let winner = try #require(winners.first)
      #expect(try await store.answer(for: Fixtures.key("same"))?.orderNumber == winner)
    }
  }

  @Test("an order number in use is reported as such, and the second order is not written")
  func numberCollision() async throws {
    try await Fixtures.withStore { store, _ in
      let first = try Fixtures.order(Fixtures.number(7))
      _ = try await store.record(first, answer: Fixtures.answer(Fixtures.key("a"), number: nil))
      var second = try Fixtures.order(
        Fixtures.number(7),
        customer: .init(
          name: "Someone Else", email: "else@example.com", address: Address(country: "DE")))
      second.cardToken = "tok_other"
      await #expect(throws: OrderStoreError.numberTaken(Fixtures.number(7))) {
        try await store.record(second, answer: Fixtures.answer(Fixtures.key("b"), number: nil))
      }
      // The key is still free, so the caller can retry with another number.
      #expect(try await store.answer(for: Fixtures.key("b")) == nil)
      let stored = try #require(await store.order(number: Fixtures.number(7)))
      #expect(stored.customer == first.customer)
      #expect(stored.cardToken == first.cardToken)
      #expect(try await store.events(for: Fixtures.number(7)).count == 2)
      _ = try await store.record(
        try Fixtures.order(Fixtures.number(8)),
        answer: Fixtures.answer(Fixtures.key("b"), number: nil))
      #expect(try await store.orderCount() == 2)
    }
  }

  @Test(
    "a malformed answer is refused before anything is written",
    arguments: [
      (Array(repeating: UInt8(1), count: 31), 201), (Array(repeating: UInt8(1), count: 33), 201),
      ([], 201), (Array(repeating: UInt8(1), count: 32), 99),
      (Array(repeating: UInt8(1), count: 32), 600), (Array(repeating: UInt8(1), count: 32), -201),
    ])
  func malformedAnswer(hash: [UInt8], status: Int) async throws {
    try await Fixtures.withStore { store, _ in
      let answer = StoredAnswer(
        key: Fixtures.key("k"), requestHash: hash, status: status, body: [], orderNumber: nil,
        createdAt: 0)
      await #expect {
        try await store.storeAnswer(answer)
      } throws: { error in
        guard case .invalidInput = error as? OrderStoreError else { return false }
        return true
      }
      await #expect {
        try await store.record(try Fixtures.order(Fixtures.number(1)), answer: answer)
      } throws: { error in
        guard case .invalidInput = error as? OrderStoreError else { return false }
        return true
      }
      let stored = try await store.answer(for: Fixtures.key("k"))
      #expect(stored == nil)
      #expect(try await store.orderCount() == 0)
    }
  }

  @Test("a key of the longest allowed length is kept intact")
  func longestKey() async throws {
    try await Fixtures.withStore { store, _ in
      let key = Fixtures.key(String(repeating: "~", count: IdempotencyKey.maximumLength))
      try await store.storeAnswer(Fixtures.answer(key, number: nil, status: 402))
      #expect(try await store.answer(for: key)?.key == key)
    }
  }
}

import OrderCore
import OrderStorage
import Testing

@Suite("Purging old idempotency answers")
struct PurgeTests {
  @Test("only answers created before the cut-off go; orders stay")
  func purgeOld() async throws {
    try await Fixtures.withStore { store, _ in
      let day: Int64 = 86_400
      let now: Int64 = 1_760_000_000
      let ages: [Int64] = [3 * day, day + 1, day, day - 1, 0]
      for (index, age) in ages.enumerated() {
        _ = try await store.record(
          try Fixtures.order(Fixtures.number(index), createdAt: now - age),
          answer: Fixtures.answer(Fixtures.key("order-\(index)"), number: nil, createdAt: now - age)
        )
        try await store.storeAnswer(
          Fixtures.answer(
            Fixtures.key("decline-\(index)"), number: nil, status: 402, createdAt: now - age))
      }
      let purged = try await store.purgeAnswers(olderThan: now - day)
      #expect(purged == 4)
      for (index, age) in ages.enumerated() {
        let kept = age <= day
        let orderAnswer = try await store.answer(for: Fixtures.key("order-\(index)"))
        let declineAnswer = try await store.answer(for: Fixtures.key("decline-\(index)"))
        #expect((orderAnswer != nil) == kept)
        #expect((declineAnswer != nil) == kept)
        #expect(try await store.order(number: Fixtures.number(index)) != nil)
      }
      #expect(try await store.purgeAnswers(olderThan: now - day) == 0)
      #expect(try await store.orderCount() == ages.count)
    }
  }

  @Test("a purged key can be used again")
  func keyReusableAfterPurge() async throws {
    try await Fixtures.withStore { store, _ in
      try await store.storeAnswer(
        Fixtures.answer(Fixtures.key("k"), number: nil, status: 402, createdAt: 10))
      #expect(try await store.purgeAnswers(olderThan: 11) == 1)
      try await store.storeAnswer(
        Fixtures.answer(Fixtures.key("k"), number: nil, status: 402, createdAt: 20))
      #expect(try await store.answer(for: Fixtures.key("k"))?.createdAt == 20)
    }
  }
}

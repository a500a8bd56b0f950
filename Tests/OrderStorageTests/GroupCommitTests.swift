import OrderCore
import OrderStorage
import Testing

@Suite("Concurrent writes sharing a commit")
struct GroupCommitTests {
  /// One concurrent call: which order under which key, and what came of it.
  struct Attempt: Sendable {
    let number: OrderNumber
    let key: IdempotencyKey
    let customerName: String
    let outcome: Result<OrderRecord, OrderStoreError>
  }

  @Test("colliding keys and numbers in one flood: each call atomic, the others unharmed")
  func mixedFlood() async throws {
    try await Fixtures.withStore { store, _ in
      // 200 calls over 60 keys and 90 numbers, so many collide inside the same batch.
      let attempts = try await withThrowingTaskGroup(of: Attempt.self) { group in
        for index in 0..<200 {
          let number = Fixtures.number(index % 90)
          let key = Fixtures.key("key-\(index % 60)")
          var customer = Fixtures.customer
          customer.name = "Customer \(index)"
          let order = try Fixtures.order(number, customer: customer)
          group.addTask {
            do throws(OrderStoreError) {
              let record = try await store.record(
                order, answer: Fixtures.answer(key, number: nil))
              return Attempt(
                number: number, key: key, customerName: customer.name, outcome: .success(record))
            } catch {
              return Attempt(
                number: number, key: key, customerName: customer.name, outcome: .failure(error))
            }
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      let winners = attempts.filter { (try? $0.outcome.get()) != nil }
      #expect(Set(winners.map(\.number)).count == winners.count)
      #expect(Set(winners.map(\.key)).count == winners.count)
      #expect(try await store.orderCount() == winners.count)
      #expect(winners.count >= 60)
      for winner in winners {
        let stored = try #require(await store.order(number: winner.number))
        #expect(stored.customer.name == winner.customerName)
        #expect(try await store.answer(for: winner.key)?.orderNumber == winner.number)
        #expect(try await store.events(for: winner.number).count == 2)
      }
      for attempt in attempts {
        switch attempt.outcome {
        case .success: break
        case .failure(.duplicateKey):
          #expect(winners.contains { $0.key == attempt.key })
        case .failure(.numberTaken(let number)):
          #expect(number == attempt.number)
          #expect(winners.contains { $0.number == attempt.number })
        case .failure(let error):
          Issue.record("unexpected \(error)")
        }
      }
    }
  }

  @Test("a refused write leaves no trace while the writes beside it commit")
  func refusedBesideAccepted() async throws {
    try await Fixtures.withStore { store, _ in
      _ = try await store.record(
        try Fixtures.order(Fixtures.number(0)),
        answer: Fixtures.answer(Fixtures.key("taken"), number: nil))
      let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
        for index in 1...40 {
          // Every odd call reuses the taken key and must be refused whole.
          let key = Fixtures.key(index.isMultiple(of: 2) ? "fresh-\(index)" : "taken")
          let order = try Fixtures.order(Fixtures.number(index))
          group.addTask {
            (try? await store.record(order, answer: Fixtures.answer(key, number: nil))) != nil
          }
        }
        return try await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(outcomes.filter { $0 }.count == 20)
      #expect(try await store.orderCount() == 21)
      for index in stride(from: 1, through: 39, by: 2) {
        #expect(try await store.order(number: Fixtures.number(index)) == nil)
        #expect(try await store.events(for: Fixtures.number(index)).isEmpty)
      }
    }
  }
}

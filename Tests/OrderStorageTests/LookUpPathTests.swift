import Foundation
import OrderCore
import Synchronization
import Testing

@testable import OrderStorage

/// An order found by number and email takes one path for an unknown number and a wrong email:
/// the same statements, so neither the answer nor its time tells the two apart.
@Suite("Order look-up path")
struct LookUpPathTests {
  /// The SQL of the statements run, in order.
  final class Statements: Sendable {
    private let seen = Mutex<[String]>([])
    func add(_ sql: String) { seen.withLock { $0.append(sql) } }
    func take() -> [String] {
      seen.withLock { seen in
        defer { seen = [] }
        return seen
      }
    }
  }

  static func withTracedStore(
    _ body: (SQLiteOrderStore, Statements) async throws -> Void
  ) async throws {
    try await Fixtures.withDirectory { directory in
      let statements = Statements()
      let store = try SQLiteOrderStore(
        path: directory.appendingPathComponent("orders.sqlite").path, tracing: statements.add)
      try await body(store, statements)
    }
  }

  @Test func aWrongEmailAndAnUnknownNumberRunTheSameSingleStatement() async throws {
    try await Self.withTracedStore { store, statements in
      let known = Fixtures.number(1)
      try await store.record(
        Fixtures.order(known),
        answer: Fixtures.answer(Fixtures.key("k1"), number: known))
      _ = statements.take()

      #expect(try await store.order(number: known, email: "eve@example.com") == nil)
      let wrongEmail = statements.take()
      #expect(try await store.order(number: Fixtures.number(2), email: "eve@example.com") == nil)
      let unknownNumber = statements.take()

      #expect(wrongEmail == unknownNumber)
      #expect(wrongEmail.filter { $0.hasPrefix("SELECT") }.count == 1, "\(wrongEmail)")
    }
  }

  @Test func theRightEmailInAnyCaseFindsTheWholeOrder() async throws {
    try await Self.withTracedStore { store, _ in
      let known = Fixtures.number(1)
      let order = try Fixtures.order(known)
      try await store.record(
        order, answer: Fixtures.answer(Fixtures.key("k1"), number: known))
      let email = Fixtures.customer.email.uppercased()
      let found = try await store.order(number: known, email: email)
      #expect(found?.record == order.record)
      #expect(found?.customer.email == Fixtures.customer.email)
    }
  }

  /// The twin: reading the order first and comparing the email afterwards, as the service once
  /// did, runs more statements for a known number than for an unknown one, and the same check
  /// sees it.
  @Test func readingTheOrderBeforeTheEmailIsCaughtByTheSameCheck() async throws {
    try await Self.withTracedStore { store, statements in
      let known = Fixtures.number(1)
      try await store.record(
        Fixtures.order(known),
        answer: Fixtures.answer(Fixtures.key("k1"), number: known))
      _ = statements.take()

      _ = try await store.order(number: known)
      let wrongEmail = statements.take()
      _ = try await store.order(number: Fixtures.number(2))
      let unknownNumber = statements.take()
      #expect(wrongEmail != unknownNumber)
      #expect(wrongEmail.count > unknownNumber.count)
    }
  }
}

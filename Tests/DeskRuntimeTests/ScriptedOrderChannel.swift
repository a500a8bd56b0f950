import DeskRuntime
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import Synchronization

/// An order service in memory, for the runtime's tests: the demo catalog, quotes priced as
/// the service prices them, and a seeded chance of failing and of taking a while.
///
/// Its security stream says what each call found, as a real channel's does, and on purpose
/// also repeats itself, so a desk that took security from anywhere but its stream, or
/// scheduled a probe for each report, would show it.
///
/// It is a staff channel too (see `ScriptedOrderChannel+Staff.swift`): a few accounts, the
/// orders placed through it and a few before, customers found from those orders, refunds
/// never over what is left, roles enforced and sessions that can be locked.
actor ScriptedOrderChannel: OrderChannel {
  nonisolated let securityChanges: AsyncStream<ChannelSecurity>
  private let continuation: AsyncStream<ChannelSecurity>.Continuation
  private var generator: SeededGenerator
  /// One call in this many fails (0: none).
  private let failOneIn: Int
  /// The longest a call takes.
  private let longestDelay: Duration
  var calls: [String] = []
  private(set) var submissions: [OrderSubmission] = []
  /// What the service keeps for the staff desk: accounts, the session, orders and refunds.
  var book = StaffBook()

  static let session = DeskFixtures.session

  init(seed: UInt64 = 1, failOneIn: Int = 0, longestDelay: Duration = .zero) {
    (securityChanges, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    generator = SeededGenerator(seed: seed)
    self.failOneIn = failOneIn
    self.longestDelay = longestDelay
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Waits a while, reports the security it found, and fails now and then.
  func call(_ name: String) async throws {
    calls.append(name)
    if longestDelay > .zero {
      let milliseconds =
        Int(longestDelay.components.seconds * 1000)
        + Int(longestDelay.components.attoseconds / 1_000_000_000_000_000)
      try? await Task.sleep(for: .milliseconds(Int.random(in: 0...milliseconds, using: &generator)))
    }
    let fails = failOneIn > 0 && Int.random(in: 0..<failOneIn, using: &generator) == 0
    let security: ChannelSecurity =
      fails ? .down(reason: "connection refused") : .secure(Self.session)
    continuation.yield(security)
    continuation.yield(security)
    if fails { throw Failure(description: "The order service could not be reached.") }
  }

  func probe() async -> ChannelSecurity {
    do {
      try await call("probe")
      return .secure(Self.session)
    } catch {
      return .down(reason: "connection refused")
    }
  }

  func catalog() async throws -> Catalog {
    try await call("catalog")
    return try Catalog.demo
  }

  func quote(_ request: QuoteRequest) async throws -> Quote {
    try await call("quote")
    var cart = Cart()
    for line in request.lines { try cart.add(line.sku, quantity: line.quantity) }
    return try Pricing.quote(
      cart: cart, catalog: try Catalog.demo, currency: request.currency, country: request.country)
  }

  func sealCard(
    _ card: CardEntry, idempotencyKey: IdempotencyKey, currentMonth: YearMonth
  ) async throws -> SealedCard {
    try await call("seal")
    return SealedCard(keyId: "vault-1", sealed: "c2VhbGVk")
  }

  func submit(
    _ submission: OrderSubmission, whenSent: (@Sendable () -> Void)?
  ) async throws -> SubmitOutcome {
    submissions.append(submission)
    whenSent?()
    try await call("submit")
    // The first order is the one of the stored receipt snapshot.
    return .accepted(try book.accept(submission))
  }

  func lookUp(number: OrderNumber, email: String) async throws -> OrderRecord? {
    try await call("lookUp")
    return nil
  }

  func close() async {
    continuation.finish()
  }
}

/// An audit log kept in memory.
final class MemoryJournal: CardReadBackJournal {
  private let records = Mutex<[CardReadBackRecord]>([])

  var count: Int { records.withLock { $0.count } }

  func record(_ readBack: CardReadBackRecord, at date: Date) throws {
    records.withLock { $0.append(readBack) }
  }
}

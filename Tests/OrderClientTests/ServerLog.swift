import Foundation
import Synchronization

/// What the test service saw, and how it is told to misbehave.
///
/// Every test starts its own service with its own log, so tests can run in parallel.
final class ServerLog: Sendable {
  /// One request as the route saw it.
  struct Entry: Sendable {
    var method: String
    var path: String
    var query: String?
    var email: String?
    var idempotencyKey: String?
    var body: [UInt8]
  }

  /// A canned answer that replaces a route's normal one.
  struct Canned: Sendable {
    var status: Int
    var body: [UInt8]
  }

  private struct State {
    var connections = 0
    var entries: [Entry] = []
    var canned: [String: Canned] = [:]
    var ordersToDrop = 0
    var delayFirstOrder: Duration?
    var delayedKeys: [String] = []
  }

  private let state = Mutex(State())

  /// TCP connections accepted so far.
  var connections: Int { state.withLock { $0.connections } }
  /// Requests that reached a route, in order.
  var entries: [Entry] { state.withLock { $0.entries } }
  /// Every idempotency key the service saw for `POST /v1/orders`, dropped or answered.
  var submittedKeys: [String] {
    entries.filter { $0.path == "/v1/orders" }.compactMap(\.idempotencyKey)
  }

  func connectionOpened() { state.withLock { $0.connections += 1 } }

  func record(_ entry: Entry) { state.withLock { $0.entries.append(entry) } }

  /// Answers `route` (such as `GET /v1/catalog`) with `status` and `body` from now on.
  func can(_ route: String, status: Int, body: [UInt8]) {
    state.withLock { $0.canned[route] = Canned(status: status, body: body) }
  }

  func canned(_ route: String) -> Canned? { state.withLock { $0.canned[route] } }

  /// Drops the connection of the next `count` submits in the middle of the answer.
  func dropOrders(_ count: Int) { state.withLock { $0.ordersToDrop = count } }

  /// Whether to drop this submit's connection.
  func shouldDrop() -> Bool {
    state.withLock { state in
      guard state.ordersToDrop > 0 else { return false }
      state.ordersToDrop -= 1
      return true
    }
  }

  /// Makes the first submit wait `delay` before answering.
  func delayFirstOrder(by delay: Duration) { state.withLock { $0.delayFirstOrder = delay } }

  /// The delay for this submit (once), if one was asked for.
  func takeOrderDelay() -> Duration? {
    state.withLock { state in
      defer { state.delayFirstOrder = nil }
      return state.delayFirstOrder
    }
  }
}

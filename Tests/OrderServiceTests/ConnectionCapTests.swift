import Foundation
import OrderService
import Testing

/// At the cap, new connections wait, unread, until one closes, while the open ones go on
/// being served; the twin without a cap connects at once.
@Suite(.serialized) struct ConnectionCapTests {
  static func limits(cap: Int?) -> ConnectionLimits {
    var limits = ConnectionLimits.standard
    limits.maximumConnections = cap
    return limits
  }

  static let health = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"

  /// Opens `count` connections that each got an answer, so the service has accepted them.
  static func served(_ count: Int, port: Int) async throws -> [RawClient] {
    var clients: [RawClient] = []
    for _ in 0..<count {
      let client = try await RawClient.connect(port: port, .tls)
      try await client.write(health)
      #expect(await client.waitFor("\"ok\"", within: .seconds(3)))
      clients.append(client)
    }
    return clients
  }

  /// Starts a connection in the background; `done` says when its handshake finished.
  static func connecting(port: Int) -> (task: Task<RawClient, any Error>, done: Locked<Bool>) {
    let done = Locked(false)
    let task = Task {
      let client = try await RawClient.connect(port: port, .tls)
      done.withLock { $0 = true }
      return client
    }
    return (task, done)
  }

  @Test func pastTheCapANewConnectionWaitsUntilOneCloses() async throws {
    try await withService(limits: Self.limits(cap: 3)) { service in
      let port = service.service.port
      let open = try await Self.served(3, port: port)
      let waiting = Self.connecting(port: port)
      try await Task.sleep(for: .seconds(1))
      #expect(!waiting.done.withLock { $0 })
      // The connections already open are still served.
      try await open[0].write(Self.health)
      #expect(await open[0].waitFor("\"ok\"", count: 2, within: .seconds(3)))
      // One closes: the waiting connection is accepted and served.
      await open[1].close()
      let admitted = try await waiting.task.value
      try await admitted.write(Self.health)
      #expect(await admitted.waitFor("\"ok\"", within: .seconds(3)))
      for client in open + [admitted] { await client.close() }
    }
  }

  @Test func twinWithoutACapTheFourthConnectsAtOnce() async throws {
    try await withService(limits: Self.limits(cap: nil)) { service in
      let port = service.service.port
      let open = try await Self.served(3, port: port)
      let waiting = Self.connecting(port: port)
      try await Task.sleep(for: .seconds(1))
      #expect(waiting.done.withLock { $0 })
      let fourth = try await waiting.task.value
      for client in open + [fourth] { await client.close() }
    }
  }
}

import Foundation
import OrderService
import Testing

@testable import OrderClient

/// Connections that hold the service for nothing are closed when their time runs out.
///
/// Meanwhile `/healthz` keeps answering. Each bound has a twin that turns that bound off and
/// sees the same connection still open after the bound would have closed it.
@Suite(.serialized) struct SlowConnectionTests {
  /// Short bounds, so the tests are quick; the idle bound apart from the header bound, so
  /// which of them closed a connection shows.
  static let short = ConnectionLimits(
    handshakeTimeout: .seconds(1), headerTimeout: .seconds(1), idleTimeout: .seconds(4),
    maximumConnections: 512)

  static func short(
    without bound: WritableKeyPath<ConnectionLimits, Duration?>
  )
    -> ConnectionLimits
  {
    var limits = short
    limits[keyPath: bound] = nil
    return limits
  }

  /// A request head long enough that, a byte every 100 ms, it outlasts every test.
  static let trickledHead =
    "GET /healthz HTTP/1.1\r\nHost: localhost\r\nUser-Agent: a-very-slow-client-indeed\r\n"
    + "Accept: application/json\r\n\r\n"

  /// Writes `trickledHead` a byte every 100 ms until it is cancelled or the write fails.
  static func trickle(_ client: RawClient) -> Task<Void, Never> {
    Task {
      for byte in trickledHead {
        if Task.isCancelled { return }
        do { try await client.write(String(byte)) } catch { return }
        try? await Task.sleep(for: .milliseconds(100))
      }
    }
  }

  static func port(_ service: ServiceHarness) -> Int { service.service.port }

  /// Connections that never send a hello, and handshakes that stop half way.
  static let stalledHandshakes: [RawClient.Mode] = [.plain, .stalledHandshake]

  @Test(arguments: stalledHandshakes)
  func stalledHandshakesAreClosedAtTheHandshakeTimeout(mode: RawClient.Mode) async throws {
    try await withService(limits: Self.short) { service in
      let clients = try await (0..<10).asyncMap { _ in
        try await RawClient.connect(port: Self.port(service), mode)
      }
      for client in clients {
        // The service's clock starts when it accepts, after the client began; the upper
        // bound leaves room for a machine busy with other tests (what matters is that the
        // connection is closed, not held for minutes).
        let closed = try #require(
          await client.closedAfter(client.startedAt, within: .seconds(12)))
        #expect(closed >= .milliseconds(950) && closed < .seconds(10), "\(closed)")
      }
    }
  }

  @Test(arguments: stalledHandshakes)
  func twinWithoutAHandshakeTimeoutStalledHandshakesStayOpen(mode: RawClient.Mode) async throws {
    try await withService(limits: Self.short(without: \.handshakeTimeout)) { service in
      let opened = ContinuousClock.now
      let client = try await RawClient.connect(port: Self.port(service), mode)
      #expect(await client.closedAfter(opened, within: .milliseconds(2500)) == nil)
      await client.close()
    }
  }

  @Test func aHeadSentAByteAtATimeIsClosedAtTheHeaderTimeout() async throws {
    // The idle bound as long as in the twin, so only the header bound (1 s) can close it.
    var limits = Self.short
    limits.idleTimeout = .seconds(30)
    try await withService(limits: limits) { service in
      let client = try await RawClient.connect(port: Self.port(service), .tls)
      let started = ContinuousClock.now
      let trickling = Self.trickle(client)
      defer { trickling.cancel() }
      let closed = try #require(await client.closedAfter(started, within: .seconds(12)))
      #expect(closed >= .milliseconds(900) && closed < .seconds(10), "\(closed)")
      #expect(!client.text.contains("200"))
    }
  }

  @Test func twinWithoutAHeaderTimeoutATrickledHeadStaysOpen() async throws {
    var limits = Self.short(without: \.headerTimeout)
    limits.idleTimeout = .seconds(30)
    try await withService(limits: limits) { service in
      let client = try await RawClient.connect(port: Self.port(service), .tls)
      let started = ContinuousClock.now
      let trickling = Self.trickle(client)
      defer { trickling.cancel() }
      #expect(await client.closedAfter(started, within: .milliseconds(2500)) == nil)
      await client.close()
    }
  }

  @Test func anIdleKeptAliveConnectionIsClosedAtTheIdleTimeout() async throws {
    try await withService(limits: Self.short) { service in
      let client = try await RawClient.connect(port: Self.port(service), .tls)
      try await client.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
      #expect(await client.waitFor("\"ok\"", within: .seconds(3)))
      let answered = ContinuousClock.now
      let closed = try #require(await client.closedAfter(answered, within: .seconds(9)))
      #expect(closed >= .milliseconds(3700) && closed < .seconds(7), "\(closed)")
    }
  }

  @Test func aConnectionThatKeepsAskingIsKeptAlive() async throws {
    try await withService(limits: Self.short) { service in
      let client = try await RawClient.connect(port: Self.port(service), .tls)
      for round in 1...3 {
        try await client.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let answers = { client.text.components(separatedBy: "HTTP/1.1 200").count - 1 }
        let deadline = ContinuousClock.now + .seconds(3)
        while answers() < round, ContinuousClock.now < deadline {
          try await Task.sleep(for: .milliseconds(10))
        }
        #expect(answers() == round)
        // Within the idle bound (4 s), twice over the header bound (1 s).
        try await Task.sleep(for: .seconds(2))
      }
      #expect(client.isOpen)
      await client.close()
    }
  }

  @Test func twinWithoutAnIdleTimeoutAKeptAliveConnectionStaysOpen() async throws {
    try await withService(limits: Self.short(without: \.idleTimeout)) { service in
      let client = try await RawClient.connect(port: Self.port(service), .tls)
      try await client.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
      #expect(await client.waitFor("\"ok\"", within: .seconds(3)))
      let answered = ContinuousClock.now
      #expect(await client.closedAfter(answered, within: .seconds(5)) == nil)
      await client.close()
    }
  }

  /// The attack, at its size: 100 connections that never say hello, 80 heads sent a
  /// byte every 100 ms, 20 idle kept-alive connections and 50 half-finished handshakes.
  @Test func theAttackIsClosedWhileHealthStaysQuick() async throws {
    try await withService(limits: Self.short) { service in
      let port = Self.port(service)
      _ = try await service.raw(.GET, "/healthz")
      let latencies = Locked<[Duration]>([])
      let probing = Task {
        while !Task.isCancelled {
          let started = ContinuousClock.now
          let answer = try? await service.raw(.GET, "/healthz")
          latencies.withLock { $0.append(answer?.status == 200 ? .now - started : .seconds(99)) }
          try? await Task.sleep(for: .milliseconds(100))
        }
      }
      let started = ContinuousClock.now
      async let silent = (0..<100).asyncMap { _ in try await RawClient.connect(port: port, .plain) }
      async let half = (0..<50).asyncMap { _ in
        try await RawClient.connect(port: port, .stalledHandshake)
      }
      async let slow = (0..<80).asyncMap { _ in try await RawClient.connect(port: port, .tls) }
      async let idle = (0..<20).asyncMap { _ in
        let client = try await RawClient.connect(port: port, .tls)
        try await client.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        return client
      }
      let attackers = try await (silent, half, slow, idle)
      let trickles = attackers.2.map(Self.trickle)
      defer { trickles.forEach { $0.cancel() } }
      // Every bound is at most 4 s after its connection's last step; all of that began
      // within a few seconds of `started` on a loaded machine.
      let everyone = attackers.0 + attackers.1 + attackers.2 + attackers.3
      for client in everyone {
        #expect(await client.closedAfter(started, within: .seconds(15)) != nil)
      }
      probing.cancel()
      _ = await probing.value
      let seen = latencies.withLock { $0 }
      #expect(seen.count >= 10)
      #expect(seen.allSatisfy { $0 < .seconds(1) }, "\(seen.max() ?? .zero)")
      // The service is still there for a new desk.
      #expect(try await service.raw(.GET, "/healthz", on: service.newChannel()).status == 200)
    }
  }
}

extension Sequence where Element: Sendable {
  /// Maps concurrently, keeping the order.
  func asyncMap<T: Sendable>(
    _ transform: @escaping @Sendable (Element) async throws -> T
  ) async throws -> [T] {
    try await withThrowingTaskGroup(of: (Int, T).self) { group in
      for (index, element) in enumerated() {
        group.addTask { (index, try await transform(element)) }
      }
      var results: [(Int, T)] = []
      for try await result in group { results.append(result) }
      return results.sorted { $0.0 < $1.0 }.map(\.1)
    }
  }
}

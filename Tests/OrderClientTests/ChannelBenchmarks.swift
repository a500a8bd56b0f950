import Foundation
import OrderClient
import OrderCore
import Testing

/// Figures for the channel, run on purpose: `ORDERDESK_BENCH=1 swift test --filter ChannelBenchmarks`.
///
/// Not part of the suite: timings on a shared 2-core machine make poor assertions. They print
/// the handshake cost, and request latency on one kept-alive connection over TLS and over
/// plain HTTP to the same kind of service in the same run, with their ratio.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ORDERDESK_BENCH"] != nil))
struct ChannelBenchmarks {
  @Test func handshakeAndKeptAliveLatency() async throws {
    let identity = try ChannelSupport.selfSigned()
    let rounds = 2000
    let tls = try await TestService.run(tls: .init(identity: identity)) { service in
      var fresh: [Duration] = []
      for _ in 0..<50 {
        let channel = try ChannelSupport.pinned(service, to: identity)
        let started = ContinuousClock.now
        _ = await channel.probe()
        fresh.append(ContinuousClock.now - started)
        await channel.close()
      }
      var handshakes: [Duration] = []
      let reconnecting = try ChannelSupport.pinned(service, to: identity)
      for _ in 0..<50 {
        let started = ContinuousClock.now
        _ = await reconnecting.probe()
        handshakes.append(ContinuousClock.now - started)
        await reconnecting.close()
      }
      let channel = try ChannelSupport.pinned(service, to: identity)
      let latencies = try await ChannelSupport.using(channel) { channel in
        try await measure(rounds) {
          try await channel.lookUp(number: Fixtures.orderNumber, email: "x")
        }
      }
      let submits = try await ChannelSupport.using(
        try ChannelSupport.pinned(service, to: identity)
      ) { channel in
        try await measure(500) { try await channel.submit(Fixtures.submission()) }
      }
      return (fresh.sorted(), handshakes.sorted(), latencies, submits, service.log.connections)
    }
    let plain = try await TestService.run(tls: nil) { service in
      let channel = HTTPSOrderChannel(
        endpoint: try ServiceEndpoint(parsing: service.endpoint(https: false)),
        trust: .systemTrustStore)
      return try await ChannelSupport.using(channel) { channel in
        try await measure(rounds) {
          try await channel.lookUp(number: Fixtures.orderNumber, email: "x")
        }
      }
    }
    let (fresh, handshakes, latencies, submits, connections) = tls
    print("first connection of a new channel (TLS context + TCP + TLS 1.3 + pin check), 50:")
    print("  p50 \(ms(fresh[25]))  p99 \(ms(fresh[49]))")
    print("handshake (TCP + TLS 1.3 + pin check), 50 reconnections of one channel:")
    print("  p50 \(ms(handshakes[25]))  p99 \(ms(handshakes[49]))")
    print("GET /v1/orders/{n} (404) on one kept-alive TLS connection, \(rounds) requests:")
    print("  p50 \(ms(percentile(latencies, 0.5)))  p99 \(ms(percentile(latencies, 0.99)))")
    print("POST /v1/orders (canned 201) over TLS, 500 submits:")
    print("  p50 \(ms(percentile(submits, 0.5)))  p99 \(ms(percentile(submits, 0.99)))")
    print("GET /v1/orders/{n} (404) on one kept-alive plain HTTP connection, \(rounds) requests:")
    print("  p50 \(ms(percentile(plain, 0.5)))  p99 \(ms(percentile(plain, 0.99)))")
    let ratio =
      percentile(latencies, 0.5) / percentile(plain, 0.5)
    print("TLS / plain p50 ratio: \(String(format: "%.2f", ratio))")
    print("connections used by the TLS service: \(connections) (100 handshakes + 2 channels)")
  }

  private func measure(
    _ rounds: Int, _ call: () async throws -> some Sendable
  ) async throws -> [Duration] {
    var samples: [Duration] = []
    samples.reserveCapacity(rounds)
    for _ in 0..<rounds {
      let started = ContinuousClock.now
      _ = try await call()
      samples.append(ContinuousClock.now - started)
    }
    return samples.sorted()
  }

  private func percentile(_ sorted: [Duration], _ fraction: Double) -> Duration {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
  }

  private func ms(_ duration: Duration) -> String {
    let value =
      Double(duration.components.attoseconds) / 1e15
      + Double(duration.components.seconds) * 1000
    return String(format: "%.3f ms", value)
  }
}

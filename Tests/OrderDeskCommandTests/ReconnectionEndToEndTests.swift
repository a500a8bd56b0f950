import Foundation
import OrderDeskTestSupport
import Testing

/// The real desk pointed at a server that accepts connections and closes them: over a
/// minute it must back off, not turn into a load generator.
@Suite struct ReconnectionEndToEndTests {
  /// The most connections a backing-off desk makes in a minute against a broken server.
  ///
  /// The first probe and the catalog (each maybe retried once), then probes after about 1,
  /// 2, 4, 8, 16 and 30 s. A desk that probes every second makes about 60; one that doubles
  /// its probes makes thousands.
  static let mostConnectionsInAMinute = 15

  @Test(.timeLimit(.minutes(3)))
  func aDeskPointedAtABrokenServerBacksOff() async throws {
    let listener = try AcceptAndCloseListener()
    defer { listener.stop() }
    let desk = try DeskUnderTest(server: "https://127.0.0.1:\(listener.port)")
    defer { desk.stop() }
    try await desk.session.waitFor("Down")
    let opened = ContinuousClock.now
    try await Task.sleep(for: .seconds(60))
    let times = listener.arrivalTimes.filter { $0 <= opened + .seconds(60) }

    #expect(
      times.count <= Self.mostConnectionsInAMinute,
      "\(times.count) connections in a minute: \(Self.gaps(times))")
    // It keeps trying, and the waits grow: late gaps are long ones.
    #expect(times.count >= 5, "only \(times.count) connections: \(Self.gaps(times))")
    let longest = zip(times, times.dropFirst()).map { $1 - $0 }.max() ?? .zero
    #expect(longest >= .seconds(7), "the longest wait was \(longest): \(Self.gaps(times))")
    let screen = try desk.session.capture()
    #expect(screen.contains("Down"), "\(screen)")
    try await desk.quit()
  }

  /// The waits between connections, in seconds, for a failure's message.
  static func gaps(_ times: [ContinuousClock.Instant]) -> String {
    zip(times.dropFirst(), times)
      .map { later, earlier in
        let (seconds, attoseconds) = (later - earlier).components
        return String(format: "%.1f", Double(seconds) + Double(attoseconds) / 1e18)
      }
      .joined(separator: " ")
  }
}

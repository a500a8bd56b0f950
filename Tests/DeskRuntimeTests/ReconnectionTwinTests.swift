import DeskRuntime
import DeskUI
import Foundation
import OrderClient
import OrderCore
import OrderDeskTestSupport
import Testing

/// The twin of the desk's back-off test, `ReconnectionEndToEndTests`.
///
/// The same broken server and the same count, against the real runtime and channel with the
/// back-off taken out: such a desk passes the minute's bound within seconds, so the count
/// can fail.
@Suite struct ReconnectionTwinTests {
  /// `ReconnectionEndToEndTests.mostConnectionsInAMinute`.
  static let mostConnectionsInAMinute = 15

  @Test(.timeLimit(.minutes(1)))
  func aDeskThatDoesNotBackOffIsCaughtByTheCount() async throws {
    let listener = try AcceptAndCloseListener()
    defer { listener.stop() }
    let channel = HTTPSOrderChannel(
      endpoint: try ServiceEndpoint(parsing: "https://127.0.0.1:\(listener.port)"),
      trust: .systemTrustStore, timeout: .seconds(2))
    let runtime = DeskRuntime(
      channel: channel, journal: MemoryJournal(), currentMonth: YearMonth(year: 2026, month: 11)!)
    let noBackOff = ReconnectPolicy(first: .milliseconds(250), cap: .milliseconds(250), jitter: 0)
    let state = DeskState(
      rows: 24, columns: 80, currency: .eur, currentMonth: YearMonth(year: 2026, month: 11)!,
      idempotencySeed: IdempotencyKey("twin")!, reconnectPolicy: noBackOff)
    let terminal = HeadlessTerminal()
    Thread { runtime.run(state, on: terminal, glyphs: Glyphs(unicode: true)) }.start()
    try await Task.sleep(for: .seconds(20))
    terminal.hangUp()
    await channel.close()

    #expect(
      listener.count > Self.mostConnectionsInAMinute,
      "without back-off, \(listener.count) connections in 20 s")
  }
}

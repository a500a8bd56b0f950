import DeskRuntime
import DeskUI
import Foundation
import OrderClient
import OrderCore
import OrderDeskTestSupport
import Testing

/// The twin of the desk's back-off test, `ReconnectionEndToEndTests`.
///
/// The same broken server and the same minute, against the real runtime and channel with
/// the back-off taken out: such a desk probes again as soon as a probe ends, and passes the
/// bound even on a machine so busy that each probe takes a second or two.
@Suite struct ReconnectionTwinTests {
  /// `ReconnectionEndToEndTests.mostConnectionsInAMinute`.
  static let mostConnectionsInAMinute = 15

  @Test(.timeLimit(.minutes(3)))
  func aDeskThatDoesNotBackOffIsCaughtByTheCount() async throws {
    let listener = try AcceptAndCloseListener()
    defer { listener.stop() }
    let channel = HTTPSOrderChannel(
      endpoint: try ServiceEndpoint(parsing: "https://127.0.0.1:\(listener.port)"),
      trust: .systemTrustStore, timeout: .seconds(2))
    let runtime = DeskRuntime(
      channel: channel, journal: MemoryJournal(), currentMonth: YearMonth(year: 2026, month: 11)!)
    let noBackOff = ReconnectPolicy(first: .milliseconds(10), cap: .milliseconds(10), jitter: 0)
    let state = DeskState(
      rows: 24, columns: 80, currency: .eur, currentMonth: YearMonth(year: 2026, month: 11)!,
      idempotencySeed: IdempotencyKey("twin")!, reconnectPolicy: noBackOff)
    let terminal = HeadlessTerminal()
    Thread { runtime.run(state, on: terminal, glyphs: Glyphs(unicode: true)) }.start()
    try await Task.sleep(for: .seconds(60))
    terminal.hangUp()
    await channel.close()

    #expect(
      listener.count > Self.mostConnectionsInAMinute,
      "without back-off, \(listener.count) connections in a minute")
  }
}

import DeskRuntime
import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import Synchronization
import Testing

/// The real runtime, on a headless terminal and an order service in memory: a whole order
/// typed as a person types it, the lock taken from the channel's stream, and quitting.
@Suite struct DeskRuntimeTests {
  static let month = YearMonth(year: 2026, month: 11)!

  /// A runtime running on its own thread, as `orderdesk` runs it on the main thread.
  final class RunningDesk: Sendable {
    let terminal = HeadlessTerminal()
    let channel: ScriptedOrderChannel
    let journal = MemoryJournal()
    private let finalState = Mutex<DeskState?>(nil)

    init(
      channel: ScriptedOrderChannel = ScriptedOrderChannel(), mode: DeskState.Mode = .customer,
      idleLock: Duration = DeskState.standardIdleLock, clock: IdleTestClock? = nil
    ) {
      self.channel = channel
      let clock = clock ?? IdleTestClock()
      let runtime = DeskRuntime(
        channel: channel, journal: journal, currentMonth: month, idleLock: idleLock,
        idleClock: { clock.now })
      let state = DeskState(
        rows: 24, columns: 80, currency: .eur, currentMonth: month,
        idempotencySeed: IdempotencyKey("test-seed")!, mode: mode)
      let thread = Thread { [self] in
        let left = runtime.run(state, on: terminal, glyphs: Glyphs(unicode: true))
        finalState.withLock { $0 = left }
      }
      thread.start()
    }

    /// Types `text` a key at a time.
    func type(_ text: String) {
      terminal.type(text.map { Key.character($0) })
    }

    func press(_ keys: Key...) {
      terminal.type(keys)
    }

    /// Waits for a frame showing `text`; fails the test with the last frame if none does.
    @discardableResult
    func waitFor(
      _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> String {
      let frame = await terminal.frame { $0.snapshot.contains(text) }
      if frame == nil {
        Issue.record(
          "no frame showed \(text); the last was:\n\(terminal.lastFrame?.snapshot ?? "none")",
          sourceLocation: sourceLocation)
      }
      return frame?.snapshot ?? ""
    }

    /// Waits for the desk to end; returns how it was left, or `nil` if it did not end.
    func waitForEnd(timeout: Duration = .seconds(10)) async -> DeskState? {
      let deadline = ContinuousClock.now + timeout
      while ContinuousClock.now < deadline {
        if let left = finalState.withLock({ $0 }) { return left }
        try? await Task.sleep(for: .milliseconds(5))
      }
      return nil
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func aWholeOrderRunsThroughThePorts() async throws {
    let desk = RunningDesk()
    defer { desk.terminal.hangUp() }
    // The lock closes from the channel's stream; the catalog comes from the channel.
    await desk.waitFor("🔒 Secure · TLS 1.3")
    await desk.waitFor("Inkwell Standard")
    desk.press(.enter, .character("c"))
    await desk.waitFor("€58.31")
    desk.press(.enter)
    await desk.waitFor("Details")
    desk.type("Ada Lovelace")
    desk.press(.tab)
    desk.type("ada@example.com")
    desk.press(.tab, .tab)
    desk.type("Germ")
    desk.press(.enter, .enter)
    await desk.waitFor("Card number")
    desk.type("4242424242424242")
    desk.type("0429")
    desk.type("123")
    desk.press(.enter)
    // Sealed, the card goes to the review, which shows only its last four; Enter counts once
    // the review is drawn with its totals.
    let review = await desk.waitFor("Total                                 €58.31")
    #expect(review.contains("Step 5 of 5 · Review"), "\(review)")
    #expect(review.contains("•••• 4242") && !review.contains("4242 4242"), "\(review)")
    desk.press(.enter)
    let receipt = await desk.waitFor("Order OD-7K3F9Q2M")
    // The runtime's frame is the one the headless snapshot stores.
    let stored = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../DeskUITests/Snapshots/receipt.txt"), encoding: .utf8)
    #expect(receipt == stored, "\(receipt)")
    let calls = await desk.channel.calls
    #expect(calls.contains("seal") && calls.contains("submit"), "\(calls)")
    let submissions = await desk.channel.submissions
    #expect(submissions.count == 1)
    #expect(submissions.first?.card == SealedCard(keyId: "vault-1", sealed: "c2VhbGVk"))

    desk.press(.control("c"))
    let left = try #require(await desk.waitForEnd())
    #expect(left.hasQuit)
  }

  /// A whole order typed before any of its screens appears, over a service that takes a while
  /// to answer: every key is applied in order, but the Enter typed for the review does not
  /// place the order; the Enter pressed on the review as drawn does.
  @Test(.timeLimit(.minutes(1)))
  func aWholeOrderTypedAheadWaitsAtTheReview() async throws {
    let desk = RunningDesk(channel: ScriptedOrderChannel(longestDelay: .milliseconds(40)))
    defer { desk.terminal.hangUp() }
    // Over a channel not yet known to be secure the card would wait for it with its form
    // still open, and the Enter typed for the review would go to that form.
    await desk.waitFor("🔒 Secure · TLS 1.3")
    await desk.waitFor("Inkwell Standard")
    let text = { (text: String) in text.map { Key.character($0) } }
    desk.terminal.type(
      [.enter, .character("c"), .enter] + text("Ada Lovelace") + [.tab]
        + text("ada@example.com") + [.tab, .tab] + text("Germ") + [.enter, .enter]
        + text("42424242424242420429123") + [.enter, .enter])
    let review = await desk.waitFor("Not placed: that Enter was typed before the review")
    #expect(review.contains("Total                                 €58.31"), "\(review)")
    #expect(review.contains("Customer         Ada Lovelace <ada@example.com>"), "\(review)")
    try await Task.sleep(for: .milliseconds(200))
    #expect(await desk.channel.submissions.isEmpty, "the Enter typed ahead placed the order")

    desk.press(.enter)
    await desk.waitFor("Order OD-7K3F9Q2M")
    #expect(await desk.channel.submissions.count == 1)
  }

  @Test(.timeLimit(.minutes(1)))
  func aHungUpTerminalEndsTheDesk() async throws {
    let desk = RunningDesk()
    await desk.waitFor("Inkwell Standard")
    desk.terminal.hangUp()
    let left = try #require(await desk.waitForEnd())
    #expect(!left.hasQuit, "a hang-up is not a quit, but it ends the loop all the same")
  }
}

/// The time the idle lock is measured in, moved on by the test: the continuous clock's, plus
/// whatever the test added.
final class IdleTestClock: Sendable {
  private let added = Mutex<Duration>(.zero)

  var now: ContinuousClock.Instant { ContinuousClock.now + added.withLock { $0 } }

  /// Moves the clock on by `duration`.
  func advance(by duration: Duration) {
    added.withLock { $0 += duration }
  }
}

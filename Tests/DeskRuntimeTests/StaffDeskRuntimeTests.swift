import DeskRuntime
import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

/// The real runtime as staff use it, on a headless terminal and the order service in memory:
/// signing in, a phone order for a returning customer, finding it and refunding part of it,
/// an agent refused, and the idle lock.
@Suite struct StaffDeskRuntimeTests {
  typealias RunningDesk = DeskRuntimeTests.RunningDesk
  static let ana = StaffFixtures.ana

  /// Whether `condition` holds within ten seconds.
  static func eventually(_ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
      if await condition() { return true }
      try? await Task.sleep(for: .milliseconds(5))
    }
    return false
  }

  /// Signs `account` in on a staff desk's sign-in screen.
  static func signIn(_ desk: RunningDesk, _ account: StaffFixtures.Account = ana) async {
    await desk.waitFor("Sign in to the staff desk")
    desk.type(account.member.name)
    desk.press(.tab)
    desk.type(account.passphrase)
    desk.press(.tab)
    desk.type(account.code)
    desk.press(.enter)
    await desk.waitFor("\(account.member.name) · \(account.member.role.rawValue)  🔒")
  }

  @Test(.timeLimit(.minutes(1)))
  func aPhoneOrderForAReturningCustomerIsFoundAndPartlyRefunded() async throws {
    let desk = RunningDesk(mode: .staff)
    defer { desk.terminal.hangUp() }
    await Self.signIn(desk)
    // A phone order: Ada's last order repeated in one key, a note, the card.
    desk.type("1")
    desk.press(.enter)
    await desk.waitFor("Phone order: find the customer")
    desk.type("lovelace")
    await desk.waitFor("ada@example.com")
    desk.press(.down, .character("r"))
    await desk.waitFor("€222.53")
    desk.press(.enter)
    await desk.waitFor("Step 3 of 5 · Details")
    desk.press(.tab, .tab, .tab, .tab)
    desk.type("Calls back about the invoice address.")
    desk.press(.enter)
    await desk.waitFor("Card number")
    desk.type("4242424242424242")
    desk.type("0429")
    desk.type("123")
    desk.press(.enter)
    await desk.waitFor("Step 5 of 5 · Review")
    // The review's Enter counts once the review was drawn with its totals.
    let review = await desk.waitFor("€222.53")
    #expect(review.contains("Step 5 of 5 · Review"), "\(review)")
    #expect(review.contains("Source           Phone order"))
    desk.press(.enter)
    let receipt = await desk.waitFor("Order OD-7K3F9Q2M")
    #expect(receipt.contains("Placed 2025-11-28, Phone order"))
    let submission = try #require(await desk.channel.submissions.first)
    #expect(submission.source == .phone)
    #expect(submission.note == "Calls back about the invoice address.")
    #expect(submission.customer.email == "ada@example.com")
    #expect(submission.lines.map(\.quantity) == [2, 1])

    // Found again, its page, and a refund of part of it.
    desk.press(.function(3))
    await desk.waitFor("Find orders by number")
    desk.type("OD-7K3F9Q2M")
    desk.press(.enter)
    await desk.waitFor("OD-7K3F9Q2M  2025-11-28 Ada Lovelace")
    desk.press(.enter)
    let page = await desk.waitFor("entered by ana")
    #expect(page.contains("Note: Calls back about the invoice address."))
    desk.press(.character("r"))
    await desk.waitFor("Refund order OD-7K3F9Q2M")
    desk.type("2")
    desk.type("20.00")
    desk.press(.enter)
    desk.type("2")
    desk.type("bought twice")
    desk.press(.enter)
    await desk.waitFor("Refund €20.00 of OD-7K3F9Q2M to Visa •••• 4242? Enter refunds")
    desk.press(.enter)
    let refunded = await desk.waitFor("Refunded  €20.00 of €222.53; €202.53 can still be")
    #expect(refunded.contains("payment partly refunded"))
    desk.press(.end)
    await desk.waitFor("staff:ana    payment refunded")
    let book = await desk.channel.book
    #expect(book.refunds.count == 1)
    #expect(book.orders.last?.refunded == Money(minorUnits: 2_000, currency: .eur))
    // More than is left is refused by the form before the service sees it.
    desk.press(.character("r"))
    await desk.waitFor("€202.53 left to refund")
    desk.type("2")
    desk.type("202.54")
    desk.press(.enter)
    desk.type("1")
    desk.press(.enter)
    await desk.waitFor("✗ At most €202.53 can still be refunded.")
    #expect(await desk.channel.book.refunds.count == 1)
  }

  @Test(.timeLimit(.minutes(1)))
  func anAgentFindsOrdersButIsRefusedARefund() async throws {
    let desk = RunningDesk(mode: .staff)
    defer { desk.terminal.hangUp() }
    await Self.signIn(desk, StaffFixtures.ben)
    desk.type("4")
    desk.press(.enter)
    await desk.waitFor("Find orders by number")
    desk.type("grace")
    desk.press(.enter)
    await desk.waitFor("OD-5T6Y7U8I")
    desk.press(.enter)
    await desk.waitFor("Grace Hopper <grace@example.com>")
    desk.press(.character("r"))
    await desk.waitFor("Refunds need a supervisor.")
    let calls = await desk.channel.calls
    #expect(!calls.contains("refund"))
    // Nor would the service have let an agent refund.
    await #expect(throws: StaffRefusal.notAllowed("Refunds need a supervisor.")) {
      _ = try await desk.channel.refund(
        OrderNumber("OD-5T6Y7U8I")!, StaffRefund(reason: .duplicate),
        idempotencyKey: IdempotencyKey("agent-try")!)
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func aWrongPassphraseIsRefusedInOneLineAndNeverDrawn() async throws {
    let desk = RunningDesk(mode: .staff)
    defer { desk.terminal.hangUp() }
    await desk.waitFor("Sign in to the staff desk")
    desk.type("ana")
    desk.press(.tab)
    desk.type("correct horse battery!")
    desk.press(.tab)
    desk.type(Self.ana.code)
    desk.press(.enter)
    let refused = await desk.waitFor("✗ The name, passphrase or code is wrong.")
    #expect(!refused.contains("correct horse"))
    #expect(await desk.channel.book.session == nil)
  }

  /// Signs in and takes a phone order for a new customer up to the payment screen.
  static func reachPaymentForANewCustomer(_ desk: RunningDesk) async {
    await signIn(desk)
    desk.type("1")
    desk.press(.enter, .function(6))
    await desk.waitFor("SKU or name:")
    desk.press(.enter, .tab)
    await desk.waitFor("€58.31")
    desk.press(.enter)
    desk.type("Ada Lovelace")
    desk.press(.tab)
    desk.type("ada@example.com")
    desk.press(.tab, .tab)
    desk.type("Germ")
    desk.press(.enter, .enter)
    await desk.waitFor("Card number")
  }

  /// A phone order for a new customer with a card half typed: eight digits of its number.
  static func halfTypeACard(_ desk: RunningDesk) async {
    await reachPaymentForANewCustomer(desk)
    desk.type("42424242")
    await desk.waitFor("•••• ••••")
  }

  /// The idle lock after the standard fifteen minutes, on a clock the test moves on: a card
  /// half typed is wiped, another member's passphrase does not unlock, the same member's
  /// does, and the order is still there.
  @Test(.timeLimit(.minutes(1)))
  func theIdleLockWipesAHalfTypedCardAndOpensOnlyForTheSameMember() async throws {
    let clock = IdleTestClock()
    let desk = RunningDesk(mode: .staff, clock: clock)
    await Self.halfTypeACard(desk)
    // Nothing more is typed for fifteen minutes: the desk locks itself.
    clock.advance(by: .seconds(15 * 60))
    desk.terminal.send(.none)
    let locked = await desk.waitFor("This desk is locked")
    #expect(!locked.contains("Ada") && !locked.contains("€") && !locked.contains("••••"))
    // The service hears of it from a task of its own, which may come after the frame.
    #expect(await Self.eventually { await desk.channel.book.locks == 1 })
    #expect(await desk.channel.book.session?.locked == true)

    desk.type(StaffFixtures.ben.passphrase)
    desk.press(.tab)
    desk.type(StaffFixtures.ben.code)
    desk.press(.enter)
    await desk.waitFor("✗ The passphrase or code is wrong.")
    #expect(await desk.channel.book.session?.locked == true)

    desk.type(Self.ana.passphrase)
    desk.press(.tab)
    desk.type(Self.ana.code)
    desk.press(.enter)
    let unlocked = await desk.waitFor("Payment card")
    #expect(unlocked.contains("Welcome back, ana"))
    let field = unlocked.split(separator: "\n").first { $0.contains("Card number") } ?? ""
    #expect(!field.contains("•") && !field.contains("4"), "\(unlocked)")
    #expect(await desk.channel.book.unlocks == 1)
    desk.terminal.hangUp()
    let left = try #require(await desk.waitForEnd())
    #expect(left.payment.number.isEmpty && left.payment.cvc.isEmpty)
    #expect(left.cart.totalQuantity == 1)
    #expect(left.details[.email].text == "ada@example.com")
  }

  /// The idle lock test's twin: fourteen minutes without a key lock nothing, and the half
  /// typed card is still in its buffer, so the check that it was wiped can fail.
  @Test(.timeLimit(.minutes(1)))
  func fourteenMinutesWithoutAKeyLockNothing() async throws {
    let clock = IdleTestClock()
    let desk = RunningDesk(mode: .staff, clock: clock)
    await Self.halfTypeACard(desk)
    clock.advance(by: .seconds(14 * 60))
    desk.terminal.send(.none)
    try await Task.sleep(for: .milliseconds(200))
    #expect(!(desk.terminal.lastFrame?.snapshot.contains("This desk is locked") ?? true))
    desk.terminal.hangUp()
    let left = try #require(await desk.waitForEnd())
    #expect(!left.isLocked)
    #expect(left.payment.number.count == 8)
    #expect(await desk.channel.book.locks == 0)
  }

  /// The idle time is the runtime's to set: a short one locks a signed-in desk in real time.
  @Test(.timeLimit(.minutes(1)))
  func aShortIdleTimeLocksTheDeskInRealTime() async throws {
    let desk = RunningDesk(mode: .staff, idleLock: .seconds(1))
    defer { desk.terminal.hangUp() }
    await Self.signIn(desk)
    await desk.waitFor("This desk is locked")
    #expect(await Self.eventually { await desk.channel.book.locks >= 1 })
    desk.type(Self.ana.passphrase)
    desk.press(.tab)
    desk.type(Self.ana.code)
    desk.press(.enter)
    // Unlocked, it locks again a second later: the service's count says it was opened.
    #expect(await Self.eventually { await desk.channel.book.unlocks >= 1 })
  }

  @Test(.timeLimit(.minutes(1)))
  func aCardReadBackAtAStaffDeskIsPutOnRecordWithTheService() async throws {
    let desk = RunningDesk(mode: .staff)
    defer { desk.terminal.hangUp() }
    await Self.reachPaymentForANewCustomer(desk)
    desk.type("4242424242")
    desk.press(.control("r"))
    await desk.waitFor("The number is shown for 5 seconds")
    #expect(desk.journal.count == 1)
    #expect(await desk.channel.book.revealsRecorded == 1)
  }
}

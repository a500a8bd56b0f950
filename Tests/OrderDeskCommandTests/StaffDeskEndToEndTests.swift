import Foundation
import OrderCore
import OrderDeskTestSupport
import OrderStorage
import StaffAccounts
import Testing

/// The staff desk as a person uses it: the real `orderdesk --staff` in tmux, on its embedded
/// service, with an account `orderdesk staff add` made.
@Suite(.serialized) struct StaffDeskEndToEndTests {
  static let passphrase = "correct horse 42 battery"
  static let card = "4242424242424242"

  /// Adds an account in `dataDirectory` with the real command and returns its TOTP secret.
  static func addAccount(
    _ name: String, role: String, in dataDirectory: String
  ) async throws -> String {
    let added = try await OrderDeskProcess.run(
      ["staff", "add", name, "--role", role, "--data-dir", dataDirectory],
      input: passphrase + "\n")
    #expect(added.status == 0, "\(added.standardError)")
    let line = try #require(
      added.standardOutput.split(separator: "\n").first { $0.contains("otpauth://") })
    let field = try #require(line.split(separator: "&").first { $0.contains("secret=") })
    return String(try #require(field.split(separator: "=").last))
  }

  /// Types the name, passphrase and current code, and waits for the member beside the lock.
  static func signIn(_ desk: DeskUnderTest, _ name: String, secret: String) async throws {
    try await desk.session.waitFor("Sign in to the staff desk")
    try await desk.session.waitFor("🔒 Secure · TLS 1.3")
    try desk.session.type(name)
    try desk.session.press("Tab")
    try desk.session.type(passphrase)
    try desk.session.press("Tab")
    try desk.session.type(try StaffTestAccounts.code(secret: secret))
    try desk.session.press("Enter")
    try await desk.session.waitFor("\(name) · supervisor  🔒")
  }

  @Test(.timeLimit(.minutes(4)))
  func aPhoneOrderTypedInOneBurstThenARepeatForTheReturningCustomerFoundAndPartlyRefunded()
    async throws
  {
    let data = try DeskUnderTest.makeDataDirectory()
    let secret = try await Self.addAccount("sam", role: "supervisor", in: data)
    let desk = try DeskUnderTest(dataDirectory: data, options: ["--staff"])
    defer { desk.stop() }
    try await Self.signIn(desk, "sam", secret: secret)
    let menu = try desk.session.capture()
    #expect(menu.contains("1. Phone order"), "\(menu)")
    #expect(!menu.contains(Self.passphrase), "\(menu)")

    // A whole phone order for a new customer, typed in one burst ahead of the screens: the
    // menu, a new customer, the product, the details, the card and the review's Enter.
    try desk.session.press(
      "1", "Enter", "F6", "Enter", "Tab", "Enter",
      "Ada Lovelace", "Tab", "ada@example.com", "Tab", "Tab", "Germ", "Enter", "Enter",
      Self.card, DeskUnderTest.expiry, "123", "Enter",
      "Enter")
    let review = try await desk.session.waitUntil("the phone order's review, not yet placed") {
      $0.contains("Step 5 of 5 · Review") && $0.contains(/Total +€/)
        && $0.contains("Not placed: that Enter was typed before the review")
    }
    #expect(review.contains("Source           Phone order"), "\(review)")
    #expect(review.contains("Visa •••• 4242"), "\(review)")
    try desk.expectNoFullCardNumber(Self.card, when: "the phone order's review waits")
    try desk.session.press("Enter")
    let first = try await desk.session.waitUntil("the first receipt") {
      $0.contains("Done · Receipt") && $0.contains("Find this order again")
    }
    #expect(first.contains("Phone order"), "\(first)")

    // Ada calls again: found as she is typed, her last order repeated in one key.
    try desk.session.press("F10")
    try await desk.session.waitFor("Select one of the following")
    try desk.session.press("1", "Enter")
    try await desk.session.waitFor("Phone order: find the customer")
    try desk.session.type("lovelace")
    try await desk.session.waitFor("ada@example.com")
    try desk.session.press("Down", "r")
    try await desk.session.waitFor("Step 2 of 5 · Cart")
    try await desk.session.waitFor("Total")
    try desk.session.press("Enter")
    let details = try await desk.session.waitFor("Step 3 of 5 · Details")
    #expect(details.contains("ada@example.com"), "her details are reused:\n\(details)")
    try desk.session.press("Tab", "Tab", "Tab", "Tab")
    try desk.session.type("Calls back about the invoice.")
    try desk.session.press("Enter")
    try await desk.session.waitFor("Step 4 of 5 · Payment")
    try await desk.enterCard(Self.card)
    let second = try await desk.session.waitUntil("the review with the note") {
      $0.contains("Note             Calls back about the invoice.")
    }
    #expect(second.contains("Source           Phone order"), "\(second)")
    try desk.session.press("Enter")
    let receipt = try await desk.session.waitUntil("the second receipt") {
      $0.contains("Done · Receipt") && $0.contains(/✓ Order OD-/)
    }
    #expect(receipt.contains("Note: Calls back about the invoice."), "\(receipt)")
    let number = try #require(
      receipt.firstMatch(of: /Order (OD-[0-9A-Z]{8})/).map { String($0.1) }, "\(receipt)")

    // Found again, its page with the timeline, and part of it refunded.
    try desk.session.press("F3")
    try await desk.session.waitFor("Find orders by number")
    try desk.session.type(number)
    try desk.session.press("Enter")
    try await desk.session.waitFor("▸ \(number)  ")
    try desk.session.press("Enter")
    let page = try await desk.session.waitFor("entered by sam")
    #expect(page.contains("Note: Calls back about the invoice."), "\(page)")
    try desk.session.press("r")
    try await desk.session.waitFor("Refund order \(number)")
    try desk.session.type("2")
    try desk.session.type("1.50")
    try desk.session.press("Enter")
    try desk.session.type("2")
    try desk.session.type("bought twice")
    try desk.session.press("Enter")
    try await desk.session.waitFor("Refund €1.50 of \(number) to Visa •••• 4242? Enter refunds")
    try desk.session.press("Enter")
    let refunded = try await desk.session.waitFor("payment partly refunded")
    #expect(refunded.contains("€1.50"), "\(refunded)")
    try desk.expectNoFullCardNumber(Self.card, when: "the order's page is shown")
    try await desk.quit()

    // The service stored what the desk showed, and the audit trail has each step.
    let store = try SQLiteOrderStore(path: data + "/orders.sqlite")
    let stored = try #require(try await store.order(number: OrderNumber(number)!))
    #expect(stored.record.source == .phone)
    #expect(stored.actor == "staff:sam")
    #expect(stored.note == "Calls back about the invoice.")
    #expect(stored.refunded.minorUnits == 150)
    #expect(try await store.orderCount() == 2)
    let trail = try AuditTrail(directory: data)
    let actions = try trail.records().map(\.action.rawValue)
    for action in [
      "sign-in", "customer-search", "order-entered", "search", "order-viewed", "refund",
    ] {
      #expect(actions.contains(action), "\(action) in \(actions)")
    }
    #expect(try trail.verify() == .intact(records: try trail.records().count))
  }

  @Test(.timeLimit(.minutes(3)))
  func theIdleLockHidesTheDeskWipesAHalfTypedCardAndOpensForTheSameMember() async throws {
    let data = try DeskUnderTest.makeDataDirectory()
    let secret = try await Self.addAccount("sam", role: "supervisor", in: data)
    let desk = try DeskUnderTest(dataDirectory: data, options: ["--staff", "--idle-lock", "8s"])
    defer { desk.stop() }
    try await Self.signIn(desk, "sam", secret: secret)
    try desk.session.press(
      "1", "Enter", "F6", "Enter", "Tab", "Enter",
      "Ada Lovelace", "Tab", "ada@example.com", "Tab", "Tab", "Germ", "Enter", "Enter")
    try await desk.session.waitFor("Step 4 of 5 · Payment")
    try desk.session.type(String(Self.card.prefix(8)))
    try await desk.session.waitFor("[•••• ••••")

    // Eight seconds without a key: the desk locks itself and hides everything.
    let locked = try await desk.session.waitFor("This desk is locked", timeout: .seconds(30))
    #expect(!locked.contains("Ada") && !locked.contains("••••") && !locked.contains("€"))
    #expect(locked.contains("Only sam can unlock it"), "\(locked)")

    // A wrong passphrase does not open it; the right one and a fresh code do.
    try desk.session.type("not the passphrase 1")
    try desk.session.press("Tab")
    try desk.session.type(try StaffTestAccounts.code(secret: secret))
    try desk.session.press("Enter")
    try await desk.session.waitFor("✗")
    // A refusal empties both fields and puts the cursor back on the passphrase.
    try desk.session.type(Self.passphrase)
    try desk.session.press("Tab")
    // The next step's code: the current one opened the session at sign-in and is used up.
    try desk.session.type(try StaffTestAccounts.code(secret: secret, at: Date() + 30))
    try desk.session.press("Enter")
    let unlocked = try await desk.session.waitFor("Welcome back, sam")
    #expect(unlocked.contains("Step 4 of 5 · Payment"), "\(unlocked)")
    let field = unlocked.split(separator: "\n").first { $0.contains("Card number") } ?? ""
    #expect(!field.contains("•") && !field.contains("4242"), "the card was not wiped:\n\(unlocked)")
    try desk.expectNoFullCardNumber(Self.card, when: "the desk was unlocked")

    let trail = try AuditTrail(directory: data)
    let records = try trail.records()
    #expect(records.contains { $0.action == .lock && $0.actor == "sam" })
    #expect(records.contains { $0.action == .unlock && $0.outcome == .failure })
    #expect(records.contains { $0.action == .unlock && $0.outcome == .success })
  }
}

import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

/// The staff desk's screens at 80×24, compared with stored text.
extension ScreenSnapshotTests {
  @Test func staffSignIn() {
    var desk = DeskDriver(mode: .staff)
    desk.type("ana")
    desk.press(.tab)
    desk.type("correct horse")
    Snapshot.check(desk.screen(), named: "staff-sign-in")
  }

  @Test func staffSignInRefused() {
    var desk = DeskDriver(mode: .staff)
    desk.typeCredentials(name: "ana", "wrong passphrase", "123456")
    desk.send(.signedIn(.failure(DeskFailure("The name, passphrase or code is wrong."))))
    Snapshot.check(desk.screen(), named: "staff-sign-in-error")
  }

  @Test func staffMenu() {
    Snapshot.check(DeskDriver.signedIn().screen(), named: "staff-menu")
  }

  @Test func staffDeskLocked() {
    var desk = DeskDriver.phoneOrderOnPayment()
    desk.type("42424242")
    desk.send(.idle)
    Snapshot.check(desk.screen(), named: "staff-locked")
  }

  @Test func customerFinderWithMatches() {
    var desk = DeskDriver.signedIn()
    desk.startPhoneOrder(
      finding: "a", matches: [StaffFixtures.adaMatch, StaffFixtures.graceMatch])
    desk.type("d")
    if case .findCustomers(_, let generation)? = desk.takeEffects().last {
      desk.send(
        .customersFound(
          generation: generation, .success([StaffFixtures.adaMatch, StaffFixtures.graceMatch])))
    }
    desk.press(.down)
    Snapshot.check(desk.screen(), named: "staff-customer-finder")
  }

  @Test func catalogTypeAhead() {
    var desk = DeskDriver.signedIn()
    desk.type("1")
    desk.press(.enter, .function(6))
    desk.type("ink")
    Snapshot.check(desk.screen(), named: "staff-catalog-type-ahead")
  }

  @Test func catalogPrompt() {
    var desk = DeskDriver.signedIn()
    desk.type("1")
    desk.press(.enter, .function(6))
    desk.type("ink")
    desk.press(.function(4), .down)
    Snapshot.check(desk.screen(), named: "staff-catalog-prompt")
  }

  @Test func reviewOfAPhoneOrder() {
    var desk = DeskDriver.phoneOrderOnPayment(note: "Calls back about the invoice address.")
    desk.enterCard()
    desk.answerQuote()
    Snapshot.check(desk.screen(), named: "staff-review-phone-order")
  }

  @Test func orderSearchResults() {
    var desk = DeskDriver.signedIn()
    desk.searchOrders()
    desk.press(.down)
    Snapshot.check(desk.screen(), named: "staff-search-results")
  }

  @Test func orderPage() {
    Snapshot.check(DeskDriver.showingOrderPage().screen(), named: "staff-order-page")
  }

  @Test func orderPageTimeline() {
    var desk = DeskDriver.showingOrderPage(page: StaffFixtures.page(refunded: 1_200))
    desk.press(.end)
    Snapshot.check(desk.screen(), named: "staff-order-page-timeline")
  }

  @Test func refundForm() {
    var desk = DeskDriver.showingOrderPage()
    desk.press(.character("r"), .character("2"))
    desk.type("12.00")
    desk.press(.enter, .character("2"))
    desk.type("the customer bought it twice")
    Snapshot.check(desk.screen(), named: "staff-refund-form")
  }

  @Test func refundConfirmation() {
    var desk = DeskDriver.showingOrderPage()
    desk.press(.character("r"), .character("2"))
    desk.type("12.00")
    desk.press(.enter, .character("2"))
    desk.type("the customer bought it twice")
    desk.press(.enter)
    Snapshot.check(desk.screen(), named: "staff-refund-confirmation")
  }

  @Test func orderPageAfterAPartialRefund() {
    var desk = DeskDriver.showingOrderPage()
    desk.press(.character("r"), .character("2"))
    desk.type("12.00")
    desk.press(.enter, .character("2"))
    desk.type("the customer bought it twice")
    desk.press(.enter, .enter)
    let generation = desk.effect { effect -> Int? in
      if case .refund(_, _, _, let generation) = effect { generation } else { nil }
    }
    let page = StaffFixtures.page(refunded: 1_200)
    desk.send(
      .refunded(
        generation: generation ?? 0,
        .success(
          RefundReceipt(
            id: "re_1", amount: page.refunded, reason: .requestedByCustomer,
            note: "the customer bought it twice", order: page.order))))
    desk.answerPage(page)
    Snapshot.check(desk.screen(), named: "staff-order-page-refunded")
  }
}

extension ScreenSnapshotTests {
  /// The problems of a stored snapshot: more than 24 rows, a row wider than 80 cells, or a
  /// card number, or more than six of its digits in a row.
  static func problems(ofSnapshot text: String) -> [String] {
    var problems: [String] = []
    let rows = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    if rows.count != 24 { problems.append("\(rows.count) rows") }
    for row in rows where TerminalText.displayWidth(String(row)) > 80 {
      problems.append("a row of \(TerminalText.displayWidth(String(row))) cells")
    }
    if DeskFlowTests.leaksCardNumber(text) { problems.append("a card number") }
    return problems
  }

  @Test func everySnapshotFits80x24AndHoldsNoCardNumber() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Snapshot.directory.path)
      .filter { $0.hasSuffix(".txt") && !$0.hasPrefix("too-small") }
    #expect(names.filter { $0.hasPrefix("staff-") }.count >= 12)
    for name in names {
      let text = try String(
        contentsOf: Snapshot.directory.appendingPathComponent(name), encoding: .utf8)
      #expect(
        Self.problems(ofSnapshot: text).isEmpty, "\(name): \(Self.problems(ofSnapshot: text))")
    }
  }

  /// The check's twin: a snapshot with a card number, or too wide, is caught.
  @Test func theSnapshotCheckCatchesACardNumberAndAWideRow() throws {
    let stored = try String(
      contentsOf: Snapshot.directory.appendingPathComponent("staff-order-page.txt"),
      encoding: .utf8)
    #expect(Self.problems(ofSnapshot: stored).isEmpty)
    let planted = stored.replacingOccurrences(
      of: "Visa •••• 4242", with: "Visa 4242 4242 4242 4242")
    #expect(Self.problems(ofSnapshot: planted) == ["a card number"])
    let wide = stored.replacingOccurrences(
      of: "Subtotal", with: "Subtotal" + String(repeating: "-", count: 60))
    #expect(Self.problems(ofSnapshot: wide).contains { $0.hasPrefix("a row of") })
  }
}

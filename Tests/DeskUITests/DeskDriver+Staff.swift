import DeskRuntime
import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport

/// The staff desk driven as staff use it.
extension DeskDriver {
  /// A staff desk with `account` signed in, showing the staff menu.
  static func signedIn(_ account: StaffFixtures.Account = StaffFixtures.ana) -> DeskDriver {
    var desk = DeskDriver(mode: .staff)
    desk.signIn(account)
    return desk
  }

  /// Types `account`'s name, passphrase and code on the sign-in screen and answers as the
  /// service would.
  mutating func signIn(_ account: StaffFixtures.Account = StaffFixtures.ana) {
    typeCredentials(name: account.member.name, account.passphrase, account.code)
    _ = takeEffects()
    send(.signedIn(.success(account.member)))
    _ = takeEffects()
  }

  /// Types a name, passphrase and code and presses Enter.
  mutating func typeCredentials(name: String, _ passphrase: String, _ code: String) {
    type(name)
    press(.tab)
    type(passphrase)
    press(.tab)
    type(code)
    press(.enter)
  }

  /// The last of the effects asked for that `pick` takes; all are taken.
  mutating func effect<Found>(_ pick: (DeskEffect) -> Found?) -> Found? {
    takeEffects().compactMap(pick).last
  }

  /// Starts a phone order from the menu and answers the customer search for `text` with
  /// `matches`.
  mutating func startPhoneOrder(finding text: String = "ada", matches: [CustomerMatch]) {
    type("1")
    press(.enter)
    type(text)
    let generation = effect { effect -> Int? in
      if case .findCustomers(_, let generation) = effect { generation } else { nil }
    }
    if let generation { send(.customersFound(generation: generation, .success(matches))) }
  }

  /// Opens the order search from the menu and answers it with `results`.
  mutating func searchOrders(
    _ text: String = "ada", results: [StaffOrderView] = StaffFixtures.searchResults()
  ) {
    press(.function(3))
    type(text)
    press(.enter)
    let generation = effect { effect -> Int? in
      if case .searchOrders(_, let generation) = effect { generation } else { nil }
    }
    if let generation { send(.ordersFound(generation: generation, .success(results))) }
  }

  /// Opens the first order found and answers with `page`.
  mutating func openOrderPage(_ page: OrderPage = StaffFixtures.page()) {
    press(.enter)
    answerPage(page)
  }

  /// Answers the last order page asked for with `page`.
  mutating func answerPage(_ page: OrderPage) {
    let generation = effect { effect -> Int? in
      if case .loadOrderPage(_, let generation) = effect { generation } else { nil }
    }
    if let generation { send(.orderPageLoaded(generation: generation, .success(page))) }
  }

  /// A supervisor's desk showing the page of ``StaffFixtures/page(refunded:)``.
  static func showingOrderPage(
    _ account: StaffFixtures.Account = StaffFixtures.ana, page: OrderPage = StaffFixtures.page()
  ) -> DeskDriver {
    var desk = signedIn(account)
    desk.searchOrders()
    desk.openOrderPage(page)
    return desk
  }

  /// A phone order for a new customer with one Inkwell Standard, on the payment screen,
  /// with `note` on it.
  static func phoneOrderOnPayment(note: String = "") -> DeskDriver {
    var desk = signedIn()
    desk.type("1")
    desk.press(.enter, .function(6))
    desk.type("inkwell standard")
    desk.press(.enter, .tab)
    desk.answerQuote()
    desk.press(.enter)
    desk.fillCustomer()
    desk.type(note)
    desk.answerQuote()
    desk.press(.enter)
    return desk
  }
}

/// Every frame drawn, in UTF-8 and in ASCII, while keys are typed: what a screen recording
/// would have caught.
struct FrameRecording {
  private(set) var frames: [String] = []

  mutating func keep(_ desk: DeskDriver) {
    frames.append(desk.text)
    frames.append(desk.screen(unicode: false).snapshot)
  }

  /// Presses each of `keys`, keeping the frame after each.
  mutating func press(_ keys: [Key], on desk: inout DeskDriver) {
    for key in keys {
      desk.press(key)
      keep(desk)
    }
  }

  /// Types `text` a key at a time, keeping the frame after each.
  mutating func type(_ text: String, on desk: inout DeskDriver) {
    press(text.map { Key.character($0) }, on: &desk)
  }

  /// Whether a frame shows `secret`, or seven characters of it in a row.
  func shows(_ secret: String) -> Bool {
    frames.contains { Self.shows(secret, in: $0) }
  }

  /// Whether `frame` shows `secret`, or seven characters of it in a row.
  static func shows(_ secret: String, in frame: String) -> Bool {
    let characters = Array(secret)
    guard characters.count > 7 else { return frame.contains(secret) }
    return (0...(characters.count - 7)).contains { start in
      frame.contains(String(characters[start..<(start + 7)]))
    }
  }

  /// Whether a frame shows a test card number, or more than six of its digits in a row.
  var showsCardNumber: Bool {
    frames.contains { DeskFlowTests.leaksCardNumber($0) }
  }
}

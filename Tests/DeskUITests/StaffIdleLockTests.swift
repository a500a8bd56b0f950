import DeskTheme
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// The idle lock: the desk hides everything and wipes a card half typed, keeps the rest of
/// the order, and opens only for the same member's passphrase and code.
@Suite struct StaffIdleLockTests {
  static let ana = StaffFixtures.ana

  /// A phone order on the payment screen with a card half typed: number, expiry and CVC.
  static func halfTypedCard() -> DeskDriver {
    var desk = DeskDriver.phoneOrderOnPayment(note: "Calls back")
    desk.type("4242424242")
    desk.press(.tab)
    desk.type("0429")
    desk.type("12")
    return desk
  }

  /// Whether no digit of a card is left in the payment form's buffers.
  static func cardIsWiped(_ state: DeskState) -> Bool {
    state.payment.number.isEmpty && state.payment.cvc.isEmpty && state.payment.expiry.isEmpty
  }

  /// Whether `frame` shows anything of the order behind the lock.
  static func showsTheOrder(_ frame: String) -> Bool {
    ["Ada", "Inkwell", "€", "Payment card", "Calls back", "Cart:", "Card number", "•••"]
      .contains { frame.contains($0) }
  }

  @Test func idleLocksWipesTheHalfTypedCardAndKeepsTheRest() {
    var desk = Self.halfTypedCard()
    #expect(!Self.cardIsWiped(desk.state))
    _ = desk.takeEffects()
    desk.send(.idle)
    #expect(desk.state.isLocked)
    #expect(
      desk.takeEffects().contains { if case .lockSession = $0 { true } else { false } },
      "the service is told")
    #expect(Self.cardIsWiped(desk.state))
    #expect(desk.state.cart.totalQuantity == 1)
    #expect(desk.state.details[.name].text == "Ada Lovelace")
    #expect(desk.state.details[.note].text == "Calls back")
    #expect(desk.state.payment.name.text == "Ada Lovelace")
    #expect(desk.state.screen == .payment, "unlocking goes back to where they were")
    for frame in [desk.text, desk.screen(unicode: false).snapshot] {
      #expect(!Self.showsTheOrder(frame), "\(frame)")
      #expect(frame.contains("ana (supervisor)"))
    }
  }

  /// The checks' twin: an unlocked desk with a card half typed fails both, so a lock that
  /// wiped nothing, or hid nothing, would be caught.
  @Test func theLockChecksCatchADeskThatKeptTheCardOrShowsTheOrder() {
    let desk = Self.halfTypedCard()
    #expect(!Self.cardIsWiped(desk.state))
    #expect(Self.showsTheOrder(desk.text))
  }

  @Test func onlyHelpAndTheLocksDetailsWorkWhileLocked() {
    var desk = Self.halfTypedCard()
    desk.send(.idle)
    _ = desk.takeEffects()
    for key in [
      Key.control("c"), .escape, .function(3), .function(9), .function(10), .function(4),
      .control("r"), .pageDown,
    ] {
      desk.press(key)
      #expect(desk.state.isLocked && !desk.state.hasQuit && desk.state.overlay == nil, "\(key)")
    }
    #expect(desk.takeEffects().isEmpty, "no key but Enter asks anything of the service")
    desk.press(.function(1))
    #expect(desk.state.overlay == .help)
    #expect(!Self.showsTheOrder(desk.text))
    desk.press(.escape, .function(2))
    #expect(desk.state.overlay == .channelDetails)
    #expect(desk.text.contains("Connection to the order service"))
    desk.press(.escape)
    #expect(desk.state.overlay == nil && desk.state.isLocked)
  }

  @Test func theSameMembersPassphraseAndCodeUnlockAndGoBack() {
    var desk = Self.halfTypedCard()
    desk.send(.idle)
    _ = desk.takeEffects()
    var recording = FrameRecording()
    recording.type(Self.ana.passphrase, on: &desk)
    recording.press([.tab], on: &desk)
    recording.type(Self.ana.code, on: &desk)
    recording.press([.enter], on: &desk)
    let sent = desk.effect { effect -> StaffCredentials? in
      if case .unlockSession(let credentials) = effect { credentials } else { nil }
    }
    #expect(sent == Self.ana.credentials, "the name is the locked member's")
    #expect(desk.state.lockScreen?.passphrase.isEmpty == true)
    desk.send(.sessionUnlocked(.success(Self.ana.member)))
    recording.keep(desk)
    #expect(!desk.state.isLocked)
    #expect(desk.state.screen == .payment)
    #expect(desk.text.contains("Payment card"))
    #expect(!recording.shows(Self.ana.passphrase))
  }

  @Test func anotherPersonsCredentialsDoNotUnlock() {
    var desk = Self.halfTypedCard()
    desk.send(.idle)
    _ = desk.takeEffects()
    desk.type(StaffFixtures.ben.passphrase)
    desk.press(.tab)
    desk.type(StaffFixtures.ben.code)
    desk.press(.enter)
    let sent = desk.effect { effect -> StaffCredentials? in
      if case .unlockSession(let credentials) = effect { credentials } else { nil }
    }
    #expect(sent?.name == "ana", "whoever types, it is ana's session that is asked for")
    desk.send(.sessionUnlocked(.failure(DeskFailure("The passphrase or code is wrong."))))
    #expect(desk.state.isLocked)
    #expect(desk.text.contains("✗ The passphrase or code is wrong."))
    #expect(!Self.showsTheOrder(desk.text))
    // Should the service ever answer with someone else, the desk stays locked all the same.
    desk.type(StaffFixtures.ben.passphrase)
    desk.press(.tab)
    desk.type(StaffFixtures.ben.code)
    desk.press(.enter)
    desk.send(.sessionUnlocked(.success(StaffFixtures.ben.member)))
    #expect(desk.state.isLocked)
    #expect(desk.state.staffMember == Self.ana.member)
    #expect(desk.text.contains("Only ana can unlock this desk."))
  }

  @Test func aSessionThatEndedWhileLockedAsksToSignInAndReturnsTheSameMember() {
    var desk = Self.halfTypedCard()
    desk.send(.idle)
    desk.type(Self.ana.passphrase)
    desk.press(.tab)
    desk.type(Self.ana.code)
    desk.press(.enter)
    _ = desk.takeEffects()
    desk.send(
      .sessionUnlocked(.failure(DeskFailure("The session expired.", kind: .sessionEnded))))
    #expect(!desk.state.isLocked && desk.state.screen == .signIn)
    #expect(desk.text.contains("Your session ended"))
    desk.signIn()
    #expect(desk.state.screen == .payment)
    #expect(desk.state.cart.totalQuantity == 1, "the same member comes back to their order")
  }

  @Test func someoneElseSigningInAfterAnEndedSessionStartsAfresh() {
    var desk = DeskDriver.phoneOrderOnPayment()
    desk.press(.function(3))
    desk.type("ada")
    desk.press(.enter)
    guard case .searchOrders(_, let generation)? = desk.takeEffects().last else {
      Issue.record("no search")
      return
    }
    desk.send(
      .ordersFound(
        generation: generation, .failure(DeskFailure("expired", kind: .sessionEnded))))
    #expect(desk.state.screen == .signIn)
    desk.signIn(StaffFixtures.ben)
    #expect(desk.state.screen == .staffMenu)
    #expect(desk.state.cart.isEmpty && desk.state.orderSearch.text.isEmpty)
  }

  @Test func idleBeforeSigningInWipesAHalfTypedPassphrase() {
    var desk = DeskDriver(mode: .staff)
    desk.type("ana")
    desk.press(.tab)
    desk.type("correct")
    desk.send(.idle)
    #expect(!desk.state.isLocked)
    #expect(desk.state.signIn.passphrase.isEmpty)
    #expect(desk.state.signIn.name.text == "ana")
  }

  @Test func aCustomersDeskIsNotWatchedForIdleness() {
    var desk = DeskDriver()
    #expect(!desk.state.watchesIdleness)
    desk.goToPayment()
    desk.type("4242")
    desk.send(.idle)
    #expect(!desk.state.isLocked && desk.state.payment.number.count == 4)
    #expect(DeskDriver(mode: .staff).state.watchesIdleness)
  }

  @Test func aSealedCardStaysSealedThroughTheLock() {
    var desk = DeskDriver.phoneOrderOnPayment()
    desk.enterCard()
    #expect(desk.state.payment.sealed != nil)
    desk.send(.idle)
    #expect(desk.state.payment.sealed != nil)
    #expect(!Self.showsTheOrder(desk.text))
  }
}

import DeskTheme
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// Refunds from an order's page: a supervisor's right, never more than is left, confirmed
/// with the amount, the order and the card, once per key.
@Suite struct StaffRefundTests {
  /// The refund effect asked for last.
  static func refund(
    _ desk: inout DeskDriver
  ) -> (number: OrderNumber, refund: StaffRefund, key: IdempotencyKey, generation: Int)? {
    desk.effect { effect in
      if case .refund(let number, let refund, let key, let generation) = effect {
        (number, refund, key, generation)
      } else {
        nil
      }
    }
  }

  /// A supervisor's refund form with an amount typed and reason 2 chosen, on the note.
  static func formWithAmount(_ amount: String) -> DeskDriver {
    var desk = DeskDriver.showingOrderPage()
    desk.press(.character("r"), .character("2"))
    desk.type(amount)
    desk.press(.enter, .character("2"))
    return desk
  }

  @Test func anAgentIsToldRefundsNeedASupervisorAndNothingElseHappens() {
    var desk = DeskDriver.showingOrderPage(StaffFixtures.ben)
    _ = desk.takeEffects()
    #expect(!desk.text.contains("r Refund"))
    desk.press(.character("r"))
    #expect(desk.state.screen == .orderPage)
    #expect(desk.state.message?.text == "Refunds need a supervisor.")
    #expect(desk.takeEffects().allSatisfy { if case .startTimer = $0 { false } else { true } })
  }

  @Test func aPartialRefundIsConfirmedThenSentWithOneKeyAndThePageReloads() {
    var desk = Self.formWithAmount("12")
    desk.type("the customer bought it twice")
    desk.press(.enter)
    #expect(
      desk.text.contains(
        "Refund €12.00 of OD-7K3F9Q2M to Visa •••• 4242? Enter refunds, Esc goes back"))
    #expect(Self.refund(&desk) == nil, "nothing is sent before Enter confirms")
    desk.press(.enter)
    guard let sent = Self.refund(&desk) else {
      Issue.record("no refund")
      return
    }
    #expect(sent.number.rawValue == "OD-7K3F9Q2M")
    #expect(
      sent.refund
        == StaffRefund(
          amount: Money(minorUnits: 1_200, currency: .eur), reason: .requestedByCustomer,
          note: "the customer bought it twice"))
    // Keys wait while it is on its way.
    desk.press(.enter, .escape)
    #expect(desk.state.screen == .refund)
    #expect(Self.refund(&desk) == nil)
    let page = StaffFixtures.page(refunded: 1_200)
    desk.send(
      .refunded(
        generation: sent.generation,
        .success(
          RefundReceipt(
            id: "re_1", amount: page.refunded, reason: .requestedByCustomer, note: "",
            order: page.order))))
    #expect(desk.state.screen == .orderPage)
    desk.answerPage(page)
    #expect(desk.text.contains("payment partly refunded"))
    #expect(desk.text.contains("Refunded €12.00 of OD-7K3F9Q2M"))
  }

  @Test func aRetryAfterAFailureReusesTheKeyAndAChangedRefundGetsANewOne() {
    var desk = Self.formWithAmount("12.00")
    desk.press(.enter, .enter)
    guard let first = Self.refund(&desk) else { return }
    desk.send(.refunded(generation: first.generation, .failure(DeskFailure("timed out"))))
    #expect(desk.text.contains("Not refunded: timed out"))
    desk.press(.enter, .enter)
    guard let retry = Self.refund(&desk) else { return }
    #expect(retry.key == first.key, "the same refund again keeps its key")
    #expect(retry.generation != first.generation)
    desk.send(
      .refunded(
        generation: retry.generation,
        .failure(DeskFailure("At most EUR 40.00 of this order can still be refunded."))))
    #expect(desk.text.contains("At most EUR 40.00 of this order can still be refunded."))
    // A late answer to the first attempt changes nothing.
    desk.send(.refunded(generation: first.generation, .success(Self.receipt())))
    #expect(desk.state.screen == .refund)
    desk.press(.up, .up, .control("u"))
    desk.type("10")
    desk.press(.enter, .enter, .enter, .enter)
    guard let changed = Self.refund(&desk) else {
      Issue.record("no refund of the changed amount")
      return
    }
    #expect(changed.refund.amount?.minorUnits == 1_000)
    #expect(changed.key != first.key, "another refund is another key")
  }

  static func receipt() -> RefundReceipt {
    RefundReceipt(
      id: "re_9", amount: Money(minorUnits: 1_200, currency: .eur), reason: .duplicate,
      note: "", order: StaffFixtures.phoneRecord(payment: .partiallyRefunded))
  }

  @Test func amountsThatAreNotMoreThanZeroOrOverWhatIsLeftAreRefusedOnTheForm() {
    for (typed, problem) in [
      ("58.32", "At most €58.31 can still be refunded."),
      ("1000000", "At most €58.31 can still be refunded."),
      ("0", "The amount must be more than zero."),
      ("0.00", "The amount must be more than zero."),
      ("-5", "The amount must be more than zero."),
      ("−5.00", "The amount must be more than zero."),
      ("abc", "An amount looks like 12.00."),
      ("12.345", "An amount looks like 12.00."),
      ("1e3", "An amount looks like 12.00."),
      ("", "Type the amount to refund, such as 12.00."),
    ] {
      var desk = Self.formWithAmount(typed)
      desk.press(.enter)
      #expect(desk.text.contains("✗ " + problem), "\(typed)")
      #expect(desk.state.refundForm.focus == .amount, "\(typed)")
      desk.press(.enter)
      #expect(Self.refund(&desk) == nil, "\(typed)")
    }
    var desk = Self.formWithAmount("€58.31")
    desk.press(.enter)
    #expect(desk.text.contains("Refund €58.31 of OD-7K3F9Q2M"), "all that is left, to the cent")
  }

  @Test func whatIsLeftIsWhatTheFormAllows() {
    var desk = DeskDriver.showingOrderPage(page: StaffFixtures.page(refunded: 5_000))
    desk.press(.character("r"), .character("2"))
    desk.type("8.32")
    desk.press(.enter, .character("1"), .enter)
    #expect(desk.text.contains("✗ At most €8.31 can still be refunded."))
    desk.press(.up, .up, .up, .character("1"), .character("3"), .enter)
    #expect(desk.text.contains("Refund €8.31 of OD-7K3F9Q2M to Visa •••• 4242?"))
    desk.press(.enter)
    let sent = Self.refund(&desk)
    #expect(sent?.refund.amount == nil && sent?.refund.lines == nil, "everything left")
    #expect(sent?.refund.reason == .fraudulent)
  }

  @Test func linesAreRefundedByQuantityNeverMoreThanWasOrdered() {
    var desk = DeskDriver.showingOrderPage()
    desk.press(.character("r"), .character("3"))
    desk.type("2")
    desk.press(.enter, .character("1"), .enter)
    #expect(desk.text.contains("✗ At most 1 of Inkwell Standard was ordered."))
    desk.press(.backspace)
    desk.type("x1")
    #expect(desk.state.refundForm.lineQuantities[0].text == "1", "digits only")
    desk.press(.enter, .enter, .enter)
    #expect(desk.text.contains("Refund €58.31 of OD-7K3F9Q2M"), "the line with its tax")
    desk.press(.enter)
    #expect(Self.refund(&desk)?.refund.lines == [RefundLine(sku: SKU("INKWELL-STD")!, quantity: 1)])
  }

  @Test func otherNeedsANoteAndTheReasonMustBeChosen() {
    var desk = DeskDriver.showingOrderPage()
    desk.press(.character("r"), .character("1"), .enter, .enter)
    #expect(desk.text.contains("✗ Choose a reason: 1, 2, 3 or 4."))
    desk.press(.character("4"), .enter)
    #expect(desk.text.contains("✗ The reason is Other: say why in the note."))
    desk.type("   ")
    desk.press(.enter)
    #expect(desk.text.contains("✗ The reason is Other"), "blanks are not a note")
    desk.type("goodwill after a late delivery")
    desk.press(.enter)
    #expect(desk.text.contains("Refund €58.31"))
  }

  @Test func hostileInputInTheNote() {
    var desk = Self.formWithAmount("12")
    var recording = FrameRecording()
    recording.type("paid twice, card 4242 4242 4242 4242 charged", on: &desk)
    #expect(!desk.state.refundForm.note.text.contains("4242 4242"))
    #expect(desk.text.contains(TextField.cardNumberRemoved.prefix(40)))
    recording.type("4242-4242-4242-4242", on: &desk)
    #expect(!recording.showsCardNumber)
    desk.press(.control("u"))
    desk.type("\u{1B}[2J\u{0}\u{7F}")
    #expect(desk.state.refundForm.note.text == "[2J")
    desk.press(.control("u"))
    desk.type(String(repeating: "n", count: 10_000))
    #expect(desk.state.refundForm.note.text.count == 500)
    #expect(desk.text.contains("✗ The note takes at most 500 characters."))
    desk.press(.enter, .enter)
    #expect(Self.refund(&desk)?.refund.note.count == 500)
  }

  @Test func escGoesBackFromTheConfirmationAndThenToThePage() {
    var desk = Self.formWithAmount("12")
    desk.press(.enter)
    #expect(desk.text.contains("Enter refunds, Esc goes back"))
    desk.press(.escape)
    #expect(desk.state.screen == .refund && desk.state.refundForm.stage == .editing)
    desk.press(.escape)
    #expect(desk.state.screen == .orderPage)
  }
}

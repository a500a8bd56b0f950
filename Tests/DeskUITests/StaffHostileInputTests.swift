import DeskTheme
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// Pastes of 10,000 characters and control characters in the staff desk's fields that the
/// other suites leave out: the lock screen, the menu's selection, the refund's amount and
/// quantities, the search's last day.
@Suite struct StaffHostileInputTests {
  static let paste = String(repeating: "9", count: 10_000)

  @Test func theLockScreensFieldsTakeAPasteWithoutShowingIt() {
    var desk = DeskDriver.phoneOrderOnPayment()
    desk.send(.idle)
    var recording = FrameRecording()
    recording.type(String(repeating: "p", count: 10_000) + "\u{1B}[2J", on: &desk)
    #expect(desk.state.lockScreen?.passphrase.count == 256)
    #expect(!recording.frames.contains { $0.contains("ppppppp") || $0.contains("[2J") })
    desk.press(.tab)
    desk.type(Self.paste)
    #expect(desk.state.lockScreen?.code.text == "999999")
    #expect(desk.state.isLocked)
  }

  @Test func theMenusSelectionTakesTwoDigits() {
    var desk = DeskDriver.signedIn()
    desk.type(Self.paste)
    #expect(desk.state.staffMenu.selection.text == "99")
    desk.type("\u{1B}\u{7}")
    desk.press(.enter)
    #expect(desk.text.contains("There is no option 99."))
  }

  @Test func theRefundsAmountAndQuantitiesTakeAPaste() {
    var desk = DeskDriver.showingOrderPage()
    desk.press(.character("r"), .character("2"))
    desk.type(Self.paste)
    #expect(desk.state.refundForm.amount.text.count == 20)
    desk.press(.enter, .character("1"), .enter)
    #expect(desk.text.contains("✗ An amount looks like 12.00."))
    desk.press(.up, .up, .character("3"))
    desk.type(Self.paste + "\u{1B}")
    #expect(desk.state.refundForm.lineQuantities[0].text == "99")
    desk.press(.enter, .enter, .enter)
    #expect(desk.text.contains("✗ At most 1 of Inkwell Standard was ordered."))
  }

  @Test func theSearchsLastDayTakesAPaste() {
    var desk = DeskDriver.signedIn()
    desk.press(.function(3), .tab, .tab)
    desk.type(Self.paste)
    #expect(desk.state.orderSearch.to.text.count == 10)
    desk.press(.enter)
    #expect(desk.text.contains("✗ To: Type a day as YYYY-MM-DD"))
  }
}

import DeskTheme
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// Staff's order search, its table of results and an order's page with its timeline.
@Suite struct StaffOrderSearchTests {
  /// The search effect asked for last, with its generation.
  static func search(_ desk: inout DeskDriver) -> (OrderSearch, Int)? {
    desk.effect { effect -> (OrderSearch, Int)? in
      if case .searchOrders(let search, let generation) = effect {
        (search, generation)
      } else {
        nil
      }
    }
  }

  @Test func f3OpensStaffsSearchNotTheCustomersLookUp() {
    var desk = DeskDriver.signedIn()
    desk.press(.function(3))
    #expect(desk.state.screen == .orderSearch)
    #expect(desk.text.contains("Find orders by number, email, name or the card's last four."))
    // Signed in, the receipt's and the catalog's F3 and f go to the same search.
    desk.press(.escape)
    desk.type("1")
    desk.press(.enter, .function(6), .function(3))
    #expect(desk.state.screen == .orderSearch)
  }

  @Test func daysAreCheckedAsTheFieldIsLeftAndBeforeASearch() {
    var desk = DeskDriver.signedIn()
    desk.press(.function(3), .tab)
    for (typed, problem) in [
      ("2026-13-01", "2026-13-01 is not a day of the calendar."),
      ("2026-02-30", "2026-02-30 is not a day of the calendar."),
      ("2025-02-29", "2025-02-29 is not a day of the calendar."),
      ("07/12/2026", "Type a day as YYYY-MM-DD, such as 2026-12-07."),
      ("2026-1-07", "Type a day as YYYY-MM-DD, such as 2026-12-07."),
      ("１２３４-05-06", "Type a day as YYYY-MM-DD, such as 2026-12-07."),
    ] {
      desk.press(.control("u"))
      desk.type(typed)
      desk.press(.tab)
      #expect(desk.text.contains("✗ From: " + problem), "\(typed)")
      desk.press(.backTab)
    }
    desk.press(.control("u"))
    desk.type("2024-02-29")
    desk.press(.tab)
    #expect(!desk.text.contains("✗"), "a leap day is a day")
    desk.type("2024-01-31")
    desk.press(.enter)
    #expect(desk.text.contains("✗ To is before From"))
    #expect(Self.search(&desk) == nil, "nothing is searched with a wrong range")
    desk.press(.control("u"))
    desk.type("2024-03-01")
    desk.press(.enter)
    let (search, _) = Self.search(&desk) ?? (OrderSearch(text: "?"), 0)
    #expect(search == OrderSearch(text: "", from: "2024-02-29", to: "2024-03-01", limit: 50))
  }

  @Test func resultsAreATableToMoveInAndOpen() {
    var desk = DeskDriver.signedIn()
    desk.press(.function(3))
    desk.type("ada")
    desk.press(.enter)
    guard let (search, first) = Self.search(&desk) else {
      Issue.record("no search")
      return
    }
    #expect(search.text == "ada")
    // A newer search makes the first one's answer stale.
    desk.press(.enter)
    guard let (_, second) = Self.search(&desk) else { return }
    #expect(second > first)
    desk.send(.ordersFound(generation: first, .success([])))
    #expect(desk.text.contains("Searching…"))
    desk.send(.ordersFound(generation: second, .success(StaffFixtures.searchResults())))
    #expect(desk.state.orderSearch.focus == .results)
    let text = desk.text
    #expect(text.contains("Number       Date       Customer"))
    #expect(text.contains("OD-3H5J7K9L  2025-11-18 Ada Lovelace"))
    #expect(text.contains("refunded        Mail"))
    desk.press(.down, .down, .down, .up)
    #expect(desk.state.orderSearch.selection == 1)
    desk.press(.pageDown)
    #expect(desk.state.orderSearch.selection == 2)
    desk.press(.pageUp, .enter)
    #expect(desk.state.screen == .orderPage)
    let number = desk.effect { effect -> OrderNumber? in
      if case .loadOrderPage(let number, _) = effect { number } else { nil }
    }
    #expect(number?.rawValue == "OD-7K3F9Q2M")
    #expect(desk.text.contains("Loading the order OD-7K3F9Q2M…"))
  }

  @Test func aFailedSearchSaysSoAndNothingFoundSaysThat() {
    var desk = DeskDriver.signedIn()
    desk.press(.function(3), .enter)
    guard let (search, generation) = Self.search(&desk) else { return }
    #expect(search.text.isEmpty, "an empty search lists the newest orders")
    desk.send(.ordersFound(generation: generation, .failure(DeskFailure("timed out"))))
    #expect(desk.text.contains("The orders could not be searched: timed out"))
    desk.press(.enter)
    guard let (_, next) = Self.search(&desk) else { return }
    desk.send(.ordersFound(generation: next, .success([])))
    #expect(desk.text.contains("No orders match."))
    #expect(desk.state.orderSearch.focus == .text)
  }

  @Test func aCardNumberInTheSearchIsTakenOutAndPartOfOneIsNotSent() {
    var desk = DeskDriver.signedIn()
    desk.press(.function(3))
    var recording = FrameRecording()
    recording.type("4242 4242 4242 4242", on: &desk)
    #expect(desk.state.orderSearch.text.isEmpty)
    #expect(desk.state.message?.text == TextField.cardNumberRemoved)
    recording.type("424242424242", on: &desk)
    recording.press([.enter], on: &desk)
    #expect(Self.search(&desk) == nil, "twelve digits a card could begin with are not sent")
    #expect(desk.text.contains("search by the last four"))
    #expect(!recording.showsCardNumber)
    desk.press(.control("u"))
    desk.type("4242")
    desk.press(.enter)
    #expect(Self.search(&desk)?.0.text == "4242", "the last four are what staff search by")
  }

  @Test func hostileInputInTheSearchFields() {
    var desk = DeskDriver.signedIn()
    desk.press(.function(3))
    desk.type(String(repeating: "a", count: 10_000))
    #expect(desk.state.orderSearch.text.text.count == 200)
    desk.type("\u{1B}[31m\u{7}\u{8}")
    #expect(!desk.state.orderSearch.text.text.contains("\u{1B}"))
    desk.press(.tab)
    desk.type(String(repeating: "9", count: 10_000))
    #expect(desk.state.orderSearch.from.text.count == 10)
    desk.press(.enter)
    #expect(desk.text.contains("✗ From:"))
    #expect(Self.search(&desk) == nil)
  }

  @Test func theOrderPageShowsPaymentFulfilmentWhoAndTheNoteAndScrollsToTheTimeline() {
    var desk = DeskDriver.showingOrderPage(page: StaffFixtures.page(refunded: 1_200))
    var recording = FrameRecording()
    recording.keep(desk)
    let text = desk.text
    #expect(text.contains("Phone order, placed 2025-11-28 00:00 UTC, entered by ana"))
    #expect(!text.contains("order order"))
    #expect(text.contains("Note: Calls back about the invoice address."))
    #expect(text.contains("Visa •••• 4242, expires 04/29 · partly refunded"))
    #expect(text.contains("Refunded  €12.00 of €58.31; €46.31 can still be refunded"))
    #expect(text.contains("licence ••••-••••-••••-XXXX"))
    #expect(!text.contains("INKW-7Q2M"), "licence keys are masked")
    recording.press([.pageDown, .pageDown, .end], on: &desk)
    #expect(desk.text.contains("2025-11-29 01:00 staff:ana    payment refunded"))
    #expect(desk.text.contains("requested_by_customer: the customer bought it twice"))
    #expect(!recording.showsCardNumber)
    desk.press(.home, .escape)
    #expect(desk.state.screen == .orderSearch)
    #expect(desk.state.orderSearch.focus == .results, "back to the results, as they were")
  }

  @Test func anOrderThatIsNotThereSaysSo() {
    var desk = DeskDriver.signedIn()
    desk.searchOrders()
    desk.press(.enter)
    let generation = desk.effect { effect -> Int? in
      if case .loadOrderPage(_, let generation) = effect { generation } else { nil }
    }
    desk.send(.orderPageLoaded(generation: generation ?? 0, .success(nil)))
    #expect(desk.text.contains("There is no order OD-7K3F9Q2M."))
    desk.press(.character("r"))
    #expect(desk.state.screen == .orderPage)
  }

  @Test func f5LoadsThePageAgain() {
    var desk = DeskDriver.showingOrderPage()
    desk.press(.function(5))
    desk.answerPage(StaffFixtures.page(refunded: 500))
    #expect(desk.text.contains("€5.00 of €58.31"))
  }
}

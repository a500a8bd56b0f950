import DeskTheme
import OrderCore
import Testing

@testable import DeskUI

/// Long text that scrolls: the receipt, a found order and the help window go as far as their
/// last line and no further, so the way back is as many key presses as the way there.
@Suite struct ScrollingTests {
  @Test func theReceiptScrollsToItsLastLineAndNoFurther() {
    var desk = DeskDriver.showingReceipt(rows: 20)
    let limit = desk.state.receiptScrollLimit
    #expect(limit > 0, "the receipt should not fit in 20 rows")
    #expect(!desk.text.contains("address it was placed with."))
    for _ in 0..<50 { desk.press(.down) }
    #expect(desk.state.receiptScroll == limit)
    #expect(desk.text.contains("address it was placed with."))
    desk.press(.up)
    #expect(desk.state.receiptScroll == limit - 1)
    desk.press(.home)
    #expect(desk.state.receiptScroll == 0)
    #expect(desk.text.contains("Order OD-7K3F9Q2M"))
    desk.press(.end)
    #expect(desk.state.receiptScroll == limit)
    desk.press(.pageUp, .pageUp)
    #expect(desk.state.receiptScroll == 0)
  }

  @Test func aReceiptThatFitsDoesNotScroll() {
    var desk = DeskDriver.showingReceipt(rows: 40)
    #expect(desk.state.receiptScrollLimit == 0)
    desk.press(.pageDown, .down, .end)
    #expect(desk.state.receiptScroll == 0)
    #expect(!desk.text.contains(" of "))
    #expect(!desk.text.contains("Scroll"), "the key bar offers scrolling with nothing to scroll")
  }

  @Test func theKeyBarOffersScrollingOnlyWhenTheReceiptScrolls() {
    #expect(DeskDriver.showingReceipt(rows: 20).text.contains("↑↓ Scroll"))
    #expect(!DeskDriver.showingReceipt(rows: 24).text.contains("Scroll"))
  }

  @Test func aFoundOrderTallerThanTheScreenScrollsWithPageKeys() {
    var desk = DeskDriver.showingFoundOrder()
    #expect(desk.state.foundOrderScrollLimit > 0)
    #expect(!desk.text.contains("(link valid until"))
    #expect(desk.text.contains("PgUp/PgDn Scroll"))
    desk.press(.pageDown)
    #expect(desk.state.findOrder.scroll == desk.state.foundOrderScrollLimit)
    #expect(desk.text.contains("(link valid until 2025-12-01)"))
    desk.press(.pageDown)
    #expect(desk.state.findOrder.scroll == desk.state.foundOrderScrollLimit)
    desk.press(.pageUp)
    #expect(desk.state.findOrder.scroll == 0)
    #expect(desk.text.contains("Order OD-7K3F9Q2M"))
  }

  @Test func upAndDownStillMoveBetweenTheSearchFieldsWhenAnOrderIsFound() {
    var desk = DeskDriver.showingFoundOrder()
    #expect(desk.state.findOrder.focus == .email)
    desk.press(.up)
    #expect(desk.state.findOrder.focus == .number)
    #expect(desk.state.findOrder.scroll == 0)
  }

  @Test func aNewSearchStartsAtTheTopOfItsResult() {
    var desk = DeskDriver.showingFoundOrder()
    desk.press(.pageDown)
    desk.press(.enter)
    #expect(desk.state.findOrder.scroll == 0)
    desk.send(.lookedUp(.success(DeskDriver.record())))
    #expect(desk.state.findOrder.scroll == 0)
  }

  @Test func helpScrollsToItsLastLineAndNoFurther() {
    var desk = DeskDriver()
    desk.press(.function(1))
    let limit = desk.state.helpScrollLimit
    #expect(limit > 0)
    for _ in 0..<20 { desk.press(.pageDown) }
    #expect(desk.state.helpScroll == limit)
    desk.press(.up)
    #expect(desk.state.helpScroll == limit - 1)
    // Home and End, as in every list; a page is a window less the line kept for context.
    desk.press(.home)
    #expect(desk.state.helpScroll == 0)
    desk.press(.pageDown)
    #expect(desk.state.helpScroll == min(limit, desk.state.helpRows - 1))
    desk.press(.end)
    #expect(desk.state.helpScroll == limit)
  }

  /// The chosen product's description is read whole, licence terms and all, and moving
  /// through the list does not make it jump.
  @Test func theCatalogShowsTheWholeDescriptionAndKeepsItsListStill() {
    var desk = DeskDriver()
    var enterRow: Int?
    for item in desk.state.visibleItems {
      let lines = desk.text.split(separator: "\n", omittingEmptySubsequences: false)
      let shown = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
      #expect(shown.contains(item.description), "\(item.name)'s description is cut")
      let row = lines.firstIndex { $0.contains("Enter adds") }
      #expect(row != nil && (enterRow == nil || row == enterRow), "the list moved at \(item.name)")
      enterRow = row
      desk.press(.down)
    }
    // Too long for three lines: the third ends in an ellipsis, and none is too wide.
    let long = String(repeating: "licence terms ", count: 20)
    let lines = TextLayout.wrap(long, width: 30, atMost: 3)
    #expect(lines.count == 3 && lines[2].hasSuffix("…"))
    #expect(lines.allSatisfy { TerminalText.displayWidth($0) <= 30 })
  }
}

import OrderCore
import Testing

@testable import DeskUI

/// The layout is made when the size, the catalog or the status message changes, and keys
/// use the one made last.
@Suite struct DeskLayoutTests {
  @Test func aResizeMakesTheLayoutAnew() {
    var desk = DeskDriver()
    #expect(desk.state.layout == DeskLayout(rows: 24, columns: 80, catalog: try? Catalog.demo))
    desk.send(.resize(rows: 40, columns: 100))
    #expect(desk.state.layout == DeskLayout(rows: 40, columns: 100, catalog: try? Catalog.demo))
  }

  @Test func helpScrollsToTheEndOfTheSizeItIsNow() {
    var desk = DeskDriver()
    desk.send(.resize(rows: 30, columns: 80))
    desk.press(.function(1), .end)
    #expect(desk.state.helpScroll == DeskLayout(rows: 30, columns: 80).helpScrollLimit)
    // The twin: the layout of the size before would scroll further, past the last line.
    #expect(DeskLayout(rows: 24, columns: 80).helpScrollLimit > desk.state.helpScroll)
  }

  @Test func theCatalogsDescriptionsAreMeasuredAtTheWidthAfterAResize() throws {
    let catalog = try Catalog.demo
    var desk = DeskDriver(columns: 120)
    let wide = DeskLayout(rows: 24, columns: 120, catalog: catalog).descriptionRows
    #expect(desk.state.layout.descriptionRows == wide)
    desk.send(.resize(rows: 24, columns: 60))
    let narrow = DeskLayout(rows: 24, columns: 60, catalog: catalog).descriptionRows
    #expect(desk.state.layout.descriptionRows == narrow)
    // The twin: a layout kept from the wide window would keep too few rows for them.
    #expect(narrow > wide)
  }

  @Test func aLongMessageTakesRowsFromTheContent() {
    var layout = DeskLayout(rows: 24, columns: 80)
    let rows = layout.contentRows
    layout.show(message: String(repeating: "A long message about the order. ", count: 6))
    #expect(layout.statusLines.count == DeskLayout.statusRowsAtMost)
    #expect(layout.contentRows == rows - DeskLayout.statusRowsAtMost + 1)
  }

  @Test func theReceiptScrollsToItsEndAtTheWidthItIsNow() {
    var desk = DeskDriver.showingReceipt(rows: 18)
    desk.send(.resize(rows: 18, columns: 60))
    desk.press(.end)
    let limit = desk.state.receiptScrollLimit
    #expect(desk.state.receiptScroll == limit)
    // The twin: measured at the old width, the receipt would end sooner.
    var wide = DeskDriver.showingReceipt(rows: 18)
    wide.press(.end)
    #expect(wide.state.receiptScroll < limit)
  }
}

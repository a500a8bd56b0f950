import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// A field's error is read whole when the form has rows to spare, and never pushes the form's
/// last fields off the screen when it has none.
@Suite struct FieldErrorTests {
  static let long =
    "The part before the @ cannot start or end with a dot or have two dots in a row."
  static let short = "Enter a name."

  @Test func spareRowsGoInOrderToTheErrorsThatWrap() {
    func rows(_ messages: [String?], columns: Int, spare: Int) -> [Int] {
      FormLayout.fieldErrorLines(messages, columns: columns, spare: spare).map(\.count)
    }
    let messages: [String?] = [Self.long, nil, Self.short, Self.long]
    #expect(rows(messages, columns: 80, spare: 10) == [2, 0, 1, 2])
    #expect(rows(messages, columns: 80, spare: 1) == [2, 0, 1, 1])
    #expect(rows(messages, columns: 80, spare: 0) == [1, 0, 1, 1])
    #expect(rows(messages, columns: 80, spare: -5) == [1, 0, 1, 1])
    // A wider terminal has the room on one row.
    #expect(rows(messages, columns: 120, spare: 10) == [1, 0, 1, 1])
    // Cut to one row, a message ends in "…"; given its rows, it is whole.
    let cut = FormLayout.fieldErrorLines([Self.long], columns: 80, spare: 0)[0]
    #expect(cut.count == 1 && cut[0].hasSuffix("…") && cut[0].count == 58)
    let whole = FormLayout.fieldErrorLines([Self.long], columns: 80, spare: 1)[0]
    #expect(whole.joined(separator: " ") == Self.long)
  }

  @Test func aFormTooTallShowsARunOfFieldsWithTheFocusedOne() {
    #expect(FormLayout.shownFields(heights: [1, 2, 1], focus: 2, rows: 4) == 0..<3)
    #expect(FormLayout.shownFields(heights: [1, 2, 1, 1], focus: 0, rows: 4) == 0..<2)
    #expect(FormLayout.shownFields(heights: [1, 2, 1, 1], focus: 3, rows: 4) == 2..<4)
    // A focused field taller than the room is shown alone rather than not at all.
    #expect(FormLayout.shownFields(heights: [1, 9, 1], focus: 1, rows: 4) == 1..<2)
    var generator = SeededGenerator(seed: 0xF1E1D5)
    for _ in 0..<2_000 {
      let heights = (0..<Int.random(in: 1...10, using: &generator)).map { _ in
        Int.random(in: 1...4, using: &generator)
      }
      let focus = Int.random(in: heights.indices, using: &generator)
      let rows = Int.random(in: 1...30, using: &generator)
      let shown = FormLayout.shownFields(heights: heights, focus: focus, rows: rows)
      #expect(shown.contains(focus), "\(heights) focus \(focus) in \(rows)")
      let used = heights[shown].reduce(0, +)
      // The run fits, with a row for the note when fields are left out, unless it is the
      // focused field alone.
      let room = shown.count == heights.count ? rows : rows - 1
      #expect(used <= room || shown == focus..<focus + 1, "\(heights) focus \(focus) in \(rows)")
    }
  }

  /// A shipping form with five errors, at 24 rows and at 20.
  ///
  /// At 24 rows the email's error is read whole and every field is on the screen. At 20 there
  /// is no row to spare: the error is cut to one row, the form shows the fields up to the
  /// focused one and says so, and moving down to the postal code brings it into view.
  @Test(arguments: [24, 20])
  func aFullShippingFormKeepsTheFocusedFieldOnScreen(rows: Int) {
    var desk = DeskDriver(rows: rows)
    desk.goToShippingDetails()
    desk.type("x")
    desk.press(.tab)
    desk.type("ada..lovelace@example..com")
    desk.press(.tab)
    desk.type("12")
    // Enter on the last field judges every field and goes to the first that needs attention.
    for _ in 0..<8 { desk.press(.tab) }
    desk.press(.enter)
    #expect(desk.state.details.focus == .email)
    var text = desk.text
    #expect(text.contains("✗ The part before the @"), "\(text)")
    #expect(text.contains("have two dots in a row.") == (rows == 24), "\(text)")
    #expect(text.contains("start or end with a dot or h…") == (rows == 20), "\(text)")
    #expect(text.contains("Postal code *") == (rows == 24), "\(text)")
    #expect(text.contains("fields 1–6 of 8") == (rows == 20), "\(text)")

    while desk.state.details.focus != .postalCode { desk.press(.tab) }
    text = desk.text
    #expect(text.contains("Postal code *"), "\(text)")
    #expect(text.contains("Name *") == (rows == 24), "\(text)")
    #expect(text.contains("fields 3–8 of 8") == (rows == 20), "\(text)")
  }
}

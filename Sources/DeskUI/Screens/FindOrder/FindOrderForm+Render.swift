import DeskTheme
import OrderCore

extension FindOrderForm {
  func render(_ context: ScreenContext, into painter: inout Painter) {
    painter.line("Find an order by its number and the email address it was placed with.", .accent)
    painter.blank()
    let width = FormLayout.fieldWidth(columns: painter.columns)
    for field in Field.allCases {
      let focused = focus == field
      let value = field == .number ? number : email
      painter.label(field == .number ? "Order number" : "Email", required: true)
      painter.field(value, at: FormLayout.labelWidth, width: width, focused: focused)
      painter.row += 1
    }
    painter.blank()
    if isSearching {
      painter.line("Looking the order up…", .muted)
    } else if let error {
      painter.paragraph(error, .error)
    } else if let result {
      if let order = result {
        painter.scrolling(
          OrderText.lines(order, glyphs: painter.glyphs, columns: painter.columns),
          scroll: scroll, keys: "PgUp/PgDn")
      } else {
        painter.paragraph(
          "No order has that number and email address. Check both; the number is on the receipt.",
          .warning)
      }
    }
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    if scrollLimit(context.layout) > 0 {
      return "Tab Next  \(enter) Find  PgUp/PgDn Scroll  Esc Back"
    }
    return "Tab Next  \(enter) Find  Esc Back  F1 Help"
  }
}

import DeskTheme
import OrderCore

extension RefundForm {
  /// The cells a label takes before its field: narrower than the other forms', so that the
  /// options fit beside their field in 80 columns.
  static let labelWidth = 12

  func render(_ context: ScreenContext, into painter: inout Painter) {
    guard let page else { return }
    let glyphs = painter.glyphs
    let order = page.order
    let separator = " \(glyphs[.separator]) "
    painter.line("Refund order \(order.number)", .accent)
    painter.line(
      "\(card(order, glyphs))\(separator)charged \(glyphs.price(order.quote.total))"
        + "\(separator)\(glyphs.price(page.refundable)) left to refund", .muted)
    painter.blank()
    let column = Self.labelWidth
    for field in fields {
      let focused = focus == field && stage == .editing
      switch field {
      case .scope:
        painter.label("Refund", required: true)
        options(
          Scope.allCases.map { ($0.rawValue, $0.title) }, chosen: scope?.rawValue,
          focused: focused, &painter)
      case .amount:
        painter.label("Amount", required: true)
        painter.field(amount, at: column, width: 12, focused: focused)
        painter.grid.put(
          "at most \(glyphs.price(page.refundable))", row: painter.row, column: column + 16,
          slot: .muted)
      case .line(let index):
        if index == 0 { painter.label("Lines", required: true) }
        let line = order.quote.lines[index]
        painter.field(lineQuantities[index], at: column, width: 2, focused: focused)
        painter.grid.put(
          TextLayout.fit("of \(line.quantity) × \(line.name)", 36) + " "
            + TextLayout.right(glyphs.price(line.lineTotal), 12), row: painter.row,
          column: column + 6, slot: .text, maxWidth: painter.columns - column - 7)
      case .reason:
        painter.label("Reason", required: true)
        options(
          RefundReason.allCases.enumerated().map { ($0.offset + 1, $0.element.displayName) },
          chosen: reason.flatMap { RefundReason.allCases.firstIndex(of: $0) }.map { $0 + 1 },
          focused: focused, &painter)
      case .note:
        painter.label("Note", required: reason == .other)
        painter.field(
          note, at: column, width: max(10, painter.columns - column - 4), focused: focused)
      }
      painter.row += 1
      if let error = errors[field] {
        painter.grid.put(
          "\(glyphs[.invalid]) \(error)", row: painter.row, column: column + 1, slot: .error,
          maxWidth: painter.columns - column - 2)
        painter.row += 1
      }
    }
    painter.blank()
    switch stage {
    case .editing:
      if let failure {
        painter.paragraph("Not refunded: \(failure)", .error)
      } else {
        painter.paragraph(
          "Digits choose the options. Enter on the note checks the refund and asks to "
            + "confirm it.", .muted)
      }
    case .confirming(_, let money):
      painter.paragraph(
        "Refund \(glyphs.price(money)) of \(order.number) to \(card(order, glyphs))? "
          + "Enter refunds, Esc goes back", .warning)
    case .refunding:
      painter.line("Refunding…", .accent)
    }
  }

  /// The card the order was paid with, as the merchant side may show it.
  func card(_ order: OrderRecord, _ glyphs: Glyphs) -> String {
    "\(order.card.brand.displayName) \(glyphs.unicode ? "••••" : "****") \(order.card.lastFour)"
  }

  /// A one-digit field and the numbered options beside it, the chosen one marked.
  private func options(
    _ options: [(Int, String)], chosen: Int?, focused: Bool, _ painter: inout Painter
  ) {
    painter.field(
      at: Self.labelWidth, width: 1, text: chosen.map { "\($0)" } ?? "", cursorColumn: 0,
      focused: focused)
    var column = Self.labelWidth + 5
    for (number, title) in options {
      column += painter.grid.put(
        "\(number) \(title)", row: painter.row, column: column,
        slot: number == chosen ? .accent : .muted)
      column += 2
    }
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    switch stage {
    case .confirming: return "\(enter) Refund  Esc Back to the form"
    case .refunding: return "Refunding, please wait…"
    case .editing: return "Tab Next  \(enter) Next  Esc Order page  F1 Help"
    }
  }
}

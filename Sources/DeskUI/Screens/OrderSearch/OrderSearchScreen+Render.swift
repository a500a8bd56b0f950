import DeskTheme
import OrderCore

extension OrderSearchScreen {
  func render(_ context: ScreenContext, into painter: inout Painter) {
    let glyphs = painter.glyphs
    painter.line("Find orders by number, email, name or the card's last four.", .accent)
    painter.blank()
    let column = FormLayout.labelWidth
    painter.label("Search", required: false)
    painter.field(
      text, at: column, width: FormLayout.fieldWidth(columns: painter.columns),
      focused: focus == .text)
    painter.row += 1
    painter.label("From", required: false)
    painter.field(from, at: column, width: 10, focused: focus == .from)
    painter.grid.put("To", row: painter.row, column: column + 14, slot: .text)
    painter.field(to, at: column + 17, width: 10, focused: focus == .to)
    painter.grid.put(
      "YYYY-MM-DD, optional", row: painter.row, column: column + 31, slot: .muted,
      maxWidth: painter.columns - column - 32)
    painter.row += 1
    if let problem = [Focus.text, .from, .to].compactMap({ errors[$0] }).first {
      painter.errorLine(problem)
    } else {
      painter.blank()
    }
    if isSearching {
      painter.line("Searching…", .muted)
      return
    }
    if let failure {
      painter.paragraph("The orders could not be searched: \(failure)", .error)
      return
    }
    guard let results else {
      painter.paragraph(
        "Enter searches; with nothing typed it lists the newest orders.", .muted)
      return
    }
    guard !results.isEmpty else {
      painter.line("No orders match.", .warning)
      return
    }
    let widths = Self.columnWidths(painter.columns)
    painter.line(
      Self.row(["Number", "Date", "Customer", "Total", "Payment", "Source"], widths), .muted,
      indent: 3)
    let listRows = max(1, painter.rowsLeft - (results.count > painter.rowsLeft ? 1 : 0))
    let first = max(0, min(selection - listRows / 2, results.count - listRows))
    for (offset, view) in results.dropFirst(first).prefix(listRows).enumerated() {
      let selected = first + offset == selection
      let highlighted = selected && focus == .results
      if highlighted {
        painter.grid.fill(row: painter.row, column: 1, width: painter.columns - 2, slot: .selection)
      }
      if selected {
        painter.grid.put(
          glyphs[.pointer], row: painter.row, column: 1, slot: highlighted ? .selection : .muted)
      }
      let order = view.order
      painter.line(
        Self.row(
          [
            order.number.rawValue, TextLayout.date(epochSeconds: order.createdAt),
            view.customer.name, glyphs.price(order.quote.total), order.payment.displayName,
            order.source.shortName,
          ], widths), highlighted ? .selection : .text, indent: 3)
    }
    if results.count > listRows {
      let note = "\(selection + 1) of \(results.count)"
      painter.grid.put(
        note, row: painter.bottom, column: painter.columns - TerminalText.displayWidth(note) - 2,
        slot: .muted)
    }
  }

  /// The widths of the columns: number, date, customer, total, payment, source.
  static func columnWidths(_ columns: Int) -> [Int] {
    let fixed = [12, 10, 0, 10, 15, 8]
    let customer = max(8, columns - 4 - fixed.reduce(0, +) - 5)
    return [12, 10, customer, 10, 15, 8]
  }

  /// One row of the table, the total right-aligned.
  static func row(_ texts: [String], _ widths: [Int]) -> String {
    zip(texts, widths).enumerated().map { index, pair in
      index == 3 ? TextLayout.right(pair.0, pair.1) : TextLayout.fit(pair.0, pair.1)
    }.joined(separator: " ")
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    if focus == .results {
      let arrows = glyphs.unicode ? "↑↓" : "Up/Dn"
      return "\(enter) Open  \(arrows) PgUp/PgDn Move  Tab Search  Esc Back"
    }
    return "Tab Next  \(enter) Search  Esc Back  F1 Help  F2 Lock"
  }
}

extension PaymentStatus {
  /// The status in words, short enough for a table.
  public var displayName: String {
    switch self {
    case .authorized: "authorized"
    case .captured: "captured"
    case .declined: "declined"
    case .partiallyRefunded: "partly refunded"
    case .refunded: "refunded"
    }
  }
}

extension OrderSource {
  /// The source in one short word, for a table.
  public var shortName: String {
    switch self {
    case .terminal: "Terminal"
    case .phone: "Phone"
    case .fax: "Fax"
    case .mail: "Mail"
    }
  }
}

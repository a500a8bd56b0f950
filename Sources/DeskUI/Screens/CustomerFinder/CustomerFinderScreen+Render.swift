import DeskTheme
import OrderCore

extension CustomerFinderScreen {
  func render(_ context: ScreenContext, into painter: inout Painter) {
    let glyphs = painter.glyphs
    painter.line(
      "\(context.orderSource.displayName): find the customer by email, name or phone.", .accent)
    painter.blank()
    painter.label("Customer", required: false)
    painter.field(
      query, at: FormLayout.labelWidth, width: FormLayout.fieldWidth(columns: painter.columns),
      focused: focus == .search)
    painter.row += 1
    painter.blank()
    if let error {
      painter.paragraph("The customers could not be searched: \(error)", .error)
      return
    }
    guard let searched else {
      painter.paragraph(
        "Type at least \(Self.shortestSearch) characters. F6 takes a new customer's details.",
        .muted)
      return
    }
    if isSearching && matches.isEmpty {
      painter.line("Looking for customers…", .muted)
      return
    }
    guard !matches.isEmpty else {
      painter.paragraph("No customer matches “\(searched)”. F6 takes a new customer.", .warning)
      return
    }
    let widths = Self.columnWidths(painter.columns)
    painter.line(
      Self.row(["Name", "Phone", "Email", "Orders", "Last order"], widths), .muted, indent: 3)
    let listRows = max(1, painter.rowsLeft - 3)
    let first = max(0, min(selection - listRows / 2, matches.count - listRows))
    for (offset, match) in matches.dropFirst(first).prefix(listRows).enumerated() {
      let selected = first + offset == selection && focus == .matches
      if selected {
        painter.grid.fill(row: painter.row, column: 1, width: painter.columns - 2, slot: .selection)
        painter.grid.put(glyphs[.pointer], row: painter.row, column: 1, slot: .selection)
      }
      painter.line(
        Self.row(
          [
            match.customer.name, match.customer.phone, match.customer.email,
            "\(match.orderCount)", TextLayout.date(epochSeconds: match.lastOrderAt),
          ], widths), selected ? .selection : .text, indent: 3)
    }
    if let match = selected {
      painter.row = max(painter.row, painter.bottom - 1)
      let lines = match.lastLines.map { line in
        "\(line.quantity) × \(context.catalog?.item(for: line.sku)?.name ?? line.sku.value)"
      }
      painter.line("Last order \(match.lastOrder): \(lines.joined(separator: ", "))", .muted)
      painter.line(
        "\(glyphs.unicode ? "⏎" : "Enter") uses the details  r repeats the last order  "
          + "n new customer", .accent)
    }
  }

  /// The widths of the columns: name, phone, email, orders, last order.
  ///
  /// The phone stands between two columns of letters: beside the orders and the date, its
  /// digits would run on into a number as long as a card's.
  static func columnWidths(_ columns: Int) -> [Int] {
    let fixed = [15, 6, 10]
    let left = max(16, columns - 4 - fixed.reduce(0, +) - 4)
    let name = left * 2 / 5
    return [name, fixed[0], left - name, fixed[1], fixed[2]]
  }

  /// One row of the table: each text fitted to its column, numbers to the right.
  static func row(_ texts: [String], _ widths: [Int]) -> String {
    zip(texts, widths).enumerated().map { index, pair in
      index == 3 ? TextLayout.right(pair.0, pair.1) : TextLayout.fit(pair.0, pair.1)
    }.joined(separator: " ")
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    if focus == .matches {
      return "\(enter) Use  r Repeat order  n New  Tab Search  Esc Back"
    }
    let arrow = glyphs.unicode ? "↓" : "Down"
    return "\(arrow) Matches  F6 New customer  Esc Menu  F1 Help  F2 Lock"
  }
}

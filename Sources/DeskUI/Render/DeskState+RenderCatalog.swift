import DeskTheme
import OrderCore

extension DeskState {
  func price(_ money: Money, _ glyphs: Glyphs) -> String {
    // Without UTF-8 a currency symbol such as € cannot be drawn; the code stands in for it.
    money.formatted(glyphs.unicode ? .symbol : .code)
  }

  func drawCatalog(_ painter: inout Painter) {
    let glyphs = painter.glyphs
    switch catalogLoad {
    case .loading:
      painter.line("Loading the catalog from the order service…", .muted)
      return
    case .failed(let problem):
      painter.paragraph("The catalog could not be loaded: \(problem)", .error)
      painter.blank()
      painter.paragraph(
        "The desk keeps trying to reach the order service; the lock in the corner shows "
          + "when it is back. Press F2 for the connection's details.", .muted)
      return
    case .loaded:
      break
    }
    let columns = painter.columns
    let editionWidth = columns >= 76 ? 10 : 0
    let kindWidth = 8
    let priceWidth = 11
    let inCartWidth = 7
    let nameWidth = max(
      10,
      columns - 4 - editionWidth - kindWidth - priceWidth - inCartWidth - 3
        - (editionWidth > 0 ? 1 : 0))
    func edition(_ text: String) -> String {
      editionWidth > 0 ? TextLayout.fit(text, editionWidth) + " " : ""
    }
    if catalogView.isFiltering || !catalogView.filter.isEmpty {
      painter.grid.put("Filter:", row: painter.row, column: 1, slot: .muted)
      painter.field(catalogView.filter, at: 9, width: 30, focused: catalogView.isFiltering)
      painter.row += 1
    }
    let header =
      TextLayout.fit("Product", nameWidth) + " " + edition("Edition")
      + TextLayout.fit("Kind", kindWidth) + " "
      + TextLayout.right("Price", priceWidth) + " " + TextLayout.right("In cart", inCartWidth)
    painter.line(header, .muted, indent: 3)
    let items = visibleItems
    if items.isEmpty {
      let filter = catalogView.filter.drawn(
        isFocused: catalogView.isFiltering, bullet: painter.bullet)
      painter.line("Nothing matches “\(filter.text)”. Esc clears the filter.", .warning)
      return
    }
    let selection = min(catalogView.selection, items.count - 1)
    // The list keeps one height while the selection moves: the rows kept for the
    // description are as many as the catalog's longest needs, measured when it arrives and
    // on a resize rather than on every key.
    let descriptionRows =
      painter.rowsLeft >= 12 ? min(Self.descriptionRows, descriptionRowsNeeded) : 1
    let description = TextLayout.wrap(
      items[selection].description, width: columns - 2, atMost: descriptionRows)
    let listRows = max(1, painter.rowsLeft - 2 - descriptionRows)
    let first = max(0, min(selection - listRows / 2, items.count - listRows))
    for (offset, item) in items.dropFirst(first).prefix(listRows).enumerated() {
      let index = first + offset
      let selected = index == selection
      let inCart = cart.quantity(of: item.sku)
      let text =
        TextLayout.fit(item.name, nameWidth) + " " + edition(item.edition ?? "")
        + TextLayout.fit(item.kind.rawValue, kindWidth)
        + " "
        + TextLayout.right(item.price(in: currency).map { price($0, glyphs) } ?? "", priceWidth)
        + " " + TextLayout.right(inCart > 0 ? "\(inCart)" : "", inCartWidth)
      if selected {
        painter.grid.fill(row: painter.row, column: 1, width: columns - 2, slot: .selection)
        painter.grid.put(glyphs[.pointer], row: painter.row, column: 1, slot: .selection)
      }
      painter.line(text, selected ? .selection : .text, indent: 3)
    }
    if items.count > listRows {
      painter.line("\(selection + 1) of \(items.count)", .muted, indent: 3)
    }
    let item = items[selection]
    painter.row = max(painter.row, painter.bottom - description.count)
    for line in description { painter.line(line, .muted) }
    painter.line(
      "Enter adds \(catalogView.quantity) × \(item.name)"
        + (catalogView.quantity > 1 ? "" : " (type a number or +/- for more)"), .accent)
  }

  /// The most rows the chosen product's description takes below the list, when the window
  /// has room: enough for the demo catalog's longest, licence terms and all.
  static let descriptionRows = 3

  /// Measures how many rows the catalog's longest description needs at this width, up to
  /// ``descriptionRows``.
  mutating func measureDescriptions() {
    guard let catalog else { return }
    let width = columns - 2
    descriptionRowsNeeded =
      catalog.items.map {
        min(Self.descriptionRows, TextLayout.wrap($0.description, width: width).count)
      }.max() ?? 1
  }

  func drawCart(_ painter: inout Painter) {
    let glyphs = painter.glyphs
    guard let catalog else { return }
    let columns = painter.columns
    let qtyWidth = 4
    let moneyWidth = 12
    let nameWidth = max(10, columns - 6 - qtyWidth - 2 * moneyWidth - 3)
    painter.line(
      TextLayout.fit("Product", nameWidth) + " " + TextLayout.right("Qty", qtyWidth) + " "
        + TextLayout.right("Each", moneyWidth) + " " + TextLayout.right("Total", moneyWidth),
      .muted, indent: 3)
    for (index, line) in cart.lines.enumerated() {
      let item = catalog.item(for: line.sku)
      let unit = item?.price(in: currency)
      let total = unit.flatMap { try? $0.multiplied(by: line.quantity) }
      let selected = index == cartSelection
      if selected {
        painter.grid.fill(row: painter.row, column: 1, width: columns - 2, slot: .selection)
        painter.grid.put(glyphs[.pointer], row: painter.row, column: 1, slot: .selection)
      }
      painter.line(
        TextLayout.fit(item?.name ?? line.sku.value, nameWidth) + " "
          + TextLayout.right("\(line.quantity)", qtyWidth) + " "
          + TextLayout.right(unit.map { price($0, glyphs) } ?? "", moneyWidth) + " "
          + TextLayout.right(total.map { price($0, glyphs) } ?? "", moneyWidth),
        selected ? .selection : .text, indent: 3)
    }
    painter.blank()
    drawTotals(&painter)
  }

  /// The service's totals, or why they are not there yet.
  func drawTotals(_ painter: inout Painter) {
    let glyphs = painter.glyphs
    let width = 44
    switch quote {
    case .ready(let quote):
      painter.amount("Subtotal", price(quote.subtotal, glyphs), width: width)
      let country = Countries.country(code: quote.country)?.name ?? quote.country
      painter.amount("VAT \(quote.taxRate) (\(country))", price(quote.tax, glyphs), width: width)
      if quote.requiresShipping {
        painter.amount("Shipping", price(quote.shipping, glyphs), width: width)
      }
      painter.amount("Total", price(quote.total, glyphs), slot: .accent, width: width)
      if details.countryCode == nil {
        painter.line(
          "Tax is for \(country) until the customer's country is entered.", .muted)
      }
    case .loading:
      if let subtotal = cartSubtotal {
        painter.amount("Subtotal", price(subtotal, glyphs), width: width)
      }
      painter.amount("Tax and total", "quoting…", slot: .muted, width: width)
    case .failed(let problem):
      if let subtotal = cartSubtotal {
        painter.amount("Subtotal", price(subtotal, glyphs), width: width)
      }
      painter.paragraph("The service could not quote the totals: \(problem)", .error)
    case .none:
      break
    }
  }
}

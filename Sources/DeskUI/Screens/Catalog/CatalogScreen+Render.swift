import DeskTheme
import OrderCore

extension CatalogScreen {
  func render(_ context: ScreenContext, into painter: inout Painter) {
    let glyphs = painter.glyphs
    switch context.catalogLoad {
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
    let typeAhead = context.staffMember != nil
    if typeAhead {
      painter.grid.put("SKU or name:", row: painter.row, column: 1, slot: .muted)
      painter.field(filter, at: 14, width: 30, focused: prompt == nil)
      painter.grid.put(
        "F4 lists what fits", row: painter.row, column: 48, slot: .muted,
        maxWidth: max(0, columns - 49))
      painter.row += 1
    } else if isFiltering || !filter.isEmpty {
      painter.grid.put("Filter:", row: painter.row, column: 1, slot: .muted)
      painter.field(filter, at: 9, width: 30, focused: isFiltering)
      painter.row += 1
    }
    let header =
      TextLayout.fit("Product", nameWidth) + " " + edition("Edition")
      + TextLayout.fit("Kind", kindWidth) + " "
      + TextLayout.right("Price", priceWidth) + " " + TextLayout.right("In cart", inCartWidth)
    painter.line(header, .muted, indent: 3)
    let items = visibleItems(context)
    if items.isEmpty {
      let filter = filter.drawn(isFocused: isFiltering || typeAhead, bullet: painter.bullet)
      painter.line("Nothing matches “\(filter.text)”. Esc clears the filter.", .warning)
      return
    }
    let selection = min(selection, items.count - 1)
    // The list keeps one height while the selection moves: the rows kept for the
    // description are as many as the catalog's longest needs, measured in the layout when the
    // catalog arrives and on a resize rather than on every key.
    let descriptionRows =
      painter.rowsLeft >= 12
      ? min(DeskLayout.descriptionRowsAtMost, context.layout.descriptionRows) : 1
    let description = TextLayout.wrap(
      items[selection].description, width: columns - 2, atMost: descriptionRows)
    let listRows = max(1, painter.rowsLeft - 2 - descriptionRows)
    let first = max(0, min(selection - listRows / 2, items.count - listRows))
    for (offset, item) in items.dropFirst(first).prefix(listRows).enumerated() {
      let index = first + offset
      let selected = index == selection
      let inCart = context.cart.quantity(of: item.sku)
      let text =
        TextLayout.fit(item.name, nameWidth) + " " + edition(item.edition ?? "")
        + TextLayout.fit(item.kind.rawValue, kindWidth)
        + " "
        + TextLayout.right(
          item.price(in: context.currency).map { glyphs.price($0) } ?? "", priceWidth)
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
    let more = typeAhead ? " (Right and Left change how many)" : " (type a number or +/- for more)"
    painter.line(
      "Enter adds \(quantity) × \(item.name)" + (quantity > 1 ? "" : more), .accent)
    if let prompt { drawPrompt(prompt, context, into: &painter) }
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    if context.staffMember != nil {
      if prompt != nil { return "1-9/\(enter) Pick  Esc Close  F1 Help" }
      return "\(enter) Add  F4 List  Tab Cart  F10 Menu  Esc Clear  F1 Help"
    }
    if isFiltering {
      return "Type to filter  \(enter) Done  Esc Clear  F2 Lock"
    }
    return "\(enter) Add  +/- Qty  / Filter  c Cart  F1 Help  F2 Lock"
  }
}

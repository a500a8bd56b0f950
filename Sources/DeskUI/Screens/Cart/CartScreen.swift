import OrderCore

/// The cart screen's own state: which line is selected.
public struct CartScreen: Sendable, Hashable {
  public internal(set) var selection = 0
}

extension CartScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    let lines = context.cart.lines
    // The cart may have changed since the screen was last shown.
    selection = min(selection, max(0, lines.count - 1))
    switch key {
    case .up, .character("k"):
      selection = max(0, selection - 1)
    case .down, .character("j"):
      selection = min(max(0, lines.count - 1), selection + 1)
    case .character("+"), .character("="), .right:
      return changeQuantity(by: 1, context)
    case .character("-"), .character("−"), .left:
      return changeQuantity(by: -1, context)
    case .delete, .backspace, .character("x"):
      guard selection < lines.count else { return [] }
      var cart = context.cart
      _ = cart.remove(lines[selection].sku)
      selection = min(selection, max(0, cart.lines.count - 1))
      if cart.isEmpty {
        return [
          .changeCart(cart), .go(.catalog), .forgetQuote, .say("The cart is empty again.", .info),
        ]
      }
      return [.changeCart(cart), .requestQuote]
    case .enter, .tab:
      return [.go(.details)]
    case .escape:
      return [.go(.catalog)]
    case .character("f"), .function(3):
      return [.openFindOrder]
    default:
      break
    }
    return []
  }

  private func changeQuantity(by step: Int, _ context: ScreenContext) -> ScreenOutcome {
    let lines = context.cart.lines
    guard selection < lines.count else { return [] }
    let line = lines[selection]
    let quantity = line.quantity + step
    guard Cart.quantityRange.contains(quantity) else {
      return [
        .say(
          quantity < 1
            ? "Press Delete to remove the line."
            : "At most \(Cart.quantityRange.upperBound) per line.",
          .info)
      ]
    }
    var cart = context.cart
    do {
      try cart.setQuantity(quantity, for: line.sku)
    } catch {
      return [.say(error.description, .warning)]
    }
    return [.changeCart(cart), .requestQuote]
  }

  func render(_ context: ScreenContext, into painter: inout Painter) {
    let glyphs = painter.glyphs
    guard let catalog = context.catalog else { return }
    let columns = painter.columns
    let qtyWidth = 4
    let moneyWidth = 12
    let nameWidth = max(10, columns - 6 - qtyWidth - 2 * moneyWidth - 3)
    painter.line(
      TextLayout.fit("Product", nameWidth) + " " + TextLayout.right("Qty", qtyWidth) + " "
        + TextLayout.right("Each", moneyWidth) + " " + TextLayout.right("Total", moneyWidth),
      .muted, indent: 3)
    for (index, line) in context.cart.lines.enumerated() {
      let item = catalog.item(for: line.sku)
      let unit = item?.price(in: context.currency)
      let total = unit.flatMap { try? $0.multiplied(by: line.quantity) }
      let selected = index == selection
      if selected {
        painter.grid.fill(row: painter.row, column: 1, width: columns - 2, slot: .selection)
        painter.grid.put(glyphs[.pointer], row: painter.row, column: 1, slot: .selection)
      }
      painter.line(
        TextLayout.fit(item?.name ?? line.sku.value, nameWidth) + " "
          + TextLayout.right("\(line.quantity)", qtyWidth) + " "
          + TextLayout.right(unit.map { glyphs.price($0) } ?? "", moneyWidth) + " "
          + TextLayout.right(total.map { glyphs.price($0) } ?? "", moneyWidth),
        selected ? .selection : .text, indent: 3)
    }
    painter.blank()
    painter.totals(context)
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    return "\(enter) Details  +/- Qty  Del Remove  Esc Back  F1 Help"
  }
}

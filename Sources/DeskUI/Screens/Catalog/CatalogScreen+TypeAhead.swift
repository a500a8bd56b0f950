import DeskTheme
import OrderCore

/// The catalog as staff use it: typing goes straight into a filter on SKU and name, and F4
/// prompts with what fits, numbered, as the prompt key of a 5250 terminal does.
extension CatalogScreen {
  /// The most entries the prompt lists: one digit picks each.
  static let promptSize = 9

  mutating func updateTypeAhead(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    let items = visibleItems(context)
    if let highlighted = prompt { return updatePrompt(key, highlighted, items) }
    switch key {
    case .up, .down, .pageUp, .pageDown:
      moveSelection(key, count: items.count, page: context.layout.catalogPage)
    case .right:
      quantity = min(Cart.quantityRange.upperBound, quantity + 1)
    case .left:
      quantity = max(Cart.quantityRange.lowerBound, quantity - 1)
    case .enter:
      return addSelected(context)
    case .tab:
      guard !context.cart.isEmpty else {
        return [.say("The cart is empty: choose a product and press Enter to add it.", .warning)]
      }
      return [.go(.cart), .requestQuote]
    case .function(4):
      guard !items.isEmpty else {
        return [.say("Nothing fits “\(filter.text)”: Esc clears it.", .warning)]
      }
      prompt = min(selection, Self.promptSize - 1)
    case .escape:
      guard filter.isEmpty else {
        clearFilter()
        return []
      }
      return [.go(.customerFinder)]
    default:
      if filter.apply(key) == .changed {
        selection = 0
        resetQuantity()
      }
    }
    return []
  }

  private mutating func updatePrompt(
    _ key: Key, _ highlighted: Int, _ items: [CatalogItem]
  ) -> ScreenOutcome {
    let shown = min(items.count, Self.promptSize)
    switch key {
    case .up: prompt = max(0, highlighted - 1)
    case .down: prompt = min(max(0, shown - 1), highlighted + 1)
    case .enter: return pick(highlighted, items)
    case .character(let character):
      if let number = character.wholeNumberValue, (1...shown).contains(number) {
        return pick(number - 1, items)
      }
    case .escape, .function(4): prompt = nil
    default: break
    }
    return []
  }

  /// Selects the prompt's entry at `index`, for Enter to add.
  private mutating func pick(_ index: Int, _ items: [CatalogItem]) -> ScreenOutcome {
    prompt = nil
    guard items.indices.contains(index) else { return [] }
    selection = index
    resetQuantity()
    return [
      .say("\(items[index].name) chosen: Enter adds it, Right and Left change how many.", .info)
    ]
  }

  private mutating func clearFilter() {
    filter = TextField(maximumLength: 60)
    selection = 0
  }

  /// The prompt over the list: what fits the filter, numbered.
  func drawPrompt(_ highlighted: Int, _ context: ScreenContext, into painter: inout Painter) {
    let items = visibleItems(context)
    var lines: [(String, ThemeSlot)] = []
    for (index, item) in items.prefix(Self.promptSize).enumerated() {
      let mark = index == highlighted ? painter.glyphs[.pointer] : " "
      let price = item.price(in: context.currency).map { painter.glyphs.price($0) } ?? ""
      lines.append(
        (
          "\(mark) \(index + 1)  \(TextLayout.fit(item.sku.value, 22)) "
            + "\(TextLayout.fit(item.name, 23)) \(TextLayout.right(price, 10))",
          index == highlighted ? .selection : .text
        ))
    }
    if items.count > Self.promptSize {
      lines.append(("  and \(items.count - Self.promptSize) more: type more to narrow", .muted))
    }
    lines.append(("", .text))
    lines.append(("A digit or Enter picks; Esc closes", .muted))
    let title = filter.isEmpty ? "Products" : "Products fitting “\(filter.text)”"
    painter.box(title: title, lines: lines, width: 66)
  }
}

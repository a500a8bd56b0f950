import OrderCore

extension DeskState {
  /// The catalog's items in the desk's currency, narrowed by the filter.
  public var visibleItems: [CatalogItem] {
    guard let catalog else { return [] }
    let items = catalog.items(in: currency)
    let query = catalogView.filter.text.lowercased()
    guard !query.allSatisfy(\.isWhitespace) else { return items }
    let words = query.split(separator: " ")
    return items.filter { item in
      let haystack = "\(item.name) \(item.sku.value) \(item.kind.rawValue)".lowercased()
      return words.allSatisfy { haystack.contains($0) }
    }
  }

  mutating func catalogKey(_ key: Key) -> [DeskEffect] {
    let count = visibleItems.count
    if catalogView.isFiltering {
      switch key {
      case .enter, .tab:
        catalogView.isFiltering = false
        return []
      case .escape:
        catalogView.isFiltering = false
        catalogView.filter = TextField(maximumLength: 60)
        catalogView.selection = 0
        return []
      case .up, .down, .pageUp, .pageDown:
        moveCatalogSelection(key, count: count)
        return []
      default:
        if catalogView.filter.apply(key) == .changed {
          catalogView.selection = 0
          resetQuantity()
        }
        return []
      }
    }
    switch key {
    case .up, .down, .pageUp, .pageDown, .home, .end, .character("j"), .character("k"):
      moveCatalogSelection(key, count: count)
    case .character("/"):
      catalogView.isFiltering = true
    case .escape:
      if !catalogView.filter.isEmpty {
        catalogView.filter = TextField(maximumLength: 60)
        catalogView.selection = 0
      }
    case .character("+"), .character("="), .right:
      catalogView.quantity = min(Cart.quantityRange.upperBound, catalogView.quantity + 1)
      catalogView.quantityIsFresh = false
    case .character("-"), .character("−"), .left:
      catalogView.quantity = max(Cart.quantityRange.lowerBound, catalogView.quantity - 1)
      catalogView.quantityIsFresh = false
    case .character(let character) where character.isASCII && character.isNumber:
      typeQuantity(character)
    case .backspace:
      catalogView.quantity = max(1, catalogView.quantity / 10)
      catalogView.quantityIsFresh = catalogView.quantity == 1
    case .enter:
      return addSelected()
    case .character("c"), .tab:
      return openCart()
    case .character("f"), .function(3):
      openFindOrder()
    case .character("q"):
      return hasUnsavedWork ? confirmQuit() : quit()
    default:
      break
    }
    return []
  }

  private mutating func confirmQuit() -> [DeskEffect] {
    overlay = .confirmQuit
    return []
  }

  private mutating func moveCatalogSelection(_ key: Key, count: Int) {
    guard count > 0 else { return }
    let page = max(1, rows - 12)
    let target: Int =
      switch key {
      case .up, .character("k"): catalogView.selection - 1
      case .down, .character("j"): catalogView.selection + 1
      case .pageUp: catalogView.selection - page
      case .pageDown: catalogView.selection + page
      case .home: 0
      default: count - 1
      }
    let clamped = min(max(0, target), count - 1)
    if clamped != catalogView.selection { resetQuantity() }
    catalogView.selection = clamped
  }

  private mutating func resetQuantity() {
    catalogView.quantity = 1
    catalogView.quantityIsFresh = true
  }

  private mutating func typeQuantity(_ digit: Character) {
    guard let value = digit.wholeNumberValue else { return }
    let typed = catalogView.quantityIsFresh ? value : catalogView.quantity * 10 + value
    guard Cart.quantityRange.contains(typed) else {
      if typed > Cart.quantityRange.upperBound {
        _ = say("At most \(Cart.quantityRange.upperBound) of one product per order.", .warning)
      }
      return
    }
    catalogView.quantity = typed
    catalogView.quantityIsFresh = false
  }

  private mutating func addSelected() -> [DeskEffect] {
    let items = visibleItems
    guard !items.isEmpty else { return [] }
    let item = items[min(catalogView.selection, items.count - 1)]
    let quantity = catalogView.quantity
    do {
      try cart.add(item.sku, quantity: quantity)
    } catch {
      return say(error.description, .warning)
    }
    resetQuantity()
    quote = .none
    return say(
      "Added \(quantity) × \(item.name). The cart has \(itemCount(cart.totalQuantity)).", .success)
  }

  mutating func openCart() -> [DeskEffect] {
    guard !cart.isEmpty else {
      return say("The cart is empty: choose a product and press Enter to add it.", .warning)
    }
    screen = .cart
    message = nil
    cartSelection = min(cartSelection, cart.lines.count - 1)
    return requestQuote()
  }

  mutating func openFindOrder() {
    findOrder.returnScreen = screen
    findOrder.result = nil
    findOrder.error = nil
    screen = .findOrder
    message = nil
  }

  func itemCount(_ count: Int) -> String {
    count == 1 ? "1 item" : "\(count) items"
  }

  // MARK: - Cart

  mutating func cartKey(_ key: Key) -> [DeskEffect] {
    let lines = cart.lines
    switch key {
    case .up, .character("k"):
      cartSelection = max(0, cartSelection - 1)
    case .down, .character("j"):
      cartSelection = min(max(0, lines.count - 1), cartSelection + 1)
    case .character("+"), .character("="), .right:
      return changeQuantity(by: 1)
    case .character("-"), .character("−"), .left:
      return changeQuantity(by: -1)
    case .delete, .backspace, .character("x"):
      guard cartSelection < lines.count else { return [] }
      _ = cart.remove(lines[cartSelection].sku)
      cartSelection = min(cartSelection, max(0, cart.lines.count - 1))
      if cart.isEmpty {
        screen = .catalog
        quoteGeneration += 1
        quote = .none
        return say("The cart is empty again.", .info)
      }
      return requestQuote()
    case .enter, .tab:
      screen = .details
      message = nil
    case .escape:
      screen = .catalog
      message = nil
    case .character("f"), .function(3):
      openFindOrder()
    default:
      break
    }
    return []
  }

  private mutating func changeQuantity(by step: Int) -> [DeskEffect] {
    let lines = cart.lines
    guard cartSelection < lines.count else { return [] }
    let line = lines[cartSelection]
    let quantity = line.quantity + step
    guard Cart.quantityRange.contains(quantity) else {
      return say(
        quantity < 1
          ? "Press Delete to remove the line."
          : "At most \(Cart.quantityRange.upperBound) per line.",
        .info)
    }
    do {
      try cart.setQuantity(quantity, for: line.sku)
    } catch {
      return say(error.description, .warning)
    }
    return requestQuote()
  }
}

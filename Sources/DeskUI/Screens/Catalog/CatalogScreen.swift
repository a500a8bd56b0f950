import OrderCore

/// The catalog screen's own state: the selected row, the filter, the quantity to add.
public struct CatalogScreen: Sendable, Hashable {
  public internal(set) var selection = 0
  public internal(set) var filter = TextField(maximumLength: 60)
  public internal(set) var isFiltering = false
  /// The quantity Enter adds; typed with digits or changed with + and -.
  public internal(set) var quantity = 1
  /// Whether the next digit starts a new quantity rather than extending the one shown.
  var quantityIsFresh = true
  /// The F4 prompt of what fits the type-ahead, with its highlighted entry; `nil` when closed.
  public internal(set) var prompt: Int?

  /// The catalog's items in `currency`, narrowed by the filter.
  func visibleItems(in catalog: Catalog?, currency: Currency) -> [CatalogItem] {
    guard let catalog else { return [] }
    let items = catalog.items(in: currency)
    let query = filter.text.lowercased()
    guard !query.allSatisfy(\.isWhitespace) else { return items }
    let words = query.split(separator: " ")
    return items.filter { item in
      let haystack = "\(item.name) \(item.sku.value) \(item.kind.rawValue)".lowercased()
      return words.allSatisfy { haystack.contains($0) }
    }
  }

  func visibleItems(_ context: ScreenContext) -> [CatalogItem] {
    visibleItems(in: context.catalog, currency: context.currency)
  }

  /// A new catalog starts at its first item.
  mutating func catalogArrived() {
    selection = 0
  }
}

extension CatalogScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    if context.staffMember != nil { return updateTypeAhead(key, context) }
    let count = visibleItems(context).count
    let page = context.layout.catalogPage
    if isFiltering {
      switch key {
      case .enter, .tab:
        isFiltering = false
      case .escape:
        isFiltering = false
        filter = TextField(maximumLength: 60)
        selection = 0
      case .up, .down, .pageUp, .pageDown:
        moveSelection(key, count: count, page: page)
      default:
        if filter.apply(key) == .changed {
          selection = 0
          resetQuantity()
        }
      }
      return []
    }
    switch key {
    case .up, .down, .pageUp, .pageDown, .home, .end, .character("j"), .character("k"):
      moveSelection(key, count: count, page: page)
    case .character("/"):
      isFiltering = true
    case .escape:
      if !filter.isEmpty {
        filter = TextField(maximumLength: 60)
        selection = 0
      }
    case .character("+"), .character("="), .right:
      quantity = min(Cart.quantityRange.upperBound, quantity + 1)
      quantityIsFresh = false
    case .character("-"), .character("−"), .left:
      quantity = max(Cart.quantityRange.lowerBound, quantity - 1)
      quantityIsFresh = false
    case .character(let character) where character.isASCII && character.isNumber:
      return typeQuantity(character)
    case .backspace:
      quantity = max(1, quantity / 10)
      quantityIsFresh = quantity == 1
    case .enter:
      return addSelected(context)
    case .character("c"), .tab:
      guard !context.cart.isEmpty else {
        return [.say("The cart is empty: choose a product and press Enter to add it.", .warning)]
      }
      return [.go(.cart), .requestQuote]
    case .character("f"), .function(3):
      return [.openFindOrder]
    case .character("q"):
      return [.quitOrAskFirst]
    default:
      break
    }
    return []
  }

  func isEditingText(_ context: ScreenContext) -> Bool {
    isFiltering || context.staffMember != nil
  }

  /// Until the catalog is there, no key can choose from it.
  func awaitsAnswer(_ context: ScreenContext) -> Bool {
    if case .loading = context.catalogLoad { return true }
    return false
  }

  mutating func removeCardNumbers() -> Bool { filter.removeCardNumbers() }

  mutating func moveSelection(_ key: Key, count: Int, page: Int) {
    guard count > 0 else { return }
    let target: Int =
      switch key {
      case .up, .character("k"): selection - 1
      case .down, .character("j"): selection + 1
      case .pageUp: selection - page
      case .pageDown: selection + page
      case .home: 0
      default: count - 1
      }
    let clamped = min(max(0, target), count - 1)
    if clamped != selection { resetQuantity() }
    selection = clamped
  }

  mutating func resetQuantity() {
    quantity = 1
    quantityIsFresh = true
  }

  private mutating func typeQuantity(_ digit: Character) -> ScreenOutcome {
    guard let value = digit.wholeNumberValue else { return [] }
    let typed = quantityIsFresh ? value : quantity * 10 + value
    guard Cart.quantityRange.contains(typed) else {
      if typed > Cart.quantityRange.upperBound {
        return [
          .say("At most \(Cart.quantityRange.upperBound) of one product per order.", .warning)
        ]
      }
      return []
    }
    quantity = typed
    quantityIsFresh = false
    return []
  }

  mutating func addSelected(_ context: ScreenContext) -> ScreenOutcome {
    let items = visibleItems(context)
    guard !items.isEmpty else { return [] }
    let item = items[min(selection, items.count - 1)]
    let added = quantity
    var cart = context.cart
    do {
      try cart.add(item.sku, quantity: added)
    } catch {
      return [.say(error.description, .warning)]
    }
    resetQuantity()
    return [
      .changeCart(cart),
      .say(
        "Added \(added) × \(item.name). The cart has \(TextLayout.itemCount(cart.totalQuantity)).",
        .success),
    ]
  }
}

import DeskTheme
import OrderCore

extension FindOrderForm: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    switch key {
    case .escape:
      return [.go(returnScreen == .findOrder ? .catalog : returnScreen)]
    case .tab, .backTab, .up, .down:
      focus = focus == .number ? .email : .number
      return []
    case .pageUp, .pageDown:
      scroll = ScrollingText.scroll(
        scroll, by: key, limit: scrollLimit(context.layout),
        page: context.layout.contentRows - Self.formRows - 1)
      return []
    case .enter:
      if focus == .number && email.isEmpty {
        focus = .email
        return []
      }
      return lookUp()
    default:
      switch focus {
      case .number: _ = number.apply(key)
      case .email: _ = email.apply(key)
      }
      return []
    }
  }

  func isEditingText(_ context: ScreenContext) -> Bool { true }

  /// A search's answer decides what is shown, and so what the next keys scroll or search.
  func awaitsAnswer(_ context: ScreenContext) -> Bool { isSearching }

  mutating func removeCardNumbers() -> Bool {
    // Both fields are cleaned, not only the first with a number.
    let inNumber = number.removeCardNumbers()
    let inEmail = email.removeCardNumbers()
    return inNumber || inEmail
  }

  /// Measured with the built-in glyphs, like the receipt.
  mutating func layoutChanged(_ layout: DeskLayout) {
    guard let found else { return }
    let lines = OrderText.lines(found, glyphs: Glyphs(unicode: true), columns: layout.columns)
    lineCount = ScrollingText.wrapped(lines, columns: layout.columns).count
  }

  private mutating func lookUp() -> ScreenOutcome {
    // Keys wait while a search is on its way (`awaitsAnswer`); one more search is never sent.
    guard !isSearching else { return [] }
    guard let orderNumber = OrderNumber(number.text) else {
      focus = .number
      error = "An order number looks like OD-7K3F9Q2M: letters, digits and dashes."
      return []
    }
    guard !email.text.allSatisfy(\.isWhitespace) else {
      focus = .email
      error = "Type the email address the order was placed with."
      return []
    }
    isSearching = true
    searched = query
    error = nil
    result = nil
    scroll = 0
    return [.run(.lookUp(orderNumber, email: email.text))]
  }
}

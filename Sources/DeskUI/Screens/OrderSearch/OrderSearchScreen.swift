import OrderCore

/// Staff's order search: one text (number, email, name or last four) and an optional range
/// of days; the orders found as a table to pick one from.
///
/// The days are checked as each field is left, with the problem beside it, and again before
/// a search; a search's answer counts only if no newer search was asked for since.
public struct OrderSearchScreen: Sendable, Hashable {
  /// Where the keys go.
  public enum Focus: Int, CaseIterable, Sendable, Hashable { case text, from, to, results }

  public internal(set) var text = TextField(maximumLength: 200)
  public internal(set) var from = TextField(maximumLength: 10)
  public internal(set) var to = TextField(maximumLength: 10)
  public internal(set) var focus: Focus = .text
  /// What is wrong with the days, by field.
  public internal(set) var errors: [Focus: String] = [:]
  /// The orders found; `nil` before a search.
  public internal(set) var results: [StaffOrderView]?
  public internal(set) var selection = 0
  public internal(set) var isSearching = false
  /// Why the last search failed.
  public internal(set) var failure: String?
  /// The newest search; answers to older ones are dropped.
  var generation = 0
  /// Where Esc goes back to.
  var returnScreen: DeskState.Screen = .staffMenu

  /// The most orders a search returns.
  static let limit = 50

  /// Opens the search from `screen`, keeping what was typed and found.
  mutating func open(returningTo screen: DeskState.Screen) {
    returnScreen = screen
  }

  /// An empty search; answers still on their way are left behind.
  mutating func reset() {
    let next = generation + 1
    self = OrderSearchScreen()
    generation = next
  }

  /// The order highlighted in the results, if any.
  var selected: StaffOrderView? {
    guard let results, results.indices.contains(selection) else { return nil }
    return results[selection]
  }

  /// The answer to search `generation`.
  mutating func found(generation: Int, _ result: Result<[StaffOrderView], DeskFailure>) {
    guard generation == self.generation else { return }
    isSearching = false
    switch result {
    case .success(let orders):
      results = orders
      selection = 0
      failure = nil
      focus = orders.isEmpty ? .text : .results
    case .failure(let failure):
      self.failure = failure.message
    }
  }

  /// The field of `focus`, for the text fields.
  subscript(field: Focus) -> TextField {
    get {
      switch field {
      case .from: from
      case .to: to
      case .text, .results: text
      }
    }
    set {
      switch field {
      case .from: from = newValue
      case .to: to = newValue
      case .text, .results: text = newValue
      }
    }
  }

  /// The problems with the days: each on its own, then their order.
  func dayProblems() -> [Focus: String] {
    var found: [Focus: String] = [:]
    if let problem = CalendarDay.problem(from.text) { found[.from] = "From: " + problem }
    if let problem = CalendarDay.problem(to.text) { found[.to] = "To: " + problem }
    let first = from.text.trimmed
    let last = to.text.trimmed
    if found.isEmpty, !first.isEmpty, !last.isEmpty, first > last {
      found[.to] = "To is before From: the range has no days."
    }
    return found
  }
}

extension OrderSearchScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    if focus == .results { return updateResults(key, context) }
    switch key {
    case .escape:
      return [.go(returnScreen)]
    case .tab, .down:
      leave(forward: true)
    case .backTab, .up:
      leave(forward: false)
    case .enter:
      return search()
    default:
      var field = self[focus]
      let edit = field.apply(key)
      self[focus] = field
      if edit == .changed, errors[focus] != nil, dayProblems()[focus] == nil {
        errors[focus] = nil
      }
    }
    return []
  }

  private mutating func updateResults(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    let count = results?.count ?? 0
    let page = max(1, context.layout.contentRows - 8)
    switch key {
    case .up, .character("k"): selection = max(0, selection - 1)
    case .down, .character("j"): selection = min(max(0, count - 1), selection + 1)
    case .pageUp: selection = max(0, selection - page)
    case .pageDown: selection = min(max(0, count - 1), selection + page)
    case .home: selection = 0
    case .end: selection = max(0, count - 1)
    case .enter:
      if let selected { return [.openOrderPage(selected.order.number)] }
    case .escape, .tab:
      focus = .text
    case .backTab:
      focus = .to
    default:
      focus = .text
      return update(key, context)
    }
    return []
  }

  /// Moves to the next or previous field, checking a day as it is left.
  private mutating func leave(forward: Bool) {
    if focus == .from || focus == .to {
      errors[focus] = dayProblems()[focus]
    }
    let order: [Focus] = (results?.isEmpty ?? true) ? [.text, .from, .to] : Focus.allCases
    let index = order.firstIndex(of: focus) ?? 0
    focus = order[(index + (forward ? 1 : order.count - 1)) % order.count]
  }

  private mutating func search() -> ScreenOutcome {
    errors = dayProblems()
    if let first = [Focus.from, .to].first(where: { errors[$0] != nil }) {
      focus = first
      return []
    }
    if CustomerFinderScreen.mayBeCardNumber(text) {
      focus = .text
      errors[.text] = "Part of a card number is not searched for: search by the last four."
      return []
    }
    errors[.text] = nil
    generation += 1
    isSearching = true
    failure = nil
    let search = OrderSearch(
      text: text.text.trimmed, from: from.text.trimmed.isEmpty ? nil : from.text.trimmed,
      to: to.text.trimmed.isEmpty ? nil : to.text.trimmed, limit: Self.limit)
    return [.run(.searchOrders(search, generation: generation))]
  }

  func isEditingText(_ context: ScreenContext) -> Bool { focus != .results }

  mutating func removeCardNumbers() -> Bool {
    let inText = text.removeCardNumbers()
    let inFrom = from.removeCardNumbers()
    let inTo = to.removeCardNumbers()
    return inText || inFrom || inTo
  }
}

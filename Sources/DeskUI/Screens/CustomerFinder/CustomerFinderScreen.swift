import OrderCore

/// Who is calling, or wrote: customers found by email, name or phone as the words are typed,
/// so that a returning customer's details are used, or their last order repeated, in one key.
///
/// Every keystroke that changes the text is a new search with a generation of its own; an
/// answer for an older one is dropped. Text the screen would hide as a possible card number
/// is never sent.
public struct CustomerFinderScreen: Sendable, Hashable {
  /// Where the keys go: the search text, or the list of matches.
  public enum Focus: Sendable, Hashable { case search, matches }

  public internal(set) var query = TextField(maximumLength: 100)
  public internal(set) var matches: [CustomerMatch] = []
  public internal(set) var selection = 0
  public internal(set) var focus: Focus = .search
  public internal(set) var isSearching = false
  /// Why the last search failed.
  public internal(set) var error: String?
  /// The text the matches shown were found for; `nil` before a search.
  public internal(set) var searched: String?
  /// The newest search; answers to older ones are dropped.
  var generation = 0

  /// The fewest characters searched for: one letter finds half the customers.
  static let shortestSearch = 2

  /// An empty finder for the next order; searches still on their way are left behind.
  mutating func reset() {
    let next = generation + 1
    self = CustomerFinderScreen()
    generation = next
  }

  /// The match highlighted, if any.
  var selected: CustomerMatch? {
    matches.indices.contains(selection) ? matches[selection] : nil
  }

  /// The answer to search `generation`: the matches, or why there are none.
  mutating func found(generation: Int, _ result: Result<[CustomerMatch], DeskFailure>) {
    guard generation == self.generation else { return }
    isSearching = false
    switch result {
    case .success(let found):
      matches = found
      selection = 0
      error = nil
    case .failure(let failure):
      matches = []
      error = failure.message
    }
  }
}

extension CustomerFinderScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    if key == .function(6) { return [.newCustomer] }
    switch focus {
    case .search: return updateSearch(key)
    case .matches: return updateMatches(key, context)
    }
  }

  private mutating func updateSearch(_ key: Key) -> ScreenOutcome {
    switch key {
    case .escape:
      return [.openStaffMenu]
    case .down, .tab, .enter:
      if !matches.isEmpty { focus = .matches }
      return []
    default:
      return query.apply(key) == .changed ? search() : []
    }
  }

  private mutating func updateMatches(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    switch key {
    case .escape, .tab, .backTab:
      focus = .search
    case .up:
      if selection == 0 { focus = .search } else { selection -= 1 }
    case .down:
      selection = min(matches.count - 1, selection + 1)
    case .pageUp, .home:
      selection = 0
    case .pageDown, .end:
      selection = max(0, matches.count - 1)
    case .enter:
      if let selected { return [.useCustomer(selected.customer)] }
    case .character("r"):
      if let selected { return [.repeatOrder(selected)] }
    case .character("n"):
      return [.newCustomer]
    default:
      // Anything else is typed into the search, as if it had never left it.
      focus = .search
      return updateSearch(key)
    }
    return []
  }

  /// Asks for the customers matching the text as it is now; every change is a new search.
  private mutating func search() -> ScreenOutcome {
    generation += 1
    let text = query.text.trimmed
    guard text.count >= Self.shortestSearch, !Self.mayBeCardNumber(query) else {
      matches = []
      searched = nil
      isSearching = false
      error = nil
      return []
    }
    isSearching = true
    searched = text
    return [.run(.findCustomers(text, generation: generation))]
  }

  /// Whether the text may be a card number, and so is sent nowhere.
  ///
  /// That is a whole one, or digits the screen hides as possibly part of one; an
  /// international phone number, a `+` and at most 15 digits, is not, as the core's scanner
  /// reads it.
  static func mayBeCardNumber(_ field: TextField) -> Bool {
    let text = field.text
    if CardNumberScanner.containsCardNumber(text) { return true }
    let digits = text.unicodeScalars.filter { CardNumberScanner.digitValue($0) != nil }.count
    let isPhoneNumber =
      text.trimmed.hasPrefix("+") && digits <= CardNumberScanner.longestPhoneNumber
      && !text.unicodeScalars.contains { $0.properties.isAlphabetic }
    return !isPhoneNumber
      && CardDigitMask.hidden(field.characters, cursor: field.cursor).contains(true)
  }

  func isEditingText(_ context: ScreenContext) -> Bool { focus == .search }

  mutating func removeCardNumbers() -> Bool {
    guard query.removeCardNumbers() else { return false }
    generation += 1
    matches = []
    searched = nil
    isSearching = false
    return true
  }
}

import OrderCore

/// "Find my order": number and email, and the order found.
public struct FindOrderForm: Sendable, Hashable {
  public enum Field: Int, CaseIterable, Sendable { case number, email }
  public internal(set) var number = TextField(maximumLength: 40)
  public internal(set) var email = TextField(maximumLength: 254)
  public internal(set) var focus: Field = .number
  public internal(set) var isSearching = false
  /// `nil` before a search; `.some(nil)` when nothing matched.
  public internal(set) var result: OrderRecord??
  public internal(set) var error: String?
  /// How many lines of the found order are scrolled out of view at the top.
  public internal(set) var scroll = 0
  /// How many rows the found order wraps to at the layout's width.
  var lineCount = 0
  /// Where the screen was opened from, to go back there.
  var returnScreen: DeskState.Screen = .catalog

  /// A search: the two fields' text.
  struct Query: Hashable, Sendable {
    let number: String
    let email: String
  }

  /// The fields as they are now.
  var query: Query { Query(number: number.text, email: email.text) }
  /// The last search asked for.
  var searched: Query?

  var isEmpty: Bool { number.isEmpty && email.isEmpty }

  /// Whether the fields hold something typed that has not been searched for as it is.
  var hasUnsearchedInput: Bool { !isEmpty && searched != query }

  /// The rows of the search form above a found order: a heading, a blank row, the two
  /// fields and a blank row.
  static let formRows = 5

  /// Opens the screen from `screen`, keeping what was typed but not what was found.
  mutating func open(returningTo screen: DeskState.Screen) {
    returnScreen = screen
    result = nil
    error = nil
  }

  /// The service's answer to the search.
  mutating func lookedUp(_ answer: Result<OrderRecord?, DeskFailure>, _ layout: DeskLayout) {
    isSearching = false
    switch answer {
    case .success(let record):
      result = .some(record)
      error = nil
      scroll = 0
      layoutChanged(layout)
    case .failure(let failure):
      error = failure.message
    }
  }

  /// The order found, if any.
  var found: OrderRecord? {
    if case .some(.some(let order)) = result { return order }
    return nil
  }

  /// How far a found order scrolls below the search form.
  func scrollLimit(_ layout: DeskLayout) -> Int {
    guard found != nil else { return 0 }
    return ScrollingText.limit(lineCount: lineCount, rows: layout.contentRows - Self.formRows)
  }
}

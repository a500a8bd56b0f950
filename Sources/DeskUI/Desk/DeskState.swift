import OrderCore

/// Everything the desk shows and remembers; changed only by ``DeskState/update(_:)``.
public struct DeskState: Sendable {
  /// The steps of an order, and the screens beside them.
  public enum Screen: Sendable, Hashable {
    case catalog
    case cart
    case details
    case payment
    case review
    case submitting
    case receipt
    case findOrder
  }

  /// A window over the screen.
  public enum Overlay: Sendable, Hashable {
    case help
    case channelDetails
    case confirmQuit
  }

  /// The catalog as far as it has arrived.
  public enum CatalogLoad: Sendable {
    case loading
    case loaded(Catalog)
    case failed(String)
  }

  /// The service's totals for the cart.
  public enum QuoteState: Sendable {
    case none
    case loading
    case ready(Quote)
    case failed(String)
  }

  /// A line of text in the status line, and how it should look.
  public struct Message: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, success, warning, error }
    public var text: String
    public var kind: Kind
  }

  public internal(set) var screen: Screen = .catalog
  public internal(set) var overlay: Overlay?
  public internal(set) var rows: Int
  public internal(set) var columns: Int
  public internal(set) var security: ChannelSecurity = .unknown(reason: "not connected yet")
  public internal(set) var catalogLoad: CatalogLoad = .loading
  public let currency: Currency
  public internal(set) var cart = Cart()
  public internal(set) var catalogView = CatalogView()
  /// How many rows the catalog's longest description wraps to at this width.
  var descriptionRowsNeeded = 1
  public internal(set) var cartSelection = 0
  public internal(set) var quote: QuoteState = .none
  var quoteGeneration = 0
  public internal(set) var details = DetailsForm()
  public internal(set) var payment = PaymentForm()
  /// Whether the order being submitted has been written to the connection, so that the
  /// screen says the desk is waiting for the authorization rather than still sending.
  public internal(set) var submissionSent = false
  public internal(set) var receipt: OrderRecord?
  public internal(set) var receiptScroll = 0
  public internal(set) var findOrder = FindOrderForm()
  public internal(set) var message: Message?
  var messageGeneration = 0
  public internal(set) var helpScroll = 0
  /// The month card expiries are checked against.
  public let currentMonth: YearMonth
  /// Where orders typed here come from.
  public let source: OrderSource
  /// The country taxes are estimated for until the customer's country is known.
  public let defaultCountry: String
  /// Makes every attempt's idempotency key unique: the seed is random, the attempt counts.
  let idempotencySeed: IdempotencyKey
  var attempt = 0
  /// Set once the desk should end.
  public internal(set) var hasQuit = false

  public init(
    rows: Int, columns: Int, currency: Currency, currentMonth: YearMonth,
    idempotencySeed: IdempotencyKey, source: OrderSource = .terminal, defaultCountry: String = "DE"
  ) {
    self.rows = rows
    self.columns = columns
    self.currency = currency
    self.currentMonth = currentMonth
    self.idempotencySeed = idempotencySeed
    self.source = source
    self.defaultCountry = defaultCountry
  }

  /// The effects to run when the desk starts: learn the channel's state, fetch the catalog.
  public static let startEffects: [DeskEffect] = [.probeChannel, .loadCatalog]

  /// The catalog, once loaded.
  public var catalog: Catalog? {
    if case .loaded(let catalog) = catalogLoad { return catalog }
    return nil
  }

  /// The key the current order is submitted (and its card sealed) with.
  public var idempotencyKey: IdempotencyKey {
    // A seed of at most 200 characters always leaves room for the suffix.
    IdempotencyKey("\(idempotencySeed.rawValue.prefix(200))-\(attempt)") ?? idempotencySeed
  }

  /// Whether the cart holds an item that is shipped, so a shipping address is needed.
  public var needsShippingAddress: Bool {
    guard let catalog else { return false }
    return cart.lines.contains { catalog.item(for: $0.sku)?.kind == .boxed }
  }

  /// The subtotal from the catalog's prices, for the running total before the service quotes.
  public var cartSubtotal: Money? {
    guard let catalog else { return nil }
    var total = Money(minorUnits: 0, currency: currency)
    for line in cart.lines {
      guard let price = catalog.item(for: line.sku)?.price(in: currency),
        let lineTotal = try? price.multiplied(by: line.quantity),
        let sum = try? total.adding(lineTotal)
      else { return nil }
      total = sum
    }
    return total
  }

  /// Whether anything has been typed or chosen that quitting would throw away.
  public var hasUnsavedWork: Bool {
    if screen == .submitting { return true }
    // Once there is a receipt, the cart and the forms are a placed order, not work to lose.
    let orderInProgress =
      receipt == nil && (!cart.isEmpty || details.hasInput || payment.hasInput)
    return orderInProgress || findOrder.hasUnsearchedInput
  }

  /// The country taxes are computed for: the customer's, else the desk's default.
  var taxCountry: String {
    details.countryCode ?? defaultCountry
  }
}

/// The catalog screen's own state: the selected row, the filter, the quantity to add.
public struct CatalogView: Sendable, Hashable {
  public internal(set) var selection = 0
  public internal(set) var filter = TextField(maximumLength: 60)
  public internal(set) var isFiltering = false
  /// The quantity Enter adds; typed with digits or changed with + and -.
  public internal(set) var quantity = 1
  /// Whether the next digit starts a new quantity rather than extending the one shown.
  var quantityIsFresh = true
}

/// "Find my order": number and email.
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
}

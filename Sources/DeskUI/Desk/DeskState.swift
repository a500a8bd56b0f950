import OrderCore

/// Everything the desk shows and remembers; changed only by ``DeskState/update(_:)``.
///
/// Each screen keeps its own model (``CatalogScreen``, ``DetailsForm``, ``PaymentForm`` and
/// the others); the desk routes keys to the one shown, keeps the windows over it, the status
/// line and the channel, and holds what the screens share: the cart, the catalog, the totals
/// and the order's idempotency key.
public struct DeskState: Sendable {
  /// The steps of an order, and the screens beside them.
  public enum Screen: Sendable, Hashable, CaseIterable {
    case catalog
    case cart
    case details
    case payment
    case review
    case submitting
    case receipt
    case findOrder
    /// A member of staff signs in (the staff desk's first screen).
    case signIn
    /// The staff desk's numbered options.
    case staffMenu
    /// Who is calling (or wrote): a customer found by email, name or phone.
    case customerFinder
    /// Staff find orders by number, email, name, last four and dates.
    case orderSearch
    /// One order with its payment, fulfilment and timeline.
    case orderPage
    /// A supervisor refunds the order on the page.
    case refund
  }

  /// Who the desk is for: customers at a terminal, or support staff, who sign in first.
  public enum Mode: Sendable, Hashable {
    case customer
    case staff
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

  public internal(set) var screen: Screen = .catalog {
    // A screen that comes up has not been seen yet, even if it was shown before.
    didSet { if screen != oldValue { screenHasBeenDrawn = false } }
  }
  /// Whether the screen shown, complete and with nothing over it, has been drawn on the
  /// terminal since it came up: the keys that place an order or leave its receipt count only
  /// then.
  public internal(set) var screenHasBeenDrawn = false
  /// Keys read while the screen waits for an answer, to be applied in order once it can.
  public internal(set) var typeAhead: TypeAhead
  public internal(set) var overlay: Overlay?
  /// The sizes the desk is drawn at, made anew when they change.
  public internal(set) var layout: DeskLayout
  public internal(set) var security: ChannelSecurity = .unknown(reason: "not connected yet")
  /// When the channel is probed again while the service does not answer.
  public internal(set) var reconnection: Reconnection
  public internal(set) var catalogLoad: CatalogLoad = .loading
  public let currency: Currency
  public internal(set) var cart = Cart()
  public internal(set) var quote: QuoteState = .none
  var quoteGeneration = 0

  // Each screen's own model.
  public internal(set) var catalogView = CatalogScreen()
  public internal(set) var cartView = CartScreen()
  public internal(set) var details = DetailsForm()
  public internal(set) var payment = PaymentForm()
  var review = ReviewScreen()
  public internal(set) var submitting = SubmittingScreen()
  public internal(set) var receiptView = ReceiptScreen()
  public internal(set) var findOrder = FindOrderForm()

  public internal(set) var message: Message? {
    didSet { layout.show(message: message?.text) }
  }
  var messageGeneration = 0
  public internal(set) var helpScroll = 0
  /// The month card expiries are checked against.
  public let currentMonth: YearMonth
  /// Where orders typed here come from; staff choose phone, fax or mail for each order.
  public internal(set) var source: OrderSource
  /// Where orders come from when no member of staff has chosen.
  public let initialSource: OrderSource
  /// Who the desk is for; a staff desk starts on the sign-in screen.
  public let mode: Mode

  // The staff desk.
  /// The member of staff signed in, if any; kept while the desk is locked.
  public internal(set) var staffMember: StaffMember?
  /// The lock screen while the desk is locked; `nil` while it is not.
  public internal(set) var lockScreen: LockScreen?
  public internal(set) var signIn = SignInScreen()
  public internal(set) var staffMenu = StaffMenuScreen()
  public internal(set) var customerFinder = CustomerFinderScreen()
  public internal(set) var orderSearch = OrderSearchScreen()
  public internal(set) var orderPage = OrderPageScreen()
  public internal(set) var refundForm = RefundForm()
  /// Where a member whose session ended was, to go back there once they sign in again.
  var resumeAfterSignIn: (name: String, screen: Screen)?
  /// The country taxes are estimated for until the customer's country is known.
  public let defaultCountry: String
  /// Makes every attempt's idempotency key unique: the seed is random, the attempt counts.
  let idempotencySeed: IdempotencyKey
  var attempt = 0
  /// Set once the desk should end.
  public internal(set) var hasQuit = false

  public init(
    rows: Int, columns: Int, currency: Currency, currentMonth: YearMonth,
    idempotencySeed: IdempotencyKey, source: OrderSource = .terminal, defaultCountry: String = "DE",
    reconnectPolicy: ReconnectPolicy = .standard, jitterSeed: UInt64 = 0,
    typeAheadLimit: Int = TypeAhead.standardLimit, mode: Mode = .customer
  ) {
    typeAhead = TypeAhead(limit: typeAheadLimit)
    reconnection = Reconnection(policy: reconnectPolicy, seed: jitterSeed)
    layout = DeskLayout(rows: rows, columns: columns)
    self.currency = currency
    self.currentMonth = currentMonth
    self.idempotencySeed = idempotencySeed
    self.source = source
    initialSource = source
    self.defaultCountry = defaultCountry
    self.mode = mode
    if mode == .staff { screen = .signIn }
  }

  /// The effects to run when the desk starts: learn the channel's state, fetch the catalog.
  public mutating func start() -> [DeskEffect] {
    countingProbes([.probeChannel, .loadCatalog])
  }

  public var rows: Int { layout.rows }
  public var columns: Int { layout.columns }

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
    return cart.needsShipping(in: catalog)
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

  /// The placed order the receipt shows.
  public var receipt: OrderRecord? { receiptView.order }

  /// Whether the order being submitted has been written to the connection.
  public var submissionSent: Bool { submitting.isSent }

  /// The catalog's items in the desk's currency, narrowed by the filter.
  public var visibleItems: [CatalogItem] {
    catalogView.visibleItems(in: catalog, currency: currency)
  }

  /// The details fields shown for this cart.
  public var detailsFields: [DetailsForm.Field] {
    DetailsForm.visibleFields(shipping: needsShippingAddress, note: takesNote)
  }

  /// What the screens may read of the desk as it is now.
  var context: ScreenContext {
    ScreenContext(
      layout: layout, screen: screen, hasBeenDrawn: screenHasBeenDrawn, security: security,
      catalogLoad: catalogLoad,
      currency: currency, currentMonth: currentMonth, cart: cart, subtotal: cartSubtotal,
      quote: quote, needsShipping: needsShippingAddress, idempotencyKey: idempotencyKey,
      customer: details.customer(), customerCountry: details.countryCode,
      sealedCard: payment.sealed, staffMember: staffMember, orderSource: source,
      orderNote: orderNote, idempotencySeed: idempotencySeed, orderInProgress: orderInProgress)
  }

  /// The model of `screen`.
  func model(of screen: Screen) -> any DeskScreen {
    switch screen {
    case .catalog: catalogView
    case .cart: cartView
    case .details: details
    case .payment: payment
    case .review: review
    case .submitting: submitting
    case .receipt: receiptView
    case .findOrder: findOrder
    case .signIn: signIn
    case .staffMenu: staffMenu
    case .customerFinder: customerFinder
    case .orderSearch: orderSearch
    case .orderPage: orderPage
    case .refund: refundForm
    }
  }

  /// Lets `body` change the model of `screen`.
  mutating func withModel<Result>(
    of screen: Screen, _ body: (inout any DeskScreen) -> Result
  ) -> Result {
    switch screen {
    case .catalog: Self.change(&catalogView, body)
    case .cart: Self.change(&cartView, body)
    case .details: Self.change(&details, body)
    case .payment: Self.change(&payment, body)
    case .review: Self.change(&review, body)
    case .submitting: Self.change(&submitting, body)
    case .receipt: Self.change(&receiptView, body)
    case .findOrder: Self.change(&findOrder, body)
    case .signIn: Self.change(&signIn, body)
    case .staffMenu: Self.change(&staffMenu, body)
    case .customerFinder: Self.change(&customerFinder, body)
    case .orderSearch: Self.change(&orderSearch, body)
    case .orderPage: Self.change(&orderPage, body)
    case .refund: Self.change(&refundForm, body)
    }
  }

  private static func change<Model: DeskScreen, Result>(
    _ model: inout Model, _ body: (inout any DeskScreen) -> Result
  ) -> Result {
    var changed: any DeskScreen = model
    let result = body(&changed)
    // `body` changes the model, never its type.
    if let changed = changed as? Model { model = changed }
    return result
  }
}

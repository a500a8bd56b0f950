import OrderCore

/// What a screen asks of the desk after a key, in the order it is to be done.
///
/// Staying where it is and changing only its own model is the empty outcome, `[]`.
struct ScreenOutcome: Sendable, ExpressibleByArrayLiteral {
  /// One thing for the desk to do.
  enum Request: Sendable {
    /// Show another screen; the status line is cleared.
    case go(DeskState.Screen)
    /// Say something in the status line.
    case say(String, DeskState.Message.Kind)
    /// Run an effect.
    case run(DeskEffect)
    /// The cart as the screen changed it; totals quoted for the old one are dropped.
    case changeCart(Cart)
    /// Ask the service for the totals of the cart as it is now.
    case requestQuote
    /// Drop the totals, and ignore an answer still on its way.
    case forgetQuote
    /// Open "Find my order", to come back here with Esc.
    case openFindOrder
    /// Put the customer's name in an empty "Name on card".
    case fillNameOnCard
    /// Send the order as it stands.
    case submitOrder
    /// Empty everything of the last order, for the next customer.
    case startNewOrder
    /// End the desk now.
    case quit
    /// End the desk, asking first when something typed would be lost.
    case quitOrAskFirst
    /// Start a new order typed in by staff from a call, a fax or a letter: the customer first.
    case startStaffOrder(OrderSource)
    /// Open staff's order search, to come back here with Esc.
    case openOrderSearch
    /// Load and show an order's page.
    case openOrderPage(OrderNumber)
    /// Open the refund form for the order on the page (a supervisor's).
    case openRefund
    /// Show the staff menu.
    case openStaffMenu
    /// Sign the member of staff out, leaving nothing of their work behind.
    case signOut
    /// Use a returning customer's details for the order, then choose products.
    case useCustomer(Customer)
    /// Put the customer's last order in the cart, with their details.
    case repeatOrder(CustomerMatch)
    /// Take a new customer's details for the order, then choose products.
    case newCustomer
  }

  var requests: [Request]

  init(arrayLiteral requests: Request...) {
    self.requests = requests
  }

  static func + (first: ScreenOutcome, second: ScreenOutcome) -> ScreenOutcome {
    var joined = first
    joined.requests += second.requests
    return joined
  }

  static func += (first: inout ScreenOutcome, second: ScreenOutcome) {
    first.requests += second.requests
  }
}

import OrderCore

/// What a screen may read of the rest of the desk, made afresh for each key and each drawing.
///
/// It holds what several screens share (the cart, its totals, the channel) and what the
/// steps before hand on to the ones after (the customer, the sealed card); a screen never
/// reads another screen's model.
struct ScreenContext: Sendable {
  /// The sizes the desk is drawn at.
  let layout: DeskLayout
  /// The screen shown.
  let screen: DeskState.Screen
  /// Whether the screen shown, complete and with nothing over it, has been drawn on the
  /// terminal since it came up, so that a key read now was pressed by someone who saw it.
  let hasBeenDrawn: Bool
  let security: ChannelSecurity
  let catalogLoad: DeskState.CatalogLoad
  let currency: Currency
  /// The month card expiries are checked against.
  let currentMonth: YearMonth
  let cart: Cart
  /// The cart's subtotal from the catalog's prices, before the service quotes.
  let subtotal: Money?
  let quote: DeskState.QuoteState
  /// Whether the cart ships, so a shipping address is asked for and shown.
  let needsShipping: Bool
  /// The key the current order is submitted (and its card sealed) with.
  let idempotencyKey: IdempotencyKey
  /// The customer as typed on the details step.
  let customer: Customer
  /// The customer's country as chosen from the list, as its ISO code.
  let customerCountry: String?
  /// The card sealed on the payment step.
  let sealedCard: PaymentForm.SealedSummary?
  /// The member of staff signed in, if any: the catalog then filters as keys are typed, and
  /// F3 finds orders rather than the customer's own.
  let staffMember: StaffMember?
  /// Where the order in progress comes from.
  let orderSource: OrderSource
  /// Staff's note on the order, as it will be sent; empty when none.
  let orderNote: String
  /// The desk's random seed, which staff's refund keys are made from.
  let idempotencySeed: IdempotencyKey
  /// Whether an order has been started and not placed: something in the cart or typed.
  let orderInProgress: Bool

  /// Whether the order is typed in by staff from a call, a fax or a letter, and takes a note.
  var takesNote: Bool { staffMember != nil && orderSource != .terminal }

  /// The catalog, once loaded.
  var catalog: Catalog? {
    if case .loaded(let catalog) = catalogLoad { return catalog }
    return nil
  }
}

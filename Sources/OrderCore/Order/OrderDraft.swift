/// An order being put together at the desk: what is bought, by whom, paid how, and how it
/// reached us.
///
/// The card fields hold `SecretBytes`, which are shared by reference: copying a draft does not
/// copy the card number, and wiping the card wipes it for every copy.
public struct OrderDraft: Sendable {
  public var cart: Cart
  public var currency: Currency
  public var customer: Customer
  public var card: CardEntry
  public var source: OrderSource
  /// Made once per draft, so that every retry of its submit is the same submit.
  public var idempotencyKey: IdempotencyKey

  public init(
    cart: Cart = Cart(), currency: Currency, customer: Customer, card: CardEntry,
    source: OrderSource, idempotencyKey: IdempotencyKey
  ) {
    self.cart = cart
    self.currency = currency
    self.customer = customer
    self.card = card
    self.source = source
    self.idempotencyKey = idempotencyKey
  }

  /// Whether any line of the cart ships, which needs a shipping address.
  public func requiresShippingAddress(in catalog: Catalog) -> Bool {
    cart.needsShipping(in: catalog)
  }

  /// Every problem with the draft at once, each tied to the field it belongs to.
  ///
  /// - Parameters:
  ///   - catalog: the catalog the cart's SKUs and prices come from.
  ///   - currentMonth: today's month, for the card's expiry; injected so checks are repeatable.
  public func validate(catalog: Catalog, currentMonth: YearMonth) -> [FieldError] {
    var errors = cartErrors(catalog: catalog)
    errors += customer.validate(requiresShippingAddress: requiresShippingAddress(in: catalog))
    errors += card.validate(currentMonth: currentMonth)
    return errors
  }

  private func cartErrors(catalog: Catalog) -> [FieldError] {
    if cart.isEmpty {
      return [FieldError(.cart, "The cart is empty: add at least one product.")]
    }
    var errors: [FieldError] = []
    for line in cart.lines {
      guard let item = catalog.item(for: line.sku) else {
        errors.append(FieldError(.cart, "\(line.sku) is no longer in the catalog; remove it."))
        continue
      }
      if item.prices[currency] == nil {
        errors.append(
          FieldError(
            .currency,
            "\(TerminalText.neutralised(item.name)) cannot be bought in \(currency.code)."))
      }
    }
    return errors
  }
}

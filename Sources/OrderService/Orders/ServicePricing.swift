import OrderAPI
import OrderCore

/// Prices carts from the service's own catalog and tax rates, with errors a client can act on.
///
/// Quotes and submits both price through here, so a quote and the order it leads to can
/// never be computed differently.
struct ServicePricing: Sendable {
  let catalog: Catalog
  let rates: TaxRates

  /// The lines as a cart: quantities in range, every SKU in the catalog.
  func cart(from lines: [CartLine]) throws(ServiceError) -> Cart {
    let cart: Cart
    do {
      cart = try Cart(lines: lines)
    } catch {
      throw .validation([error.fieldError])
    }
    if let unknown = cart.lines.first(where: { catalog.item(for: $0.sku) == nil }) {
      throw ServiceError(
        .badRequest,
        APIError(
          code: .unknownSKU, message: "There is no product \(unknown.sku) in the catalog.",
          field: .cart))
    }
    return cart
  }

  /// Whether anything in the cart ships, so the customer needs a postal address.
  func requiresShipping(_ cart: Cart) -> Bool {
    cart.needsShipping(in: catalog)
  }

  func quote(_ cart: Cart, currency: Currency, country: String) throws(ServiceError) -> Quote {
    do {
      return try Pricing.quote(
        cart: cart, catalog: catalog, currency: currency, country: country, rates: rates)
    } catch {
      throw .validation([error.fieldError])
    }
  }
}

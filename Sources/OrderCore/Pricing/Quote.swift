/// What an order costs: the priced lines, tax, shipping and total, all in one currency.
///
/// A quote is computed, never entered: ``Pricing/quote(cart:catalog:currency:country:rates:)``
/// makes one from a cart and a catalog, and the order service makes its own rather than
/// trust one it is sent. It always satisfies `total == subtotal + tax + shipping`.
public struct Quote: Sendable, Hashable, Codable {
  /// The currency of every amount.
  public let currency: Currency
  /// The ISO 3166-1 alpha-2 country whose VAT applies, in upper case.
  public let country: String
  /// The cart's lines with prices, in cart order.
  public let lines: [QuoteLine]
  /// The sum of the line totals, net of VAT.
  public let subtotal: Money
  /// The standard VAT rate applied to the lines and to shipping.
  public let taxRate: TaxRate
  /// The VAT on the lines and on shipping, rounded once for the whole quote.
  public let tax: Money
  /// The net shipping cost for boxed items; zero when nothing ships.
  public let shipping: Money
  /// What the customer pays: subtotal, tax and shipping.
  public let total: Money
  /// Whether anything in the order ships, so a postal address is needed.
  public let requiresShipping: Bool
}

/// One priced line of a quote.
public struct QuoteLine: Sendable, Hashable, Codable {
  /// The item.
  public let sku: SKU
  /// The item's name from the catalog.
  public let name: String
  /// How many.
  public let quantity: Int
  /// The net price of one.
  public let unitPrice: Money
  /// The net price of all of them: unit price times quantity.
  public let lineTotal: Money
  /// Whether the item ships.
  public let requiresShipping: Bool
}

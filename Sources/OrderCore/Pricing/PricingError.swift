/// Why a cart could not be priced.
public enum PricingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The cart has no lines.
  case emptyCart
  /// The cart holds an item the catalog does not have.
  case unknownSKU(SKU)
  /// The item has no price in the currency asked for.
  case notPriced(SKU, Currency)
  /// A boxed item is priced in a currency the catalog has no shipping rate for.
  case noShippingRate(Currency)
  /// The country is not a two-letter ISO 3166-1 code.
  case invalidCountry
  /// An amount would not fit in 64 bits of minor units.
  case overflow

  /// The order field the message belongs next to.
  public var field: OrderField {
    switch self {
    case .emptyCart, .unknownSKU, .overflow: .cart
    case .notPriced, .noShippingRate: .currency
    case .invalidCountry: .country
    }
  }

  /// The error as a message for the field it belongs to.
  public var fieldError: FieldError { FieldError(field, description) }

  public var description: String {
    switch self {
    case .emptyCart:
      "The cart is empty; add an item before asking for a price."
    case .unknownSKU(let sku):
      "\(sku) is not in the catalog."
    case .notPriced(let sku, let currency):
      "\(sku) is not sold in \(currency.code); choose another currency or remove it."
    case .noShippingRate(let currency):
      "The catalog has no shipping rate in \(currency.code) for boxed items."
    case .invalidCountry:
      "The country must be a two-letter code such as DE or US."
    case .overflow:
      "The order total is too large to compute."
    }
  }
}

/// Why a change to a cart was refused; the cart is unchanged.
public enum CartError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A quantity outside ``Cart/quantityRange`` was given.
  case quantityOutOfRange(Int)
  /// Adding would take one line past the largest quantity.
  case lineLimitExceeded(SKU, inCart: Int, adding: Int)
  /// A new line would take the cart past ``Cart/maximumLineCount``.
  case tooManyLines
  /// The item whose quantity was to be set is not in the cart.
  case notInCart(SKU)

  /// The order field the message belongs next to.
  public var field: OrderField {
    switch self {
    case .quantityOutOfRange, .lineLimitExceeded: .cartQuantity
    case .tooManyLines, .notInCart: .cart
    }
  }

  /// The error as a message for the field it belongs to.
  public var fieldError: FieldError { FieldError(field, description) }

  public var description: String {
    let range = Cart.quantityRange
    switch self {
    case .quantityOutOfRange(let quantity):
      return "The quantity must be between \(range.lowerBound) and \(range.upperBound); "
        + "\(quantity) is not."
    case .lineLimitExceeded(let sku, let inCart, let adding):
      return "The cart already holds \(inCart) of \(sku); adding \(adding) would go over "
        + "the limit of \(range.upperBound) per item."
    case .tooManyLines:
      return "The cart can hold at most \(Cart.maximumLineCount) different items."
    case .notInCart(let sku):
      return "\(sku) is not in the cart."
    }
  }
}

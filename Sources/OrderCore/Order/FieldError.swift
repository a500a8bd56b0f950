/// A field of an order that validation can complain about.
///
/// The raw value is a stable dotted path that the order service also uses in its JSON
/// errors, so the desk can put a service's message next to the right field.
public enum OrderField: String, CaseIterable, Sendable, Hashable, Codable {
  case cart = "cart"
  case cartQuantity = "cart.quantity"
  case customerName = "customer.name"
  case customerEmail = "customer.email"
  case customerPhone = "customer.phone"
  case country = "customer.address.country"
  case addressLine1 = "customer.address.line1"
  case addressLine2 = "customer.address.line2"
  case city = "customer.address.city"
  case postalCode = "customer.address.postalCode"
  case cardNumber = "card.number"
  case cardExpiry = "card.expiry"
  case cardCVC = "card.cvc"
  case cardholderName = "card.name"
  case currency = "currency"
  case source = "source"
  /// The reason staff give for a refund.
  case refundReason = "reason"
  /// The text staff search orders with.
  case searchText = "q"
  /// How many orders a staff search returns.
  case searchLimit = "limit"
  /// A whole customer object (missing, or not an object).
  case customer = "customer"
  /// A whole address object (missing, or not an object).
  case address = "customer.address"
  /// The sealed card of an order, or one of its parts.
  case sealedCard = "card"
  /// The amount of a refund, or one of its parts.
  case refundAmount = "amount"
  /// The lines a refund names.
  case refundLines = "lines"
  /// Staff's note on an order or a refund.
  case note = "note"
  /// The first day of a staff search.
  case searchFrom = "from"
  /// The last day of a staff search.
  case searchTo = "to"
  /// A member of staff's account name.
  case staffName = "name"
  /// A member of staff's passphrase.
  case passphrase = "passphrase"
  /// The authenticator app's code.
  case oneTimeCode = "code"
}

/// One thing wrong with one field, in words a person understands.
public struct FieldError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  public let field: OrderField
  public let message: String

  public init(_ field: OrderField, _ message: String) {
    self.field = field
    self.message = message
  }

  public var description: String { "\(field.rawValue): \(message)" }
}

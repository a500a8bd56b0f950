import OrderCore

/// Why an order store refused or failed an operation.
///
/// The same for every database, so callers never see a driver's error type. Descriptions
/// carry no customer or card data.
public enum OrderStoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// An answer for this Idempotency-Key is already stored; nothing was written.
  case duplicateKey
  /// Another order has this number; pick another and try again. Nothing was written.
  case numberTaken(OrderNumber)
  /// Another order was paid with this authorization code; an authorization pays for one
  /// order only. Nothing was written.
  case authorizationTaken
  /// There is no order with this number.
  case unknownOrder(OrderNumber)
  /// The order's status is no longer the one the change started from.
  case orderStatusChanged(current: OrderStatus)
  /// The payment's status is no longer the one the change started from.
  case paymentStatusChanged(current: PaymentStatus)
  /// The refund would take the refunds past the order's total; `remaining` can still be refunded.
  case refundExceedsCharge(remaining: Money)
  /// The caller passed something the store cannot keep, such as a short request hash.
  case invalidInput(String)
  /// A stored row could not be read back as the domain type it was written from.
  case corruptRow(String)
  /// The database failed; the operation may or may not be worth retrying.
  case database(String)

  public var description: String {
    switch self {
    case .duplicateKey: "an answer for this idempotency key is already stored"
    case .numberTaken(let number): "order number \(number) is already taken"
    case .authorizationTaken: "the authorization already paid for another order"
    case .unknownOrder(let number): "there is no order \(number)"
    case .orderStatusChanged(let current): "the order is now \(current.rawValue)"
    case .paymentStatusChanged(let current): "the payment is now \(current.rawValue)"
    case .refundExceedsCharge(let remaining):
      "the refund is more than the \(remaining.minorUnits) \(remaining.currency) left to refund"
    case .invalidInput(let reason): "cannot store this: \(reason)"
    case .corruptRow(let reason): "a stored row is unreadable: \(reason)"
    case .database(let reason): "the order database failed: \(reason)"
    }
  }
}

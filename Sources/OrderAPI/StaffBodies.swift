import OrderCore

/// The body of `POST /v1/orders/{number}/refunds`.
public struct RefundOrderRequest: Sendable, Hashable, Codable {
  /// How much to refund; `nil` refunds everything not yet refunded.
  public var amount: Money?
  /// Why, for the audit trail: 1 to 500 characters.
  public var reason: String

  public init(amount: Money?, reason: String) {
    self.amount = amount
    self.reason = reason
  }
}

/// The body of `201 Created` for a refund.
public struct RefundResponse: Sendable, Hashable, Codable {
  public var refund: RefundRecord
  /// The order as it stands after the refund.
  public var order: OrderRecord

  public init(refund: RefundRecord, order: OrderRecord) {
    self.refund = refund
    self.order = order
  }
}

/// One refund as the processor confirmed it.
public struct RefundRecord: Sendable, Hashable, Codable {
  public var id: String
  public var amount: Money
  public var reason: String

  public init(id: String, amount: Money, reason: String) {
    self.id = id
    self.amount = amount
    self.reason = reason
  }
}

/// The body of `GET /v1/orders?q=`: what support staff see of each order found.
public struct OrderSearchResponse: Sendable, Hashable, Codable {
  public var orders: [StaffOrderView]

  public init(orders: [StaffOrderView]) { self.orders = orders }
}

import OrderCore

/// Who changes an order, from where, when and why: the audit fields of an event row.
public struct ChangeContext: Sendable, Hashable {
  /// Who made the change, such as `desk` or `staff:ana`.
  public var actor: String
  /// Where the change came from, such as a peer address.
  public var origin: String
  /// When, as seconds since 1970 (UTC).
  public var at: Int64
  /// Why, in the actor's words (a refund's reason); may be empty.
  public var note: String

  public init(actor: String, origin: String, at: Int64, note: String = "") {
    self.actor = actor
    self.origin = origin
    self.at = at
    self.note = note
  }
}

/// One row of an order's audit trail: who changed what, when, from where, from which status
/// to which.
public struct OrderEvent: Sendable, Hashable {
  /// The order that changed.
  public var number: OrderNumber
  /// What happened, such as `order accepted` or `payment refunded`.
  public var action: String
  /// Which status moved, and from where to where.
  public var change: StatusChange
  /// The amount involved, such as the authorized total or a refund; `nil` when none.
  public var amount: Money?
  /// Who, from where, when and why.
  public var context: ChangeContext

  public init(
    number: OrderNumber, action: String, change: StatusChange, amount: Money?,
    context: ChangeContext
  ) {
    self.number = number
    self.action = action
    self.change = change
    self.amount = amount
    self.context = context
  }
}

/// A move of the order status or of the payment status, which are kept apart.
///
/// `from` is `nil` for the event that creates the order.
public enum StatusChange: Sendable, Hashable {
  case order(from: OrderStatus?, to: OrderStatus)
  case payment(from: PaymentStatus?, to: PaymentStatus)

  /// The action recorded for the move, such as `order fulfilled` or `payment refunded`.
  public var action: String {
    switch self {
    case .order(_, let to): "order \(to.rawValue)"
    case .payment(_, let to): "payment \(to.rawValue)"
    }
  }
}

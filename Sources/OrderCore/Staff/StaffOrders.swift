/// What support staff look for: text read as a number, email, name or last four, and an
/// optional range of days.
public struct OrderSearch: Sendable, Hashable, Codable {
  /// The text, read as the order store reads it (number, email, last four, day or name);
  /// empty for the newest orders.
  public var text: String
  /// The first UTC day, `YYYY-MM-DD`, of orders to include; `nil` for no lower bound.
  public var from: String?
  /// The last UTC day, `YYYY-MM-DD`, of orders to include; `nil` for no upper bound.
  public var to: String?
  /// At most this many orders, `1...200`.
  public var limit: Int

  public init(text: String, from: String? = nil, to: String? = nil, limit: Int = 50) {
    self.text = text
    self.from = from
    self.to = to
    self.limit = limit
  }
}

/// An order with its customer and how much of it was refunded; never card data beyond the
/// brand, last four and expiry that the order already carries.
public struct StaffOrderView: Sendable, Hashable, Codable {
  public var order: OrderRecord
  public var customer: Customer
  public var refunded: Money

  public init(order: OrderRecord, customer: Customer, refunded: Money) {
    self.order = order
    self.customer = customer
    self.refunded = refunded
  }
}

/// Everything an order's page shows: the order, its customer, what was refunded, who entered
/// it, its note, and the timeline of every event.
public struct OrderPage: Sendable, Hashable, Codable {
  public var order: OrderRecord
  public var customer: Customer
  public var refunded: Money
  /// The member of staff who entered it, for phone, fax and mail orders.
  public var enteredBy: String?
  /// The note staff wrote on the order; empty when none.
  public var note: String
  /// Every event, oldest first.
  public var timeline: [TimelineEntry]

  public init(
    order: OrderRecord, customer: Customer, refunded: Money, enteredBy: String?, note: String,
    timeline: [TimelineEntry]
  ) {
    self.order = order
    self.customer = customer
    self.refunded = refunded
    self.enteredBy = enteredBy
    self.note = note
    self.timeline = timeline
  }

  /// What can still be refunded.
  public var refundable: Money {
    Money(
      minorUnits: max(0, order.quote.total.minorUnits - refunded.minorUnits),
      currency: order.quote.total.currency)
  }
}

/// One event in an order's life: who, what, when and from where.
public struct TimelineEntry: Sendable, Hashable, Codable {
  /// When, as seconds since 1970 (UTC).
  public var at: Int64
  /// Who, such as `desk:terminal` or `staff:ana`.
  public var who: String
  /// What happened, such as `order accepted` or `payment refunded`.
  public var what: String
  /// Where from, such as a peer address.
  public var origin: String
  /// The amount involved, when there is one.
  public var amount: Money?
  /// More words, such as a refund's reason; empty when none.
  public var detail: String

  public init(
    at: Int64, who: String, what: String, origin: String, amount: Money?, detail: String
  ) {
    self.at = at
    self.who = who
    self.what = what
    self.origin = origin
    self.amount = amount
    self.detail = detail
  }
}

/// A customer found by email, name or phone, with their latest order, so staff can reuse the
/// details and repeat the order.
public struct CustomerMatch: Sendable, Hashable, Codable {
  public var customer: Customer
  /// How many orders the customer has placed.
  public var orderCount: Int
  public var lastOrder: OrderNumber
  /// When the latest order was accepted, as seconds since 1970 (UTC).
  public var lastOrderAt: Int64
  /// The latest order's lines, to repeat it.
  public var lastLines: [CartLine]

  public init(
    customer: Customer, orderCount: Int, lastOrder: OrderNumber, lastOrderAt: Int64,
    lastLines: [CartLine]
  ) {
    self.customer = customer
    self.orderCount = orderCount
    self.lastOrder = lastOrder
    self.lastOrderAt = lastOrderAt
    self.lastLines = lastLines
  }
}

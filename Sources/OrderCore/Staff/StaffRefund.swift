/// Why an order is refunded, as card networks and processors name it.
public enum RefundReason: String, CaseIterable, Sendable, Hashable, Codable {
  case duplicate
  case requestedByCustomer = "requested_by_customer"
  case fraudulent
  /// Any other reason, which the refund's note then gives.
  case other

  /// The words shown on screens.
  public var displayName: String {
    switch self {
    case .duplicate: "Duplicate"
    case .requestedByCustomer: "Requested by customer"
    case .fraudulent: "Fraudulent"
    case .other: "Other"
    }
  }
}

/// A line to refund: the product and how many of its units.
public struct RefundLine: Sendable, Hashable, Codable {
  public var sku: SKU
  public var quantity: Int

  public init(sku: SKU, quantity: Int) {
    self.sku = sku
    self.quantity = quantity
  }
}

/// What a supervisor refunds: everything left, an amount, or lines; and why.
public struct StaffRefund: Sendable, Hashable, Codable {
  /// How much; with `lines` also `nil`, everything not yet refunded.
  public var amount: Money?
  /// Which lines; their price with tax is refunded, and their download links stop working.
  public var lines: [RefundLine]?
  public var reason: RefundReason
  /// Words for the audit trail; required when the reason is ``RefundReason/other``; at most
  /// 500 characters.
  public var note: String

  public init(
    amount: Money? = nil, lines: [RefundLine]? = nil, reason: RefundReason, note: String = ""
  ) {
    self.amount = amount
    self.lines = lines
    self.reason = reason
    self.note = note
  }

  private enum CodingKeys: String, CodingKey {
    case amount, lines, reason, note
  }

  /// Reads a refund; a missing note is an empty one.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      amount: try container.decodeIfPresent(Money.self, forKey: .amount),
      lines: try container.decodeIfPresent([RefundLine].self, forKey: .lines),
      reason: try container.decode(RefundReason.self, forKey: .reason),
      note: try container.decodeIfPresent(String.self, forKey: .note) ?? "")
  }
}

/// A refund the processor confirmed, and the order as it stands after it.
public struct RefundReceipt: Sendable, Hashable, Codable {
  public var id: String
  public var amount: Money
  public var reason: RefundReason
  public var note: String
  public var order: OrderRecord

  public init(id: String, amount: Money, reason: RefundReason, note: String, order: OrderRecord) {
    self.id = id
    self.amount = amount
    self.reason = reason
    self.note = note
    self.order = order
  }
}

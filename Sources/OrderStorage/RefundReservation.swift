import OrderCore

/// An amount of an order's charge held back for one refund while the processor is asked.
///
/// The reservation is written in the same transaction that checks what is left to refund,
/// so two refunds at once (under different idempotency keys) cannot both see the same
/// amount left: the second sees the first's reservation. It is settled when the processor
/// refunded, released when it clearly did not, and otherwise kept, so that an outcome nobody
/// knows can never be refunded a second time.
public struct RefundReservation: Sendable, Hashable {
  public let number: OrderNumber
  public let amount: Money
  /// The refund's idempotency key; one reservation per key.
  public let key: IdempotencyKey
  /// The lines the refund names, whose units count as refunded once it is settled; empty for
  /// a refund of an amount.
  public let lines: [RefundLine]

  public init(
    number: OrderNumber, amount: Money, key: IdempotencyKey, lines: [RefundLine] = []
  ) {
    self.number = number
    self.amount = amount
    self.key = key
    self.lines = lines
  }
}

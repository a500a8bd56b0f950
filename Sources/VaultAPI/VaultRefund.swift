import OrderCore

/// The vault's answer to a refund: the processor's refund id, or the decline.
public enum VaultRefund: Sendable, Hashable {
  /// Refunded. The merchant keeps the id to find the refund at the processor.
  case refunded(refundId: String)
  /// Declined, with a reason a person at the desk understands; nothing was refunded.
  case declined(PaymentDecline)
}

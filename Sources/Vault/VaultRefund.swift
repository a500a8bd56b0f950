import OrderCore

/// The vault's answer to a refund: the processor's refund id, or the decline.
public enum VaultRefund: Sendable, Hashable {
  /// Refunded. The merchant keeps the id to find the refund at the processor.
  case refunded(refundId: String)
  /// Declined, with a reason a person at the desk understands; nothing was refunded.
  case declined(PaymentDecline)
}

/// A refund as first answered, kept under its idempotency key.
struct StoredRefund: Sendable, Hashable {
  /// What was refunded: the card's token, the charge's authorization code and the amount.
  let target: RefundTarget
  let outcome: VaultRefund
}

/// What a refund is of; a repeat of its idempotency key must name the same.
struct RefundTarget: Sendable, Hashable {
  let token: String
  let authorizationCode: String
  let amount: Money
}

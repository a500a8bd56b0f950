import OrderCore
import VaultAPI

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

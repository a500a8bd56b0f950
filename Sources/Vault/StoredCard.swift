import OrderCore

/// A card the vault keeps, as the merchant side may see it.
public struct StoredCard: Sendable, Hashable {
  /// The token that stands for the card.
  public let token: String
  /// Brand, last four and expiry.
  public let summary: CardSummary
  /// When the card was stored, as seconds since 1970 (UTC).
  public let createdAt: Int64

  public init(token: String, summary: CardSummary, createdAt: Int64) {
    self.token = token
    self.summary = summary
    self.createdAt = createdAt
  }
}

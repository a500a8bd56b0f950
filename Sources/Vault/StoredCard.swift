import OrderCore

/// A card the vault keeps, as the merchant side may see it.
public struct StoredCard: Sendable, Hashable {
  /// The token that stands for the card.
  public let token: String
  /// Brand, last four and expiry.
  public let summary: CardSummary
  /// When the card was stored, as seconds since 1970 (UTC).
  public let createdAt: Int64
  /// Whether the vault still keeps the encrypted number; `false` once the retention period
  /// purged it, when only the token and the summary remain.
  public let numberKept: Bool

  /// A stored card as the vault reports it.
  public init(token: String, summary: CardSummary, createdAt: Int64, numberKept: Bool = true) {
    self.token = token
    self.summary = summary
    self.createdAt = createdAt
    self.numberKept = numberKept
  }

  /// The same card, its number purged.
  var withoutNumber: StoredCard {
    StoredCard(token: token, summary: summary, createdAt: createdAt, numberKept: false)
  }
}

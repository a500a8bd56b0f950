/// Where an order stands, kept apart from where its payment stands.
public enum OrderStatus: String, CaseIterable, Sendable, Hashable, Codable {
  case accepted
  case fulfilled
  case cancelled
}

/// Where an order's payment stands.
public enum PaymentStatus: String, CaseIterable, Sendable, Hashable, Codable {
  case authorized
  case captured
  case declined
  case partiallyRefunded = "partially_refunded"
  case refunded
}

import OrderCore

/// The body of `POST /v1/orders`: everything but the card is plain, the card is sealed.
///
/// Prices are deliberately absent: the service computes every amount from its own catalog.
/// Unknown fields (a client's `total`, say) are ignored, never trusted.
public struct OrderRequest: Sendable, Hashable, Codable {
  public var currency: Currency
  public var source: OrderSource
  public var lines: [CartLine]
  public var customer: Customer
  public var card: SealedCard
  /// Staff's note on a phone, fax or mail order, at most 500 characters; absent when none.
  public var note: String?

  public init(
    currency: Currency, source: OrderSource, lines: [CartLine], customer: Customer,
    card: SealedCard, note: String? = nil
  ) {
    self.currency = currency
    self.source = source
    self.lines = lines
    self.customer = customer
    self.card = card
    self.note = note
  }

  /// The request for a submission; its idempotency key travels in the header.
  public init(_ submission: OrderSubmission) {
    self.init(
      currency: submission.currency, source: submission.source, lines: submission.lines,
      customer: submission.customer, card: submission.card,
      note: submission.note.isEmpty ? nil : submission.note)
  }
}

/// The body of `201 Created` for an order, and of `200 OK` for a look-up.
public struct OrderResponse: Sendable, Hashable, Codable {
  public var order: OrderRecord

  public init(order: OrderRecord) { self.order = order }
}

/// The body of `200 OK` for `POST /v1/quotes`.
public struct QuoteResponse: Sendable, Hashable, Codable {
  public var quote: Quote

  public init(quote: Quote) { self.quote = quote }
}

/// The body of `GET /v1/vault-key`: the key card data is sealed to.
public struct VaultKeyResponse: Sendable, Hashable, Codable {
  /// Names the key, so the vault knows which private key opens a sealed card.
  public var keyId: String
  /// The raw 32-byte X25519 public key, standard base64.
  public var publicKey: String

  public init(keyId: String, publicKey: String) {
    self.keyId = keyId
    self.publicKey = publicKey
  }
}

/// The body of `GET /healthz`.
public struct HealthResponse: Sendable, Hashable, Codable {
  public var status: String

  public init(status: String) { self.status = status }
}

/// The header that carries a submit's idempotency key.
public enum OrderHeaders {
  public static let idempotencyKey = "Idempotency-Key"
}

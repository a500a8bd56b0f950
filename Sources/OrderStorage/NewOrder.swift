import OrderCore

/// An order to store: the record the customer was answered with, plus what only the
/// merchant side keeps — who the customer is, the vault's card token and the audit fields.
///
/// The card appears only as the record's ``CardSummary`` (brand, last four, expiry) and the
/// vault's token; there is no field that could hold a card number or CVC.
public struct NewOrder: Sendable, Hashable {
  /// Number, statuses, source, quote, card summary, fulfilments and creation time.
  public var record: OrderRecord
  /// The customer as entered; personal data, but not card data.
  public var customer: Customer
  /// The vault's token for the card, which refunds and captures are made with.
  public var cardToken: String
  /// The processor's authorization code.
  public var authorizationCode: String
  /// Who placed the order, such as `desk` or `staff:ana`.
  public var actor: String
  /// Where it came from, such as the peer address of the connection.
  public var origin: String
  /// Staff's note on the order; empty when none.
  public var note: String

  public init(
    record: OrderRecord, customer: Customer, cardToken: String, authorizationCode: String,
    actor: String, origin: String, note: String = ""
  ) {
    self.record = record
    self.customer = customer
    self.cardToken = cardToken
    self.authorizationCode = authorizationCode
    self.actor = actor
    self.origin = origin
    self.note = note
  }

  /// The order's number.
  public var number: OrderNumber { record.number }
}

/// An order as stored: the record, who it is for, and what has happened to it since.
public struct StoredOrder: Sendable, Hashable {
  /// The order as a receipt and a look-up show it, with its current statuses.
  public var record: OrderRecord
  /// The customer, whose email a look-up must match.
  public var customer: Customer
  /// The vault's token for the card.
  public var cardToken: String
  /// The processor's authorization code.
  public var authorizationCode: String
  /// Who placed the order.
  public var actor: String
  /// Where it came from.
  public var origin: String
  /// How much of the total has been refunded so far.
  public var refunded: Money
  /// Staff's note on the order; empty when none.
  public var note: String

  public init(
    record: OrderRecord, customer: Customer, cardToken: String, authorizationCode: String,
    actor: String, origin: String, refunded: Money, note: String = ""
  ) {
    self.note = note
    self.record = record
    self.customer = customer
    self.cardToken = cardToken
    self.authorizationCode = authorizationCode
    self.actor = actor
    self.origin = origin
    self.refunded = refunded
  }
}

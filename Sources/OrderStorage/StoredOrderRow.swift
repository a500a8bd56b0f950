import GRDB
import OrderCore

/// The columns of one `orders` row, read and checked, waiting for its lines and fulfilments.
struct StoredOrderRow {
  let quoteParts: QuoteParts
  let status: OrderStatus
  let payment: PaymentStatus
  let source: OrderSource
  let card: CardSummary
  let customer: Customer
  let cardToken: String
  let authorizationCode: String
  let actor: String
  let origin: String
  let refunded: Money
  let createdAt: Int64
  let note: String

  init(row: Row, currency: Currency) throws {
    func money(_ column: String) throws -> Money {
      Money(minorUnits: try row.value(column), currency: currency)
    }
    guard let taxRate = TaxRate(basisPoints: try row.value("tax_rate_bp")) else {
      throw OrderStoreError.corruptRow("tax_rate_bp is not a tax rate")
    }
    guard
      let expiry = YearMonth(
        year: try row.value("card_exp_year"), month: try row.value("card_exp_month"))
    else {
      throw OrderStoreError.corruptRow("card_exp_month is not a month")
    }
    quoteParts = QuoteParts(
      currency: currency, country: try row.value("country"), lines: [],
      subtotal: try money("subtotal_minor"), taxRate: taxRate, tax: try money("tax_minor"),
      shipping: try money("shipping_minor"), total: try money("total_minor"),
      requiresShipping: try row.value("requires_shipping"))
    status = try row.value("status", as: OrderStatus.self)
    payment = try row.value("payment_status", as: PaymentStatus.self)
    source = try row.value("source", as: OrderSource.self)
    card = CardSummary(
      brand: try row.value("card_brand", as: CardBrand.self),
      lastFour: try row.value("card_last4"), expiry: expiry)
    customer = Customer(
      name: try row.value("customer_name"), email: try row.value("customer_email"),
      phone: try row.value("customer_phone"),
      address: Address(
        line1: try row.value("address_line1"), line2: try row.value("address_line2"),
        city: try row.value("address_city"), postalCode: try row.value("address_postal_code"),
        country: try row.value("address_country")))
    cardToken = try row.value("card_token")
    authorizationCode = try row.value("authorization_code")
    actor = try row.value("actor")
    origin = try row.value("origin")
    refunded = try money("refunded_minor")
    createdAt = try row.value("created_at")
    note = try row.value("note")
  }

  func storedOrder(
    number: OrderNumber, lines: [QuoteParts.Line], fulfilments: [Fulfilment]
  )
    throws -> StoredOrder
  {
    var parts = quoteParts
    parts.lines = lines
    let record = OrderRecord(
      number: number, status: status, payment: payment, source: source, quote: try parts.quote(),
      card: card, fulfilments: fulfilments, createdAt: createdAt)
    return StoredOrder(
      record: record, customer: customer, cardToken: cardToken,
      authorizationCode: authorizationCode, actor: actor, origin: origin, refunded: refunded,
      note: note)
  }
}

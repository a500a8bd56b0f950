import GRDB
import OrderCore

/// A new order as the statement arguments of its rows, built before the write transaction.
struct OrderRows: Sendable {
  static let insertOrder = """
    INSERT INTO orders (
      number, status, payment_status, source, currency, country,
      subtotal_minor, tax_rate_bp, tax_minor, shipping_minor, total_minor, requires_shipping,
      customer_name, customer_email, customer_phone,
      address_line1, address_line2, address_city, address_postal_code, address_country,
      card_token, card_brand, card_last4, card_exp_month, card_exp_year, authorization_code,
      actor, origin, created_at, note)
    VALUES (
      ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  static let insertLine = """
    INSERT INTO order_lines (
      order_id, position, sku, name, quantity, unit_price_minor, line_total_minor,
      requires_shipping)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    """

  static let insertFulfilment = """
    INSERT INTO order_fulfilments (
      order_id, position, sku, licence_key, download_url, download_expires_at)
    VALUES (?, ?, ?, ?, ?, ?)
    """

  static let insertEvent = """
    INSERT INTO order_events (
      order_id, at, actor, origin, action, subject, from_status, to_status, amount_minor, note)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  let order: StatementArguments
  /// Each child row's arguments without the leading order id, which is known only after
  /// the order row is inserted.
  let lines: [StatementArguments]
  let fulfilments: [StatementArguments]
  let events: [StatementArguments]

  init(_ new: NewOrder) throws(OrderStoreError) {
    let record = new.record
    let quote = record.quote
    let customer = new.customer
    let address = customer.address
    let currency = quote.currency
    try StoredText.check(
      [
        customer.name, customer.email, customer.phone, address.line1, address.line2,
        address.city, address.postalCode, address.country, new.cardToken, new.authorizationCode,
        new.actor, new.origin, record.card.lastFour, quote.country, new.note,
      ] + quote.lines.map(\.name) + record.fulfilments.flatMap { [$0.licenceKey, $0.downloadURL] })
    for amount in [quote.subtotal, quote.tax, quote.shipping, quote.total]
    where amount.currency != currency {
      throw .invalidInput("every amount of a quote is in the quote's currency")
    }
    order = [
      record.number.rawValue, record.status.rawValue, record.payment.rawValue,
      record.source.rawValue, currency.code, quote.country,
      quote.subtotal.minorUnits, quote.taxRate.basisPoints, quote.tax.minorUnits,
      quote.shipping.minorUnits, quote.total.minorUnits, quote.requiresShipping,
      customer.name, customer.email, customer.phone,
      address.line1, address.line2, address.city, address.postalCode, address.country,
      new.cardToken, record.card.brand.rawValue, record.card.lastFour,
      record.card.expiry.month, record.card.expiry.year, new.authorizationCode,
      new.actor, new.origin, record.createdAt, new.note,
    ]
    var lines: [StatementArguments] = []
    for (position, line) in quote.lines.enumerated() {
      guard line.unitPrice.currency == currency, line.lineTotal.currency == currency else {
        throw .invalidInput("every amount of a quote is in the quote's currency")
      }
      lines.append([
        position, line.sku.value, line.name, line.quantity, line.unitPrice.minorUnits,
        line.lineTotal.minorUnits, line.requiresShipping,
      ])
    }
    self.lines = lines
    fulfilments = record.fulfilments.enumerated().map { position, fulfilment in
      [
        position, fulfilment.sku.value, fulfilment.licenceKey, fulfilment.downloadURL,
        fulfilment.downloadExpiresAt,
      ]
    }
    let context = ChangeContext(actor: new.actor, origin: new.origin, at: record.createdAt)
    var changes: [(StatusChange, Money?)] = [(.order(from: nil, to: .accepted), nil)]
    // An order created in another state (a download fulfilled at once) shows both steps.
    if record.status != .accepted {
      changes.append((.order(from: .accepted, to: record.status), nil))
    }
    changes.append((.payment(from: nil, to: record.payment), quote.total))
    events = changes.map { change, amount in
      Self.eventArguments(change, amount: amount, context: context)
    }
  }

  /// The arguments of an event row, without the leading order id.
  static func eventArguments(
    _ change: StatusChange, amount: Money?, context: ChangeContext
  )
    -> StatementArguments
  {
    let subject: String
    let from: String?
    let to: String
    switch change {
    case .order(let old, let new):
      (subject, from, to) = ("order", old?.rawValue, new.rawValue)
    case .payment(let old, let new):
      (subject, from, to) = ("payment", old?.rawValue, new.rawValue)
    }
    return [
      context.at, context.actor, context.origin, change.action, subject, from, to,
      amount?.minorUnits, context.note,
    ]
  }

  /// Inserts lines, fulfilments and events of the order whose row id is `orderID`.
  func insertChildren(orderID: Int64, _ db: Database) throws {
    let id: StatementArguments = [orderID]
    let lineStatement = try db.cachedStatement(sql: Self.insertLine)
    for line in lines { try lineStatement.execute(arguments: id + line) }
    let fulfilmentStatement = try db.cachedStatement(sql: Self.insertFulfilment)
    for fulfilment in fulfilments { try fulfilmentStatement.execute(arguments: id + fulfilment) }
    let eventStatement = try db.cachedStatement(sql: Self.insertEvent)
    for event in events { try eventStatement.execute(arguments: id + event) }
  }
}

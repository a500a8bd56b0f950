/// Turns a cart into a quote: exact, integer-only and the same on every machine.
///
/// This is the arithmetic the order service uses to recompute every total, so it never
/// uses floating point, checks every operation for overflow, and rounds exactly once.
public enum Pricing {
  /// Prices `cart` from `catalog` in `currency` with the VAT of `country`.
  ///
  /// Catalog prices are net. Each line costs unit price × quantity. Boxed items add
  /// shipping: the catalog's first-item rate once, and its each-additional rate for every
  /// further boxed item. VAT is charged at the country's standard rate on the subtotal and
  /// on shipping together, and rounded once for the whole quote, half up to the currency's
  /// minor unit (EU VAT rules allow rounding per invoice rather than per line; rounding
  /// per line would make, for example, two €1.50 lines at 19 % cost €0.58 VAT instead of
  /// €0.57). A country without a rate in `rates` pays no VAT.
  ///
  /// - Throws: ``PricingError`` for an empty cart, an item missing from the catalog or not
  ///   priced in `currency`, a country that is not a two-letter code, or an overflow.
  public static func quote(
    cart: Cart, catalog: Catalog, currency: Currency, country: String,
    rates: TaxRates = .euStandard
  ) throws(PricingError) -> Quote {
    guard !cart.isEmpty else { throw .emptyCart }
    guard let countryCode = TaxRates.normalisedCountry(country) else { throw .invalidCountry }

    var lines: [QuoteLine] = []
    var subtotal = Money.zero(currency)
    var standardBase = Money.zero(currency)
    var boxedCount = 0
    for line in cart.lines {
      guard let item = catalog.item(for: line.sku) else { throw .unknownSKU(line.sku) }
      guard let unitPrice = item.price(in: currency) else {
        throw .notPriced(line.sku, currency)
      }
      let lineTotal = try checked { () throws(MoneyError) in
        try unitPrice.multiplied(by: line.quantity)
      }
      subtotal = try checked { () throws(MoneyError) in try subtotal.adding(lineTotal) }
      switch item.taxClass {
      case .standard:
        standardBase = try checked { () throws(MoneyError) in try standardBase.adding(lineTotal) }
      }
      if item.kind.requiresShipping { boxedCount += line.quantity }
      lines.append(
        QuoteLine(
          sku: item.sku, name: item.name, quantity: line.quantity, unitPrice: unitPrice,
          lineTotal: lineTotal, requiresShipping: item.kind.requiresShipping))
    }

    var shipping = Money.zero(currency)
    if boxedCount > 0 {
      guard let rate = catalog.shippingRate(in: currency) else { throw .noShippingRate(currency) }
      shipping = try checked { () throws(MoneyError) in try rate.cost(forItems: boxedCount) }
    }
    // Shipping is an ancillary cost of the goods and is taxed at their rate.
    let taxRate = try rates.rate(for: .standard, in: countryCode)
    let taxable = try checked { () throws(MoneyError) in try standardBase.adding(shipping) }
    let tax = try self.tax(on: taxable, at: taxRate)
    let total = try checked { () throws(MoneyError) in
      try subtotal.adding(tax).adding(shipping)
    }
    return Quote(
      currency: currency, country: countryCode, lines: lines, subtotal: subtotal,
      taxRate: taxRate, tax: tax, shipping: shipping, total: total,
      requiresShipping: boxedCount > 0)
  }

  /// The tax on `amount` at `rate`, rounded half up to the minor unit.
  ///
  /// Exactly half a minor unit rounds away from zero: 150 cents at 19 % is 28.5 cents and
  /// gives 29; ¥1,005 at 10 % is ¥100.5 and gives ¥101. The product is formed in 128 bits
  /// (`multipliedFullWidth`), so no amount that fits in `Money` can overflow on the way.
  ///
  /// - Throws: ``PricingError/overflow`` only if the tax itself does not fit in 64 bits.
  public static func tax(on amount: Money, at rate: TaxRate) throws(PricingError) -> Money {
    let divisor = UInt64(TaxRate.maximumBasisPoints)
    let product = amount.minorUnits.magnitude.multipliedFullWidth(by: UInt64(rate.basisPoints))
    let (low, carry) = product.low.addingReportingOverflow(divisor / 2)
    let high = product.high + (carry ? 1 : 0)
    // dividingFullWidth traps when the quotient does not fit in 64 bits.
    guard high < divisor else { throw .overflow }
    let quotient = divisor.dividingFullWidth((high: high, low: low)).quotient
    guard quotient <= UInt64(Int64.max) else { throw .overflow }
    let minorUnits = amount.isNegative ? -Int64(quotient) : Int64(quotient)
    return Money(minorUnits: minorUnits, currency: amount.currency)
  }

  /// Runs money arithmetic, reporting any failure as an overflow.
  ///
  /// A currency mismatch cannot happen here: a catalog only holds prices and shipping rates
  /// in the currency they are listed under, and a quote reads only those of one currency.
  private static func checked<T>(_ body: () throws(MoneyError) -> T) throws(PricingError) -> T {
    do {
      return try body()
    } catch {
      throw .overflow
    }
  }
}

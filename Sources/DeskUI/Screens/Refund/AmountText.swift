import OrderCore

/// An amount of money typed by a person: `12`, `12.5`, `12.00` or `12,00`, with or without
/// the currency's symbol or code.
enum AmountText {
  /// What is typed that cannot be an amount, or is not more than zero.
  enum Problem: Error, Equatable {
    case empty
    case notAnAmount
    case notPositive
  }

  /// The amount `text` means in `currency`.
  static func parse(_ text: String, currency: Currency) -> Result<Money, Problem> {
    var body = text.trimmed
    guard !body.isEmpty else { return .failure(.empty) }
    for prefix in [currency.symbol, currency.code, currency.code.lowercased()]
    where body.hasPrefix(prefix) {
      body = String(body.dropFirst(prefix.count)).trimmed
    }
    if body.hasPrefix("-") || body.hasPrefix("−") {
      let rest = String(body.dropFirst())
      return parse(rest, currency: currency).flatMap { _ in .failure(.notPositive) }
    }
    let parts = body.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
    guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let major = Int64(parts[0])
    else { return .failure(.notAnAmount) }
    let digits = currency.minorUnitDigits
    var minor: Int64 = 0
    if parts.count == 2 {
      let fraction = parts[1]
      guard !fraction.isEmpty, fraction.count <= digits, let value = Int64(fraction) else {
        return .failure(.notAnAmount)
      }
      minor = value
      for _ in fraction.count..<digits { minor *= 10 }
    }
    let units = major * currency.minorUnitsPerMajor + minor
    guard units > 0 else { return .failure(.notPositive) }
    return .success(Money(minorUnits: units, currency: currency))
  }
}

/// What refunding some of an order's lines comes to: their share of the lines' total and of
/// the tax, the way the order service works it out.
enum RefundEstimate {
  /// The amount for `quantity` of `line` in `quote`, rounded half up to the minor unit.
  static func amount(of line: QuoteLine, quantity: Int, in quote: Quote) -> Money {
    let currency = quote.total.currency
    guard line.quantity > 0, quantity > 0 else { return Money(minorUnits: 0, currency: currency) }
    let part = divide(line.lineTotal.minorUnits * Int64(quantity), by: Int64(line.quantity))
    let subtotal = quote.subtotal.minorUnits
    let tax = subtotal > 0 ? divide(quote.tax.minorUnits * part, by: subtotal) : 0
    return Money(minorUnits: part + tax, currency: currency)
  }

  /// `value / divisor`, rounded half up; both are positive.
  static func divide(_ value: Int64, by divisor: Int64) -> Int64 {
    (value * 2 + divisor) / (divisor * 2)
  }
}

/// An amount of money in integer minor units (cents, pence, yen) of one currency.
///
/// Money never uses floating point. Arithmetic that would mix currencies or overflow
/// throws instead of producing a wrong amount.
public struct Money: Sendable, Hashable, Codable {
  /// The amount in minor units, for example 1999 for €19.99.
  public let minorUnits: Int64
  /// The currency the amount is in.
  public let currency: Currency

  public init(minorUnits: Int64, currency: Currency) {
    self.minorUnits = minorUnits
    self.currency = currency
  }

  /// Zero in the given currency.
  public static func zero(_ currency: Currency) -> Money {
    Money(minorUnits: 0, currency: currency)
  }

  public var isZero: Bool { minorUnits == 0 }
  public var isNegative: Bool { minorUnits < 0 }

  /// The sum of two amounts of the same currency.
  public func adding(_ other: Money) throws(MoneyError) -> Money {
    try checkSameCurrency(other)
    let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
    if overflow { throw .overflow }
    return Money(minorUnits: sum, currency: currency)
  }

  /// The difference of two amounts of the same currency.
  public func subtracting(_ other: Money) throws(MoneyError) -> Money {
    try checkSameCurrency(other)
    let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
    if overflow { throw .overflow }
    return Money(minorUnits: difference, currency: currency)
  }

  /// This amount times a whole number, such as a quantity.
  public func multiplied(by factor: Int) throws(MoneyError) -> Money {
    let (product, overflow) = minorUnits.multipliedReportingOverflow(by: Int64(factor))
    if overflow { throw .overflow }
    return Money(minorUnits: product, currency: currency)
  }

  /// The sum of `amounts`, all of which must be in `currency`.
  public static func sum(
    _ amounts: some Sequence<Money>, in currency: Currency
  ) throws(MoneyError)
    -> Money
  {
    var total = Money.zero(currency)
    for amount in amounts { total = try total.adding(amount) }
    return total
  }

  /// Compares two amounts of the same currency.
  public func isLess(than other: Money) throws(MoneyError) -> Bool {
    try checkSameCurrency(other)
    return minorUnits < other.minorUnits
  }

  private func checkSameCurrency(_ other: Money) throws(MoneyError) {
    if other.currency != currency {
      throw .currencyMismatch(currency, other.currency)
    }
  }
}

/// Why a money operation was refused.
public enum MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
  case currencyMismatch(Currency, Currency)
  case overflow

  public var description: String {
    switch self {
    case .currencyMismatch(let left, let right):
      "cannot combine amounts in \(left.code) and \(right.code)"
    case .overflow:
      "the amount is too large"
    }
  }
}

/// The standard VAT rate of each country that charges one; other countries pay none.
///
/// Countries are ISO 3166-1 alpha-2 codes (`DE`, `GR` — not the `EL` that EU VAT numbers
/// use for Greece).
public struct TaxRates: Sendable, Hashable {
  /// The standard rate per country code.
  public let standardRates: [String: TaxRate]

  /// Rates for the given countries; codes are checked and stored in upper case.
  ///
  /// - Throws: ``PricingError/invalidCountry`` when a key is not two ASCII letters.
  public init(standardRates: [String: TaxRate]) throws(PricingError) {
    var normalised: [String: TaxRate] = [:]
    for (code, rate) in standardRates {
      guard let country = Self.normalisedCountry(code) else { throw .invalidCountry }
      normalised[country] = rate
    }
    self.standardRates = normalised
  }

  init(uncheckedStandardRates: [String: TaxRate]) {
    standardRates = uncheckedStandardRates
  }

  /// No country charges tax.
  public static let none = TaxRates(uncheckedStandardRates: [:])

  /// The rate for `taxClass` in `country`, zero when the country has none.
  ///
  /// - Throws: ``PricingError/invalidCountry`` when the code is not two ASCII letters, so
  ///   that a mistyped country is not quietly sold tax-free.
  public func rate(for taxClass: TaxClass, in country: String) throws(PricingError) -> TaxRate {
    guard let code = Self.normalisedCountry(country) else { throw .invalidCountry }
    switch taxClass {
    case .standard: return standardRates[code] ?? .zero
    }
  }

  /// The code in upper case if it is two ASCII letters, else `nil`.
  static func normalisedCountry(_ code: String) -> String? {
    let scalars = Array(code.utf8)
    guard scalars.count == 2 else { return nil }
    var result: [UInt8] = []
    for byte in scalars {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): result.append(byte)
      case UInt8(ascii: "a")...UInt8(ascii: "z"): result.append(byte - 0x20)
      default: return nil
      }
    }
    return String(decoding: result, as: UTF8.self)
  }
}

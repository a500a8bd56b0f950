/// How an item reaches the customer.
public enum ProductKind: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible
{
  /// A licence and a download link; nothing ships.
  case download
  /// A physical box (for example a USB stick and a printed manual) that is shipped.
  case boxed

  /// Whether the item needs a postal address and costs shipping.
  public var requiresShipping: Bool { self == .boxed }

  public var description: String { rawValue }
}

/// Which VAT rate applies to an item.
///
/// Everything a software vendor sells here — licences, downloads, upgrades, support plans
/// and boxed media — is charged at a country's standard rate, so that is the only class.
/// A zero-rated class was left out on purpose: the usual candidate, a gift card redeemable
/// for any product, is a multi-purpose voucher that EU VAT taxes when it is redeemed, not
/// when it is sold, and OrderDesk has no redemption. The enum stays so that a reduced class
/// (e-books, for example) can be added, and every `switch` over it must then decide.
public enum TaxClass: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The country's standard VAT rate.
  case standard

  public var description: String { rawValue }
}

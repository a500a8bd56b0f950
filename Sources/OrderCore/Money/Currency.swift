/// An ISO 4217 currency that the desk can price in.
public enum Currency: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
  case eur = "EUR"
  case usd = "USD"
  case gbp = "GBP"
  case jpy = "JPY"

  /// The ISO 4217 alphabetic code, for example `EUR`.
  public var code: String { rawValue }

  /// How many digits follow the decimal point in this currency's minor unit.
  public var minorUnitDigits: Int {
    switch self {
    case .eur, .usd, .gbp: 2
    case .jpy: 0
    }
  }

  /// How many minor units make one major unit (100 for cents, 1 for yen).
  public var minorUnitsPerMajor: Int64 {
    var factor: Int64 = 1
    for _ in 0..<minorUnitDigits { factor *= 10 }
    return factor
  }

  /// The symbol shown before an amount.
  public var symbol: String {
    switch self {
    case .eur: "€"
    case .usd: "$"
    case .gbp: "£"
    case .jpy: "¥"
    }
  }

  public var description: String { rawValue }

  /// Parses an ISO 4217 code, ignoring case and surrounding spaces.
  public init?(code: String) {
    // Only ASCII letters are upper-cased: Unicode case mapping turns look-alikes such as
    // the long s into ASCII ("uſd".uppercased() is "USD"), which would let them pass.
    let trimmed = code.trimmingASCIIWhitespace()
    guard trimmed.utf8.count == 3 else { return nil }
    let letters = trimmed.utf8.map { byte in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 0x20 : byte
    }
    self.init(rawValue: String(decoding: letters, as: UTF8.self))
  }
}

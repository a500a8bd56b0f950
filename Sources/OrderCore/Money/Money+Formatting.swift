extension Money: CustomStringConvertible {
  /// The amount with its symbol and grouped digits, for example `€1,234.50` or `¥1,235`.
  public var description: String { formatted() }

  /// Formats the amount for people: symbol, thousands separators, minor digits.
  ///
  /// - Parameter style: `.symbol` gives `€1,234.50`, `.code` gives `EUR 1,234.50`.
  public func formatted(_ style: MoneyFormatStyle = .symbol) -> String {
    let magnitude = minorUnits.magnitude
    let perMajor = UInt64(currency.minorUnitsPerMajor)
    let major = magnitude / perMajor
    let minor = magnitude % perMajor

    var number = Self.grouped(major)
    if currency.minorUnitDigits > 0 {
      let digits = String(minor)
      number +=
        "." + String(repeating: "0", count: currency.minorUnitDigits - digits.count) + digits
    }
    let sign = minorUnits < 0 ? "-" : ""
    switch style {
    case .symbol: return sign + currency.symbol + number
    case .code: return sign + currency.code + " " + number
    }
  }

  /// The amount as a plain decimal string without symbol or grouping, for example `1234.50`.
  public var decimalString: String {
    let magnitude = minorUnits.magnitude
    let perMajor = UInt64(currency.minorUnitsPerMajor)
    var text = String(magnitude / perMajor)
    if currency.minorUnitDigits > 0 {
      let digits = String(magnitude % perMajor)
      text += "." + String(repeating: "0", count: currency.minorUnitDigits - digits.count) + digits
    }
    return (minorUnits < 0 ? "-" : "") + text
  }

  private static func grouped(_ value: UInt64) -> String {
    let digits = Array(String(value))
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return result
  }
}

/// How `Money.formatted(_:)` names the currency.
public enum MoneyFormatStyle: Sendable {
  case symbol
  case code
}

/// Which countries use postal codes and what a postal code may look like in each.
enum PostalCodeRules {
  /// Countries and territories with no postal code system, where the field may stay empty.
  ///
  /// From the Universal Postal Union's list of countries without postcodes, limited to those
  /// where a person filling in an address has nothing to enter.
  static let countriesWithout: Set<String> = [
    "AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK",
    "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "KI", "KM", "KN",
    "KP", "LC", "ML", "MO", "MR", "MS", "MW", "NR", "NU", "QA", "RW", "SB", "SC", "SL", "SR",
    "ST", "SY", "TD", "TG", "TK", "TL", "TO", "TT", "TV", "UG", "VU", "YE", "ZW",
  ]

  static let lengths = 2...10
  /// Longer than any postal code with stray spaces; refused before looking further.
  static let maxBytes = 64

  /// The error for `raw` in `country`, or nil when it is acceptable.
  ///
  /// An empty code is an error only when a shipping address is required and the country is
  /// known to use postal codes. A code that is given is always checked, so nothing strange
  /// is stored even when the address is optional.
  static func check(_ raw: String, country: Country?, required: Bool) -> FieldError? {
    problem(in: raw, country: country, required: required).map { FieldError(.postalCode, $0) }
  }

  static func problem(in raw: String, country: Country?, required: Bool) -> String? {
    if raw.utf8.count > maxBytes {
      return "Postal code is too long; postal codes have at most \(lengths.upperBound) characters."
    }
    let code = raw.trimmingASCIIWhitespace().uppercased()
    if code.isEmpty {
      guard required, let country, country.usesPostalCodes else { return nil }
      return "Enter the postal code."
    }
    guard let shape = shape(of: code) else {
      return "Postal code may use only letters, digits, spaces and dashes."
    }
    guard lengths.contains(shape.count) else {
      return "Postal code must be \(lengths.lowerBound) to \(lengths.upperBound) characters long."
    }
    guard let country, let format = formats[country.code] else { return nil }
    return format.accepts(code: code, shape: shape) ? nil : format.message
  }

  /// The code with each digit as `9` and each letter as `A`; nil if anything else is in it.
  static func shape(of code: String) -> String? {
    var shape = ""
    for scalar in code.unicodeScalars {
      switch scalar {
      case "0"..."9": shape.append("9")
      case "A"..."Z", "a"..."z": shape.append("A")
      case " ", "-": shape.unicodeScalars.append(scalar)
      default: return nil
      }
    }
    return shape
  }

  /// The stricter formats of a few countries with many orders and well-known codes.
  static let formats: [String: PostalCodeFormat] = [
    "US": PostalCodeFormat(
      shapes: ["99999", "99999-9999"],
      message: "US ZIP codes are 5 digits, or 5 digits, a dash and 4 digits, "
        + "like 12345 or 12345-6789."),
    "DE": PostalCodeFormat(
      shapes: ["99999"], message: "German postal codes are 5 digits, like 10115."),
    "FR": PostalCodeFormat(
      shapes: ["99999"], message: "French postal codes are 5 digits, like 75008."),
    "NL": PostalCodeFormat(
      shapes: ["9999AA", "9999 AA"],
      message: "Dutch postal codes are 4 digits and 2 letters, like 1012 AB.",
      extraCheck: { code in !code.hasPrefix("0") }),
    "JP": PostalCodeFormat(
      shapes: ["999-9999", "9999999"],
      message: "Japanese postal codes are 3 digits, a dash and 4 digits, like 100-0001."),
    "GB": PostalCodeFormat(
      shapes: ukShapes,
      message: "UK postcodes are an outward code and an inward code, like SW1A 1AA or M1 1AE.",
      exceptions: ["GIR 0AA", "GIR0AA"]),
  ]

  /// An outward code (A9, A99, AA9, AA99, A9A or AA9A), an optional space, an inward code (9AA).
  private static let ukShapes: Set<String> = Set(
    ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"].flatMap { outward in
      [outward + " 9AA", outward + "9AA"]
    })
}

/// The shapes a country's postal codes take, and what to say when one does not fit.
struct PostalCodeFormat: Sendable {
  let shapes: Set<String>
  /// Says what the format is, with an example, never the code that was typed.
  let message: String
  var exceptions: Set<String> = []
  var extraCheck: @Sendable (String) -> Bool = { _ in true }

  func accepts(code: String, shape: String) -> Bool {
    exceptions.contains(code) || (shapes.contains(shape) && extraCheck(code))
  }
}

extension Country {
  /// Whether addresses in this country have a postal code.
  public var usesPostalCodes: Bool { !PostalCodeRules.countriesWithout.contains(code) }
}

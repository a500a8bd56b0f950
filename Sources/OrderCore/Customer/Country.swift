/// A country or territory from ISO 3166-1, as the customer's address names it.
public struct Country: Sendable, Hashable, CustomStringConvertible {
  /// The ISO 3166-1 alpha-2 code in capitals, for example `DE`.
  public let code: String
  /// The English short name, for example `Germany`.
  public let name: String

  /// Only ``Countries`` makes countries, so every `Country` has a known code.
  init(code: String, name: String) {
    self.code = code
    self.name = name
  }

  public var description: String { "\(name) (\(code))" }
}

/// The ISO 3166-1 countries: the full list, lookup by code and type-ahead search.
public enum Countries {
  /// The longest input worth looking at; anything longer is refused before any other work.
  static let maxQueryBytes = 100

  /// The country with ISO 3166-1 alpha-2 `code`, ignoring case and surrounding spaces.
  ///
  /// Returns nil for anything that is not one of the 249 assigned codes.
  public static func country(code: String) -> Country? {
    guard code.utf8.count <= maxQueryBytes else { return nil }
    let trimmed = code.trimmingASCIIWhitespace()
    guard trimmed.utf8.count == 2 else { return nil }
    return byCode[trimmed.uppercased()]
  }

  /// Whether `code` is an assigned ISO 3166-1 alpha-2 code, ignoring case and spaces.
  public static func isKnown(code: String) -> Bool {
    country(code: code) != nil
  }

  static let byCode: [String: Country] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.code, $0) })

  /// Other names people type for a country, found by ``matching(_:limit:)`` like its name.
  static let aliases: [String: [String]] = [
    "AE": ["UAE", "Emirates"],
    "BN": ["Brunei Darussalam"],
    "CD": ["DR Congo", "DRC", "Congo, Democratic Republic of the", "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic"],
    "FK": ["Malvinas"],
    "FM": ["Micronesia, Federated States of"],
    "GB": ["UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "IR": ["Persia"],
    "KP": ["Korea, Democratic People's Republic of", "DPRK"],
    "KR": ["Korea, Republic of", "Korea"],
    "LA": ["Lao People's Democratic Republic"],
    "MD": ["Republic of Moldova"],
    "MK": ["Macedonia"],
    "MM": ["Burma"],
    "NL": ["Holland", "The Netherlands"],
    "PS": ["Palestinian Territories"],
    "RU": ["Russian Federation"],
    "SY": ["Syrian Arab Republic"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "TR": ["Turkey"],
    "TW": ["Taiwan, Province of China"],
    "TZ": ["United Republic of Tanzania"],
    "US": ["USA", "America", "United States of America"],
    "VA": ["Holy See", "Vatican"],
    "VE": ["Venezuela, Bolivarian Republic of"],
    "VN": ["Viet Nam"],
  ]
}

/// Where a customer lives or wants goods shipped.
///
/// Holds what was typed; ``Customer/validate(requiresShippingAddress:)`` says what is wrong
/// with it and ``Customer/normalised()`` tidies it.
public struct Address: Sendable, Hashable, Codable {
  /// The street and number.
  public var line1: String
  /// Optional: flat, floor, building or company.
  public var line2: String
  public var city: String
  /// Empty for countries that have no postal codes.
  public var postalCode: String
  /// The ISO 3166-1 alpha-2 code of the country; it decides the tax.
  public var country: String

  public init(
    line1: String = "", line2: String = "", city: String = "", postalCode: String = "",
    country: String
  ) {
    self.line1 = line1
    self.line2 = line2
    self.city = city
    self.postalCode = postalCode
    self.country = country
  }
}

extension Address {
  private enum CodingKeys: String, CodingKey {
    case line1, line2, city, postalCode, country
  }

  /// Reads an address; a missing line, city or postal code is an empty one.
  ///
  /// The API documents them optional: whether an order needs them is for ``Customer``'s
  /// validation to say.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      line1: try container.decodeIfPresent(String.self, forKey: .line1) ?? "",
      line2: try container.decodeIfPresent(String.self, forKey: .line2) ?? "",
      city: try container.decodeIfPresent(String.self, forKey: .city) ?? "",
      postalCode: try container.decodeIfPresent(String.self, forKey: .postalCode) ?? "",
      country: try container.decode(String.self, forKey: .country))
  }
}

extension Address {
  /// The address with every field trimmed and the country code in capitals.
  public func normalised() -> Address {
    Address(
      line1: line1.trimmingASCIIWhitespace(),
      line2: line2.trimmingASCIIWhitespace(),
      city: city.trimmingASCIIWhitespace(),
      postalCode: postalCode.trimmingASCIIWhitespace(),
      country: country.trimmingASCIIWhitespace().uppercased())
  }
}

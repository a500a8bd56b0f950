/// The person an order is for: who they are, how to reach them and where they are.
///
/// Holds what was typed; ``validate(requiresShippingAddress:)`` lists everything wrong with
/// it at once, and ``normalised()`` tidies it before it is sent.
public struct Customer: Sendable, Hashable, Codable {
  /// The name as the person writes it, in any script.
  public var name: String
  /// Where the receipt, licence keys and download links go.
  public var email: String
  /// Optional; support staff use it for phone orders.
  public var phone: String
  /// The address; its country is always needed because it decides the tax.
  public var address: Address

  public init(name: String, email: String, phone: String = "", address: Address) {
    self.name = name
    self.email = email
    self.phone = phone
    self.address = address
  }

  private enum CodingKeys: String, CodingKey {
    case name, email, phone, address
  }

  /// Reads a customer; a missing phone is an empty one, as the API documents it optional.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      name: try container.decode(String.self, forKey: .name),
      email: try container.decode(String.self, forKey: .email),
      phone: try container.decodeIfPresent(String.self, forKey: .phone) ?? "",
      address: try container.decode(Address.self, forKey: .address))
  }

  /// The customer with every field trimmed and the country code in capitals.
  ///
  /// Validation already ignores surrounding spaces; this is what the desk sends and stores.
  public func normalised() -> Customer {
    Customer(
      name: name.trimmingASCIIWhitespace(),
      email: email.trimmingASCIIWhitespace(),
      phone: phone.trimmingASCIIWhitespace(),
      address: address.normalised())
  }
}

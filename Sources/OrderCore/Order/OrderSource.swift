/// Where an order came from: typed by the customer at a terminal, or by staff from a call,
/// a fax or a letter.
public enum OrderSource: String, CaseIterable, Sendable, Hashable, Codable {
  case terminal
  case phone
  case fax
  case mail

  /// The name shown on screens.
  public var displayName: String {
    switch self {
    case .terminal: "Terminal"
    case .phone: "Phone order"
    case .fax: "Fax order"
    case .mail: "Mail order"
    }
  }
}

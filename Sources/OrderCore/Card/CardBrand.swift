/// A card brand (scheme) the desk accepts.
///
/// The raw value is a stable name used in JSON and stored orders.
public enum CardBrand: String, CaseIterable, Sendable, Hashable, Codable {
  case visa = "visa"
  case mastercard = "mastercard"
  case americanExpress = "american_express"
  case discover = "discover"
  case dinersClub = "diners_club"
  case jcb = "jcb"
  case unionPay = "unionpay"
  case maestro = "maestro"

  /// The brand's name as people write it, for example "American Express".
  public var displayName: String {
    switch self {
    case .visa: "Visa"
    case .mastercard: "Mastercard"
    case .americanExpress: "American Express"
    case .discover: "Discover"
    case .dinersClub: "Diners Club"
    case .jcb: "JCB"
    case .unionPay: "UnionPay"
    case .maestro: "Maestro"
    }
  }

  /// The numbers of digits a card number of this brand may have, shortest first.
  public var validLengths: [Int] {
    switch self {
    case .visa: [13, 16, 19]
    case .mastercard: [16]
    case .americanExpress: [15]
    case .discover, .jcb, .unionPay: Array(16...19)
    case .dinersClub: Array(14...19)
    case .maestro: Array(12...19)
    }
  }

  /// The fewest digits a card number of this brand may have.
  public var minimumLength: Int { validLengths.first ?? CardNumberRules.maximumDigits }

  /// The most digits a card number of this brand may have.
  public var maximumLength: Int { validLengths.last ?? CardNumberRules.maximumDigits }

  /// The number of digits of the card's security code: 4 for American Express, 3 otherwise.
  public var cvcLength: Int { self == .americanExpress ? 4 : 3 }

  /// The sizes of the digit groups a card number of `length` digits is shown in.
  ///
  /// American Express is 4-6-5 and a 14-digit Diners Club number is 4-6-4, as printed on
  /// those cards; every other number is shown in groups of four. The sizes always add up to
  /// `length`, so a longer number than the brand allows gets extra groups of four.
  public func groupPattern(forLength length: Int) -> [Int] {
    let printed: [Int] =
      switch self {
      case .americanExpress: [4, 6, 5]
      case .dinersClub where length == 14: [4, 6, 4]
      default: []
      }
    var groups: [Int] = []
    var remaining = Swift.max(length, 0)
    for size in printed where remaining > 0 {
      groups.append(Swift.min(size, remaining))
      remaining -= groups[groups.count - 1]
    }
    while remaining > 0 {
      groups.append(Swift.min(4, remaining))
      remaining -= 4
    }
    return groups
  }
}

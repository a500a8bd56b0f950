/// One range of issuer identification numbers: the card numbers whose first `digits` digits,
/// read as a number, lie in `low...high`.
struct IssuerRange: Sendable {
  let brand: CardBrand
  let digits: Int
  let low: Int
  let high: Int

  init(_ brand: CardBrand, _ low: Int, _ high: Int? = nil) {
    self.brand = brand
    self.low = low
    self.high = high ?? low
    var width = 1
    var rest = low / 10
    while rest > 0 {
      width += 1
      rest /= 10
    }
    self.digits = width
  }
}

extension CardBrand {
  /// The brands' published issuer identification number ranges.
  ///
  /// UnionPay's 62 includes 622126–622925, which Discover also lists because those UnionPay
  /// cards are accepted on Discover's network. The cards are issued by UnionPay and carry its
  /// brand, so the desk reports them as UnionPay and Discover's list leaves that block out.
  static let issuerRanges: [IssuerRange] = [
    IssuerRange(.visa, 4),
    IssuerRange(.mastercard, 51, 55),
    IssuerRange(.mastercard, 2221, 2720),
    IssuerRange(.americanExpress, 34),
    IssuerRange(.americanExpress, 37),
    IssuerRange(.discover, 6011),
    IssuerRange(.discover, 644, 649),
    IssuerRange(.discover, 65),
    IssuerRange(.dinersClub, 300, 305),
    IssuerRange(.dinersClub, 3095),
    IssuerRange(.dinersClub, 36),
    IssuerRange(.dinersClub, 38, 39),
    IssuerRange(.jcb, 3528, 3589),
    IssuerRange(.unionPay, 62),
    IssuerRange(.maestro, 5018),
    IssuerRange(.maestro, 5020),
    IssuerRange(.maestro, 5038),
    IssuerRange(.maestro, 5893),
    IssuerRange(.maestro, 6304),
    IssuerRange(.maestro, 6759),
    IssuerRange(.maestro, 6761, 6763),
  ]

  /// The longest prefix any range looks at; later digits never change the brand.
  static let significantDigits = issuerRanges.map(\.digits).max() ?? 0

  /// The brand a card number starting with `digits` belongs to, or `nil` when the digits
  /// typed so far do not decide it yet or match no brand.
  ///
  /// `digits` are ASCII digit bytes; anything else gives `nil`.
  public static func detected(byPrefix digits: some Collection<UInt8>) -> CardBrand? {
    guard let prefix = IssuerPrefix(digits) else { return nil }
    var best: IssuerRange?
    for range in issuerRanges where prefix.fullyMatches(range) {
      if range.digits > (best?.digits ?? 0) { best = range }
    }
    return best?.brand
  }

  /// The brands a card number starting with `digits` could still turn out to be, in
  /// `allCases` order.
  ///
  /// An empty prefix allows every brand; a prefix no brand uses (such as "1") allows none,
  /// which lets the desk call a number invalid from its first digit. A non-digit among the
  /// leading digits allows none.
  public static func possibleBrands(forPrefix digits: some Collection<UInt8>) -> [CardBrand] {
    guard let prefix = IssuerPrefix(digits) else { return [] }
    let possible = Set(issuerRanges.filter { prefix.couldMatch($0) }.map(\.brand))
    return allCases.filter { possible.contains($0) }
  }
}

/// The first few digits of a card number as numbers, enough to compare with issuer ranges.
struct IssuerPrefix {
  private var values: [Int] = []

  /// The leading digits of `digits`, or `nil` when a byte that is not an ASCII digit comes
  /// among them.
  init?(_ digits: some Collection<UInt8>) {
    values.reserveCapacity(CardBrand.significantDigits)
    for byte in digits.prefix(CardBrand.significantDigits) {
      guard let value = CardNumberRules.digitValue(byte) else { return nil }
      values.append(value)
    }
  }

  /// Whether the typed digits cover the whole range prefix and it lies in the range.
  func fullyMatches(_ range: IssuerRange) -> Bool {
    guard values.count >= range.digits else { return false }
    let value = number(of: range.digits)
    return range.low <= value && value <= range.high
  }

  /// Whether some way of continuing the typed digits would land in the range.
  func couldMatch(_ range: IssuerRange) -> Bool {
    if values.count >= range.digits { return fullyMatches(range) }
    var scale = 1
    for _ in values.count..<range.digits { scale *= 10 }
    let smallest = number(of: values.count) * scale
    let largest = smallest + scale - 1
    return largest >= range.low && smallest <= range.high
  }

  private func number(of count: Int) -> Int {
    values.prefix(count).reduce(0) { $0 * 10 + $1 }
  }
}

/// The rules for a card's security code (CVC, CVV, CID), working on ASCII digit bytes.
public enum CVCRules {
  /// The lengths a security code may have for `brand`; both 3 and 4 while it is unknown.
  public static func validLengths(for brand: CardBrand?) -> ClosedRange<Int> {
    guard let brand else { return 3...4 }
    return brand.cvcLength...brand.cvcLength
  }

  /// What is wrong with `code` for a card of `brand`, or `nil` when it is acceptable.
  ///
  /// Reads at most five bytes, since no valid code is longer, so huge input costs nothing.
  public static func problem(in code: some Collection<UInt8>, brand: CardBrand?) -> CVCProblem? {
    let lengths = validLengths(for: brand)
    var count = 0
    for byte in code.prefix(lengths.upperBound + 1) {
      guard CardNumberRules.digitValue(byte) != nil else { return .notDigits }
      count += 1
    }
    if count == 0 { return .empty }
    return lengths.contains(count) ? nil : .wrongLength(brand)
  }

  /// What is wrong with the code held in `secret`, or `nil` when it is acceptable.
  public static func problem(in secret: SecretBytes, brand: CardBrand?) -> CVCProblem? {
    secret.withUnsafeBytes { problem(in: $0, brand: brand) }
  }
}

/// Why a security code was refused.
public enum CVCProblem: Error, Sendable, Hashable {
  /// Nothing was typed.
  case empty
  /// Something other than a digit was typed.
  case notDigits
  /// Too few or too many digits for the card's brand (`nil` when the brand is not known).
  case wrongLength(CardBrand?)

  /// The problem in words a person understands, saying where to find the code.
  public var message: String {
    switch self {
    case .empty:
      return "Please enter the card's security code."
    case .notDigits:
      return "The security code can only contain digits."
    case .wrongLength(.some(.americanExpress)):
      return "For American Express the security code is the 4 digits printed on the front of "
        + "the card."
    case .wrongLength(.some(let brand)):
      return "For \(brand.displayName) the security code is the \(brand.cvcLength) digits on "
        + "the back of the card."
    case .wrongLength(.none):
      return "The security code is the 3 or 4 digits printed on the card."
    }
  }
}

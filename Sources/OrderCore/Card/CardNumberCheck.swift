/// What the rules make of a card number, typed completely or only in part.
public struct CardNumberCheck: Sendable, Hashable {
  /// The brand the leading digits belong to, once they decide it.
  public let brand: CardBrand?
  /// Whether the number is empty, still being typed, complete and valid, or wrong.
  public let status: CardNumberStatus
  /// Whether the digits typed so far pass the Luhn checksum, for a live checksum mark.
  public let luhnValid: Bool

  public init(brand: CardBrand?, status: CardNumberStatus, luhnValid: Bool) {
    self.brand = brand
    self.status = status
    self.luhnValid = luhnValid
  }

  /// Whether the number is complete and valid.
  public var isValid: Bool { status == .valid }

  /// Whether `digitCount` digits that fail the checksum mean a mistyped digit rather than a
  /// number still being typed: at 16 digits, the length of nearly every card, or at the
  /// brand's longest.
  public func checksumIsWrong(digitCount: Int) -> Bool {
    guard status == .incomplete, !luhnValid else { return false }
    return digitCount >= 16 || digitCount == brand?.maximumLength
  }
}

/// How far a card number is from being usable.
public enum CardNumberStatus: Sendable, Hashable {
  /// Nothing typed yet.
  case empty
  /// Not valid yet, but typing more digits could still make it valid.
  case incomplete
  /// A complete number of a known brand with a correct checksum.
  case valid
  /// Wrong in a way that typing more digits cannot fix.
  case invalid(CardNumberProblem)
}

/// Why a card number cannot be valid.
public enum CardNumberProblem: Error, Sendable, Hashable, CaseIterable {
  /// It contains something other than digits (spaces and dashes between digits are fine).
  case notDigits
  /// Its leading digits belong to no brand the desk accepts.
  case unknownBrand
  /// It has more digits than its brand allows, or more than 19.
  case tooLong
  /// It has its brand's full length but the checksum does not match: a digit is mistyped.
  case wrongChecksum

  /// The problem in words a person at the keyboard understands; never contains the digits.
  public var message: String {
    switch self {
    case .notDigits:
      "A card number can only contain digits, spaces and dashes."
    case .unknownBrand:
      "This card number does not belong to a card we accept. We accept "
        + CardBrand.acceptedBrandsList + "."
    case .tooLong:
      "This card number has too many digits."
    case .wrongChecksum:
      "This card number is not valid; one of its digits is probably mistyped. Please check it."
    }
  }
}

extension CardBrand {
  /// The display names of all brands as one English list, for messages.
  static var acceptedBrandsList: String {
    let names = allCases.map(\.displayName)
    guard let last = names.last, names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " and " + last
  }
}

extension CardNumberRules {
  /// How many trailing digits masking may show; the rest of a card number is always hidden.
  public static let revealedDigits = 4

  /// The digits in the groups printed on the brand's cards, for example "4000 1234 5678 9010"
  /// or "3782 822463 10005".
  ///
  /// A number still being typed is grouped as the shortest length its brand allows that it
  /// can still reach, so a 14-digit-style Diners Club layout turns into groups of four once
  /// a 15th digit is typed. Without a brand, groups of four. Bytes that are not ASCII digits
  /// are skipped.
  public static func grouped(digits: some Collection<UInt8>, brand: CardBrand?) -> String {
    layout(digits, brand: brand) { _, digit in Character(Unicode.Scalar(digit)) }
  }

  /// The number grouped like `grouped(digits:brand:)` with every digit but the last four
  /// replaced by "•" (or "*" when `ascii` is set), for example "•••• •••• •••• 4242".
  ///
  /// Four digits or fewer are all hidden: a short entry's "last four" would be all of it.
  public static func masked(
    digits: some Collection<UInt8>, brand: CardBrand?, ascii: Bool = false
  ) -> String {
    let mask: Character = ascii ? "*" : "•"
    let count = digitCount(digits)
    let firstShown = count > revealedDigits ? count - revealedDigits : count
    return layout(digits, brand: brand) { index, digit in
      index >= firstShown ? Character(Unicode.Scalar(digit)) : mask
    }
  }

  /// The last four digits, the only part of a number the merchant side may see, or `nil`
  /// when there are four digits or fewer (they would be the whole number).
  public static func lastFour(digits: some Collection<UInt8>) -> String? {
    let count = digitCount(digits)
    guard count > revealedDigits else { return nil }
    var result = ""
    var index = 0
    for byte in digits where digitValue(byte) != nil {
      if index >= count - revealedDigits { result.append(Character(Unicode.Scalar(byte))) }
      index += 1
    }
    return result
  }

  private static func digitCount(_ digits: some Collection<UInt8>) -> Int {
    var count = 0
    for byte in digits where digitValue(byte) != nil { count += 1 }
    return count
  }

  /// Where each printed group of `digitCount` digits of `brand` starts, as digit indices
  /// from 0: a number still being typed is grouped as the shortest length its brand allows
  /// that it can still reach; without a brand, in fours.
  ///
  /// It needs only how many digits there are, so the desk can lay out a secret number
  /// without reading it.
  public static func groupStarts(digitCount: Int, brand: CardBrand?) -> [Int] {
    let target = brand?.validLengths.first { $0 >= digitCount } ?? digitCount
    var pattern = (brand?.groupPattern(forLength: target) ?? [])[...]
    var starts: [Int] = []
    var start = 0
    while start < digitCount {
      starts.append(start)
      start += pattern.popFirst() ?? 4
    }
    return starts
  }

  /// Walks the digits, asking `render` for each one's character and putting a space between
  /// groups.
  private static func layout(
    _ digits: some Collection<UInt8>, brand: CardBrand?,
    render: (_ index: Int, _ digit: UInt8) -> Character
  ) -> String {
    let count = digitCount(digits)
    let starts = Set(groupStarts(digitCount: count, brand: brand))
    var result = ""
    result.reserveCapacity(count + count / 4 + 1)
    var index = 0
    for byte in digits where digitValue(byte) != nil {
      if index > 0, starts.contains(index) { result.append(" ") }
      result.append(render(index, byte))
      index += 1
    }
    return result
  }
}

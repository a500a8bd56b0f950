extension CardNumberRules {
  /// The fewest digits taken for a card number in text that is not a card field.
  ///
  /// Every card issued today has 14 to 19 digits; 13-digit Visa numbers are no longer
  /// issued, and 13 digits would catch too many phone numbers that start with a 4.
  public static let fewestDigitsInText = 14

  /// The parts of `text` that are a whole, valid card number: 14 to 19 digits of a known
  /// brand, at one of its lengths, passing the checksum, written unbroken or in the groups
  /// cards are printed in (fours; 4-6-5 and 4-6-4), with single spaces or dashes between.
  ///
  /// This is how a card number typed into the wrong field (an address line, the phone) is
  /// caught before it is shown, sent or stored anywhere but the vault. Within a run of groups
  /// any consecutive groups can be the number, so one followed by its expiry
  /// (`NNNN NNNN NNNN NNNN MMYY`) is found; an unbroken run of more than 19 digits is a
  /// reference of some other kind and is left alone.
  public static func cardNumberRanges(in text: String) -> [Range<String.Index>] {
    var found: [Range<String.Index>] = []
    var run = DigitRun()
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let next = text.index(after: index)
      if let digit = character.asciiDigit {
        run.add(digit, at: index, next: next)
      } else {
        run.endGroup()
        let separatorWithinRun =
          run.hasGroups && (character == " " || character == "-") && next < text.endIndex
          && text[next].asciiDigit != nil
        if !separatorWithinRun { found += run.takeCardNumbers() }
      }
      index = next
    }
    run.endGroup()
    return found + run.takeCardNumbers()
  }

  /// The error for a field named `label` that holds a card number; it never repeats it.
  public static func misplacedMessage(_ label: String) -> String {
    "\(label) holds what looks like a card number. A card number belongs only in the card "
      + "number field, where it is sealed for the vault."
  }

  /// Whether `text` holds a whole, valid card number; see ``cardNumberRanges(in:)``.
  public static func containsCardNumber(_ text: String) -> Bool {
    !cardNumberRanges(in: text).isEmpty
  }
}

/// Digits in groups with single separators between them, as they are read from text.
private struct DigitRun {
  private struct Group {
    var range: Range<String.Index>
    var firstDigit: Int
    var count: Int
  }

  private var digits: [UInt8] = []
  private var groups: [Group] = []
  private var current: Group?

  var hasGroups: Bool { !groups.isEmpty }

  mutating func add(_ digit: UInt8, at index: String.Index, next: String.Index) {
    var group = current ?? Group(range: index..<next, firstDigit: digits.count, count: 0)
    group.range = group.range.lowerBound..<next
    group.count += 1
    current = group
    digits.append(digit)
  }

  mutating func endGroup() {
    if let group = current { groups.append(group) }
    current = nil
  }

  /// Whether groups of these sizes are how card numbers are written.
  ///
  /// That is unbroken, in fours (the last group may be shorter), or as American Express and
  /// Diners Club print theirs (4-6-5, 4-6-4). A phone number's groups (`49 30 1234 5678`)
  /// are not.
  static func isCardShaped(_ sizes: [Int]) -> Bool {
    guard let last = sizes.last, sizes.count > 1 else { return true }
    if sizes == [4, 6, 5] || sizes == [4, 6, 4] { return true }
    return sizes.dropLast().allSatisfy { $0 == 4 } && (1...4).contains(last)
  }

  /// The card numbers among consecutive groups of the run, which then starts afresh.
  ///
  /// From each group on, the first stretch of groups that is a card number counts and the
  /// search goes on after it; no stretch is longer than 19 digits, so this is linear.
  mutating func takeCardNumbers() -> [Range<String.Index>] {
    defer {
      digits.removeAll(keepingCapacity: true)
      groups.removeAll(keepingCapacity: true)
    }
    var found: [Range<String.Index>] = []
    var first = 0
    while first < groups.count {
      // The checksum grows with the stretch, so each length costs one digit more, not a
      // pass over all of them.
      var luhn = LuhnSums()
      var matched: Int?
      let from = groups[first].firstDigit
      stretch: for last in first..<groups.count {
        for _ in 0..<groups[last].count {
          guard luhn.count < CardNumberRules.maximumDigits else { break stretch }
          luhn.append(Int(digits[from + luhn.count] - 0x30))
        }
        if luhn.count >= CardNumberRules.fewestDigitsInText, luhn.isValid,
          Self.isCardShaped(groups[first...last].map(\.count)),
          CardNumberRules.evaluate(digits: digits[from..<from + luhn.count]).isValid
        {
          matched = last
          break
        }
      }
      if let last = matched {
        found.append(groups[first].range.lowerBound..<groups[last].range.upperBound)
        first = last + 1
      } else {
        first += 1
      }
    }
    return found
  }
}

extension Character {
  /// The ASCII byte of a digit 0–9, or `nil` for anything else (other scripts' digits too).
  fileprivate var asciiDigit: UInt8? {
    guard let ascii = asciiValue, (0x30...0x39).contains(ascii) else { return nil }
    return ascii
  }
}

import OrderCore

/// Which characters of a text field are drawn as bullets, so that no more than six digits of
/// a card number are ever on the screen in a row, even while it is typed and not yet whole.
///
/// The text is read as ``CardNumberScanner`` reads it: a digit is any scalar it counts as one,
/// a letter ends a run of digits, anything else separates the run's groups. A run is *open*
/// while the cursor is in the field and either no letter has come after it or the cursor is
/// in it: more digits could still make a card number of it. From each group start of an open
/// run, the digits to the run's end are where the scanner could later find a card; when there
/// are more than six of them (and at most 19) and they can begin a card of some brand
/// (`CardBrand.possibleBrands(forPrefix:)`), those after the sixth are hidden. The first six, a
/// card's issuer digits, stay readable; so does a run no brand begins with (`030 1234 5678`).
///
/// A run that a letter ended, or every run once the cursor has left the field, is shown in
/// full: the desk takes a whole card number out of the field as soon as the scanner finds it,
/// so what is left is known not to be one (`+49 30 12345678`, a postcode). Should the scanner
/// still find one in the text, its characters are hidden too.
enum CardDigitMask {
  /// How many leading digits of a possible card may be seen: its issuer digits.
  static let shownDigits = 6

  /// For each of `characters`, whether it is drawn as a bullet; `cursor` is the field's
  /// cursor, or `nil` when the field does not have it.
  static func hidden(_ characters: [Character], cursor: Int?) -> [Bool] {
    var hidden = Array(repeating: false, count: characters.count)
    var run = Run(start: 0)
    for (position, character) in characters.enumerated() {
      for scalar in character.unicodeScalars {
        if let value = CardNumberScanner.digitValue(scalar) {
          if run.digits.isEmpty { run.start = position }
          run.add(value, at: position)
        } else if scalar.properties.isAlphabetic {
          run.hide(in: &hidden, isOpen: cursor.map { run.holds($0) } ?? false)
          run = Run(start: position + 1)
        } else {
          run.endGroup()
        }
      }
    }
    run.hide(in: &hidden, isOpen: cursor != nil)
    hideCardNumbers(characters, in: &hidden)
    return hidden
  }

  /// Hides whatever the scanner finds to be a whole card number.
  private static func hideCardNumbers(_ characters: [Character], in hidden: inout [Bool]) {
    let text = String(characters)
    let found = CardNumberScanner.cardNumbers(in: text)
    guard !found.isEmpty else { return }
    let scalars = text.unicodeScalars
    // Found ranges as scalar offsets: joined, characters may merge, their scalars do not.
    let spans = found.map {
      scalars.distance(
        from: scalars.startIndex, to: $0.lowerBound)..<scalars.distance(
          from: scalars.startIndex, to: $0.upperBound)
    }
    var offset = 0
    for (position, character) in characters.enumerated() {
      let span = offset..<(offset + character.unicodeScalars.count)
      if spans.contains(where: { $0.overlaps(span) }) { hidden[position] = true }
      offset = span.upperBound
    }
  }

  /// The digits of one run as ASCII bytes, with where each came from and where groups start.
  private struct Run {
    var start: Int
    var digits: [UInt8] = []
    var positions: [Int] = []
    var groupStarts: [Int] = []
    var inGroup = false

    mutating func add(_ value: UInt8, at position: Int) {
      if !inGroup { groupStarts.append(digits.count) }
      inGroup = true
      digits.append(UInt8(ascii: "0") + value)
      positions.append(position)
    }

    mutating func endGroup() {
      inGroup = false
    }

    /// Whether the cursor at `cursor` is in this run or right after its last digit.
    func holds(_ cursor: Int) -> Bool {
      guard let last = positions.last else { return false }
      return (start...(last + 1)).contains(cursor)
    }

    /// Marks the digits of an open run that could be more than six of a card's.
    func hide(in hidden: inout [Bool], isOpen: Bool) {
      guard isOpen else { return }
      for first in groupStarts {
        let stretch = digits[first...]
        guard stretch.count > CardDigitMask.shownDigits,
          stretch.count <= CardNumberRules.maximumDigits,
          !CardBrand.possibleBrands(forPrefix: stretch).isEmpty
        else { continue }
        for index in (first + CardDigitMask.shownDigits)..<digits.count {
          hidden[positions[index]] = true
        }
      }
    }
  }
}

extension TextField {
  /// The field as drawn, with the characters ``CardDigitMask`` hides replaced by `bullet`.
  ///
  /// The text keeps its length and the cursor its place. `isFocused` says whether the field
  /// has the cursor.
  public func drawn(isFocused: Bool, bullet: Character) -> TextField {
    let hidden = CardDigitMask.hidden(characters, cursor: isFocused ? cursor : nil)
    guard hidden.contains(true) else { return self }
    var shown = self
    for (position, isHidden) in hidden.enumerated() where isHidden {
      shown.characters[position] = bullet
    }
    return shown
  }
}

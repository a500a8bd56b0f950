import Foundation

/// How tests look for a test card's number and CVC in text that must not hold them.
public enum CardLeaks {
  /// The ways a card number is written down: whole, and with spaces or dashes between groups
  /// of four and between the groups printed on the card (4-6-5 for 15 digits, 4-6-4 for 14).
  public static func spellings(of number: String) -> [String] {
    let digits = Array(number)
    func groups(_ sizes: [Int]) -> [String] {
      var parts: [String] = []
      var start = 0
      for size in sizes where start < digits.count {
        parts.append(String(digits[start..<min(start + size, digits.count)]))
        start += size
      }
      return parts
    }
    let fours = groups(Array(repeating: 4, count: (digits.count + 3) / 4))
    let printed =
      switch digits.count {
      case 15: groups([4, 6, 5])
      case 14: groups([4, 6, 4])
      default: fours
      }
    var spellings = [number]
    for parts in [fours, printed] {
      for separator in [" ", "-"] where !spellings.contains(parts.joined(separator: separator)) {
        spellings.append(parts.joined(separator: separator))
      }
    }
    return spellings
  }

  /// Whether `text` shows `number` (in any of its ``spellings(of:)``, or its last eight
  /// digits) or `cvc` as a word of its own.
  public static func leaks(in text: String, number: String, cvc: String) -> Bool {
    spellings(of: number).contains { text.contains($0) } || containsWord(cvc, in: text)
      || text.contains(String(number.suffix(8)))
  }

  /// Whether `word` stands in `text` with no letter or digit either side.
  ///
  /// A three-digit CVC turns up by chance inside random text now and then: a hex key id
  /// ("2d739c44"), base64 ciphertext ("…d7391H…"). That is not the CVC, while `"cvc":"739"`
  /// or `CVC 739` would be.
  public static func containsWord(_ word: String, in text: String) -> Bool {
    var searchStart = text.startIndex
    while let found = text.range(of: word, range: searchStart..<text.endIndex) {
      let before =
        found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
      let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
      if !(before.isLetter || before.isNumber) && !(after.isLetter || after.isNumber) {
        return true
      }
      searchStart = text.index(after: found.lowerBound)
    }
    return false
  }
}

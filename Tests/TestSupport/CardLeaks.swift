import Foundation

/// How tests look for a test card's number and CVC in text that must not hold them.
public enum CardLeaks {
  /// Whether `text` shows `number` (whole, in groups of four with spaces or dashes, or its last
  /// eight digits) or `cvc` as a word of its own.
  public static func leaks(in text: String, number: String, cvc: String) -> Bool {
    let grouped = stride(from: 0, to: number.count, by: 4).map { start in
      String(number.dropFirst(start).prefix(4))
    }
    return text.contains(number) || text.contains(grouped.joined(separator: " "))
      || text.contains(grouped.joined(separator: "-")) || containsWord(cvc, in: text)
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

import Foundation
import OrderCore

/// How tests look for a test card's number and CVC where they must not be.
///
/// A check searches for every spelling of every number and CVC the test used: whole, in the
/// groups printed on the card and in fours, with spaces, double spaces, dashes, dots or
/// slashes between, digit by digit, in full-width digits, and as a database would keep an
/// integer column (eight bytes, either byte order, or a double). Text that people or logs
/// read is also searched with the product's own `CardNumberScanner`, which finds any card
/// number however it is written. A finding names the file, the card by its last four and the
/// form, never the digits, so a failing test does not print what it found.
public enum CardLeaks {
  /// What is searched: text (logs, screens, answers) or bytes of any kind (databases).
  public enum Content: Sendable {
    /// Read by people: every card number the scanner finds is a leak, and a CVC standing as a
    /// word of its own is one.
    case text
    /// Any bytes: the exact spellings and integer forms only, as random bytes may look like
    /// a short CVC or a number in some spelling the scanner would accept; and no field named
    /// `cvc` at all.
    case binary
  }

  /// The ways a card number is written down as text.
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
    var spellings = [number, digits.map(String.init).joined(separator: " ")]
    for parts in [fours, printed] {
      for separator in [" ", "  ", "-", ".", "/"] {
        spellings.append(parts.joined(separator: separator))
      }
    }
    spellings.append(fullWidth(number))
    return Array(NSOrderedSet(array: spellings)) as? [String] ?? spellings
  }

  /// The number as a database or a binary format keeps an integer: eight bytes big- and
  /// little-endian (SQLite writes an integer this size big-endian), and an IEEE double.
  public static func integerForms(of number: String) -> [(form: String, bytes: [UInt8])] {
    guard let value = Int64(number) else { return [] }
    return [
      ("integer, big-endian", withUnsafeBytes(of: value.bigEndian, Array.init)),
      ("integer, little-endian", withUnsafeBytes(of: value.littleEndian, Array.init)),
      ("double", withUnsafeBytes(of: Double(value).bitPattern.bigEndian, Array.init)),
    ]
  }

  /// The ways a CVC is written down beside its name: `"cvc":"739"`, `cvc=739`, `CVC 739`.
  public static func labelledSpellings(ofCVC cvc: String) -> [String] {
    ["\"\(cvc)\"", "cvc\":\"\(cvc)", "cvc=\(cvc)", "cvc: \(cvc)", "cvc \(cvc)", "cvv \(cvc)"]
  }

  /// Everything of `numbers` and `cvcs` that `bytes` hold, each named without its digits.
  public static func findings(
    in bytes: [UInt8], as content: Content, numbers: [String], cvcs: [String],
    place: String = "the text"
  ) -> [String] {
    var found: [String] = []
    let text = String(decoding: bytes, as: UTF8.self)
    let lowered = text.lowercased()
    for number in numbers {
      let name = "the card ending \(number.suffix(4))"
      for (index, spelling) in spellings(of: number).enumerated()
      where contains(bytes, Array(spelling.utf8)) {
        found.append("\(place) holds \(name), spelling \(index + 1)")
      }
      if contains(bytes, Array(number.suffix(8).utf8)) {
        found.append("\(place) holds the last eight digits of \(name)")
      }
      for (form, pattern) in integerForms(of: number) where contains(bytes, pattern) {
        found.append("\(place) holds \(name) as an \(form)")
      }
    }
    for cvc in cvcs {
      for (index, spelling) in labelledSpellings(ofCVC: cvc).enumerated()
      where lowered.contains(spelling) {
        found.append("\(place) holds a CVC of the test, spelling \(index + 1)")
      }
      if content == .text, containsWord(cvc, in: text) {
        found.append("\(place) holds a CVC of the test as a word of its own")
      }
    }
    // A stored document has no business with a CVC field, even an empty one; an error
    // message may name the field it complains about.
    if content == .binary, lowered.contains("\"cvc\"") {
      found.append("\(place) holds a field named cvc")
    }
    if content == .text {
      for range in CardNumberScanner.cardNumbers(in: text) {
        found.append("\(place) holds a card number ending \(text[range].suffix(4))")
      }
    }
    return found
  }

  /// ``findings(in:as:numbers:cvcs:place:)`` for text.
  public static func findings(in text: String, numbers: [String], cvcs: [String]) -> [String] {
    findings(in: Array(text.utf8), as: .text, numbers: numbers, cvcs: cvcs)
  }

  /// The findings in every regular file under `directory`: logs (`.log`, `.txt`, `.json`,
  /// `.pem`) as text, anything else, databases and their WAL files among them, as bytes.
  public static func findings(
    inDirectory directory: String, numbers: [String], cvcs: [String]
  ) -> [String] {
    let manager = FileManager.default
    var found: [String] = []
    for path in manager.subpaths(atPath: directory) ?? [] {
      let file = directory + "/" + path
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
        let data = manager.contents(atPath: file)
      else { continue }
      let textual = ["log", "txt", "json", "pem"].contains((path as NSString).pathExtension)
      found += findings(
        in: Array(data), as: textual ? .text : .binary, numbers: numbers, cvcs: cvcs,
        place: path)
    }
    return found
  }

  /// Whether `text` shows `number` (in any spelling, or its last eight digits) or `cvc` as a
  /// word of its own.
  public static func leaks(in text: String, number: String, cvc: String) -> Bool {
    !findings(in: Array(text.utf8), as: .text, numbers: [number], cvcs: [cvc]).isEmpty
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

  /// `number` in full-width digits, as some keyboards and pastes give them.
  public static func fullWidth(_ number: String) -> String {
    String(
      String.UnicodeScalarView(
        number.unicodeScalars.map { scalar in
          guard ("0"..."9").contains(scalar) else { return scalar }
          return Unicode.Scalar(scalar.value - 0x30 + 0xFF10) ?? scalar
        }))
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    let first = needle[0]
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
        return true
      }
      index += 1
    }
    return false
  }
}

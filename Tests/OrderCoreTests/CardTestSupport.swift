@testable import OrderCore

/// Helpers shared by the card tests, written independently of the code under test.
enum CardTestKit {
  /// The widely published test card numbers, one or more per brand.
  static let publishedNumbers: [(number: String, brand: CardBrand)] = [
    ("4242424242424242", .visa),
    ("4000056655665556", .visa),
    ("4012888888881881", .visa),
    ("5555555555554444", .mastercard),
    ("2223003122003222", .mastercard),
    ("5200828282828210", .mastercard),
    ("378282246310005", .americanExpress),
    ("371449635398431", .americanExpress),
    ("6011111111111117", .discover),
    ("6011000990139424", .discover),
    ("3056930009020004", .dinersClub),
    ("36227206271667", .dinersClub),
    ("3566002020360505", .jcb),
    ("6200000000000005", .unionPay),
    ("6759649826438453", .maestro),
  ]

  /// The issuer ranges as the brands publish them, restated here rather than read from the
  /// code so that a wrong table in the code cannot agree with itself.
  static let publishedRanges: [(brand: CardBrand, low: Int, high: Int)] = [
    (.visa, 4, 4), (.mastercard, 51, 55), (.mastercard, 2221, 2720),
    (.americanExpress, 34, 34), (.americanExpress, 37, 37),
    (.discover, 6011, 6011), (.discover, 644, 649), (.discover, 65, 65),
    (.dinersClub, 300, 305), (.dinersClub, 3095, 3095), (.dinersClub, 36, 36),
    (.dinersClub, 38, 39), (.jcb, 3528, 3589), (.unionPay, 62, 62),
    (.maestro, 5018, 5018), (.maestro, 5020, 5020), (.maestro, 5038, 5038),
    (.maestro, 5893, 5893), (.maestro, 6304, 6304), (.maestro, 6759, 6759),
    (.maestro, 6761, 6763),
  ]

  static let publishedLengths: [CardBrand: [Int]] = [
    .visa: [13, 16, 19], .mastercard: [16], .americanExpress: [15],
    .discover: [16, 17, 18, 19], .dinersClub: [14, 15, 16, 17, 18, 19],
    .jcb: [16, 17, 18, 19], .unionPay: [16, 17, 18, 19],
    .maestro: [12, 13, 14, 15, 16, 17, 18, 19],
  ]

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  static func digits(_ values: [Int]) -> [UInt8] {
    values.map { UInt8(ascii: "0") + UInt8($0) }
  }

  /// The Luhn check digit for `payload`, computed from the right as the algorithm is usually
  /// written (the code under test computes it from the left).
  static func checkDigit(for payload: [Int]) -> Int {
    var sum = 0
    for (offset, value) in payload.reversed().enumerated() {
      if offset % 2 == 0 {
        let doubled = value * 2
        sum += doubled > 9 ? doubled - 9 : doubled
      } else {
        sum += value
      }
    }
    return (10 - sum % 10) % 10
  }

  /// Whether `values` pass Luhn, computed from the right.
  static func referenceLuhn(_ values: [Int]) -> Bool {
    guard let last = values.last else { return false }
    return checkDigit(for: Array(values.dropLast())) == last
  }

  /// A Luhn-valid number of `brand`, built from generated choices.
  ///
  /// A prefix from one of its published ranges, random filler and the computed check digit.
  static func makeNumber(
    brand: CardBrand, rangeChoice: Int, prefixChoice: Int, lengthChoice: Int, filler: [Int]
  ) -> [Int] {
    let ranges = publishedRanges.filter { $0.brand == brand }
    let range = ranges[rangeChoice % ranges.count]
    let prefixValue = range.low + prefixChoice % (range.high - range.low + 1)
    let lengths = publishedLengths[brand] ?? []
    let length = lengths[lengthChoice % lengths.count]
    var payload = String(prefixValue).map { Int(String($0)) ?? 0 }
    var fill = filler.makeIterator()
    while payload.count < length - 1 { payload.append(fill.next() ?? 0) }
    return payload + [checkDigit(for: payload)]
  }

  /// The digits 0–9 that appear in `text`, as bytes.
  static func digitBytes(in text: String) -> [UInt8] {
    text.utf8.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }

  /// A string of `count` copies of `character`, for hostile-size input.
  static func huge(_ character: Character, count: Int = 10_000_000) -> String {
    String(repeating: String(character), count: count)
  }

  /// Bytes that count how many of them were read, to prove that a rule stops early on huge
  /// input instead of trusting a timer.
  struct CountingBytes: Collection {
    final class Counter {
      var reads = 0
    }

    let base: [UInt8]
    let counter = Counter()

    init(_ base: [UInt8]) { self.base = base }

    var startIndex: Int { base.startIndex }
    var endIndex: Int { base.endIndex }
    func index(after index: Int) -> Int { index + 1 }

    subscript(position: Int) -> UInt8 {
      counter.reads += 1
      return base[position]
    }
  }
}

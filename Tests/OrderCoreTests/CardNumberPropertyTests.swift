import PropertyBased
import Testing

@testable import OrderCore

@Suite("Card number properties")
struct CardNumberPropertyTests {
  /// Inputs for one generated Luhn-valid number of some brand.
  private static let numberSeed = zip(
    Gen.int(in: 0..<CardBrand.allCases.count), Gen.int(in: 0...1000), Gen.int(in: 0...1000),
    Gen.int(in: 0...1000), Gen.int(in: 0...9).array(of: 19))

  private static func number(_ seed: (Int, Int, Int, Int, [Int])) -> (CardBrand, [Int]) {
    let brand = CardBrand.allCases[seed.0]
    let values = CardTestKit.makeNumber(
      brand: brand, rangeChoice: seed.1, prefixChoice: seed.2, lengthChoice: seed.3,
      filler: seed.4)
    return (brand, values)
  }

  @Test func everyGeneratedNumberOfEveryBrandIsValidWithThatBrand() async {
    await propertyCheck(count: 400, input: Self.numberSeed) { seed in
      let (brand, values) = Self.number(seed)
      let result = CardNumberRules.evaluate(digits: CardTestKit.digits(values))
      #expect(result.status == .valid, "\(brand) \(values.count) digits")
      #expect(result.brand == brand)
      #expect(result.luhnValid)
    }
  }

  @Test func typingAValidNumberNeverPassesThroughInvalid() async {
    await propertyCheck(count: 200, input: Self.numberSeed) { seed in
      let (_, values) = Self.number(seed)
      for length in 1...values.count {
        let status = CardNumberRules.evaluate(digits: CardTestKit.digits(Array(values[..<length])))
          .status
        #expect(status == .incomplete || status == .valid, "at \(length) digits")
      }
    }
  }

  @Test func changingAnySingleDigitBreaksTheChecksum() async {
    await propertyCheck(
      count: 300, input: Self.numberSeed, Gen.int(in: 0...18), Gen.int(in: 1...9)
    ) { seed, position, shift in
      let (_, values) = Self.number(seed)
      var changed = values
      let index = position % values.count
      changed[index] = (values[index] + shift) % 10
      #expect(!CardNumberRules.luhnIsValid(CardTestKit.digits(changed)))
      #expect(CardNumberRules.evaluate(digits: CardTestKit.digits(changed)).status != .valid)
    }
  }

  @Test func luhnAgreesWithAReferenceComputedFromTheRight() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...9).array(of: 1...40)) { values in
      #expect(
        CardNumberRules.luhnIsValid(CardTestKit.digits(values))
          == CardTestKit.referenceLuhn(values))
    }
  }

  @Test func groupingThenRemovingSpacesGivesTheDigitsBack() async {
    let brands = Gen.int(in: -1..<CardBrand.allCases.count)
    await propertyCheck(count: 300, input: Gen.int(in: 0...9).array(of: 0...25), brands) {
      values, brandIndex in
      let brand = brandIndex < 0 ? nil : CardBrand.allCases[brandIndex]
      let digits = CardTestKit.digits(values)
      let text = CardNumberRules.grouped(digits: digits, brand: brand)
      #expect(Array(text.utf8.filter { $0 != UInt8(ascii: " ") }) == digits)
      #expect(!text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.contains("  "))
      #expect(CardNumberRules.normalise(text) == digits || text.utf8.count > 64)
    }
  }

  @Test func maskingNeverShowsMoreThanTheLastFour() async {
    let brands = Gen.int(in: -1..<CardBrand.allCases.count)
    await propertyCheck(
      count: 300, input: Gen.int(in: 0...9).array(of: 0...25), brands, Gen.bool
    ) { values, brandIndex, ascii in
      let brand = brandIndex < 0 ? nil : CardBrand.allCases[brandIndex]
      let digits = CardTestKit.digits(values)
      let text = CardNumberRules.masked(digits: digits, brand: brand, ascii: ascii)
      let shown = CardTestKit.digitBytes(in: text)
      let expectedShown = digits.count > 4 ? Array(digits.suffix(4)) : []
      #expect(shown == expectedShown)
      // The mask keeps the layout of the grouped number, so it can replace it on screen.
      let layout = CardNumberRules.grouped(digits: digits, brand: brand)
      #expect(text.count == layout.count)
      #expect(zip(text, layout).allSatisfy { ($0 == " ") == ($1 == " ") })
    }
  }

  @Test func detectedBrandIsAlwaysAmongThePossibleOnes() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...9).array(of: 0...8)) { values in
      let digits = CardTestKit.digits(values)
      let possible = CardBrand.possibleBrands(forPrefix: digits)
      if let brand = CardBrand.detected(byPrefix: digits) {
        #expect(possible == [brand])
      }
      if possible.isEmpty {
        #expect(CardNumberRules.evaluate(digits: digits).status == .invalid(.unknownBrand))
      }
      // The published ranges agree: a brand is possible exactly when some range still fits.
      let expected = CardBrand.allCases.filter { brand in
        CardTestKit.publishedRanges.contains { range in
          range.brand == brand && Self.prefix(values, couldStart: range)
        }
      }
      #expect(possible == expected)
    }
  }

  @Test func arbitraryBytesNeverCrashAndNeverBecomeValidWithNonDigits() async {
    await propertyCheck(count: 300, input: Gen.uint8(in: 0...255).array(of: 0...40)) { bytes in
      let result = CardNumberRules.evaluate(input: bytes)
      let allowed = bytes.allSatisfy {
        (48...57).contains($0) || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-")
      }
      if !allowed { #expect(result.status == .invalid(.notDigits)) }
      #expect((CardNumberRules.normalise(bytes) != nil) == allowed)
    }
  }

  private static func prefix(
    _ values: [Int], couldStart range: (brand: CardBrand, low: Int, high: Int)
  ) -> Bool {
    let width = String(range.low).count
    return (range.low...range.high).contains { candidate in
      let candidateDigits = String(candidate).map { Int(String($0)) ?? -1 }
      let shared = min(width, values.count)
      return Array(values.prefix(shared)) == Array(candidateDigits.prefix(shared))
    }
  }
}

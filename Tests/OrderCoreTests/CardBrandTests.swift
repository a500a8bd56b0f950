import Testing

@testable import OrderCore

@Suite("Card brands")
struct CardBrandTests {
  private func detected(_ prefix: String) -> CardBrand? {
    CardBrand.detected(byPrefix: CardTestKit.bytes(prefix))
  }

  private func possible(_ prefix: String) -> [CardBrand] {
    CardBrand.possibleBrands(forPrefix: CardTestKit.bytes(prefix))
  }

  @Test func displayNamesAsTheBrandsWriteThem() {
    let names = CardBrand.allCases.map(\.displayName)
    #expect(
      names == [
        "Visa", "Mastercard", "American Express", "Discover", "Diners Club", "JCB", "UnionPay",
        "Maestro",
      ])
  }

  @Test func lengthsAndCVCLengthsMatchThePublishedOnes() {
    for brand in CardBrand.allCases {
      #expect(brand.validLengths == CardTestKit.publishedLengths[brand], "\(brand)")
      #expect(brand.cvcLength == (brand == .americanExpress ? 4 : 3))
    }
    #expect(CardBrand.maestro.minimumLength == 12)
    #expect(CardBrand.mastercard.maximumLength == 16)
  }

  @Test func rawValuesAreStable() {
    #expect(CardBrand.americanExpress.rawValue == "american_express")
    #expect(CardBrand(rawValue: "diners_club") == .dinersClub)
    #expect(CardBrand(rawValue: "Visa") == nil)
  }

  @Test(arguments: [
    (CardBrand.americanExpress, 15, [4, 6, 5]),
    (.dinersClub, 14, [4, 6, 4]),
    (.dinersClub, 16, [4, 4, 4, 4]),
    (.visa, 16, [4, 4, 4, 4]),
    (.visa, 13, [4, 4, 4, 1]),
    (.visa, 19, [4, 4, 4, 4, 3]),
    (.maestro, 12, [4, 4, 4]),
    (.americanExpress, 6, [4, 2]),
    (.americanExpress, 17, [4, 6, 5, 2]),
    (.visa, 0, []),
    (.visa, -3, []),
  ])
  func groupPatterns(brand: CardBrand, length: Int, expected: [Int]) {
    #expect(brand.groupPattern(forLength: length) == expected)
  }

  @Test func publishedTestNumbersAreDetected() {
    for (number, brand) in CardTestKit.publishedNumbers {
      #expect(detected(number) == brand, "\(brand)")
      #expect(possible(number) == [brand], "\(brand)")
    }
  }

  @Test(
    arguments: [
      ("2220", nil), ("2221", .mastercard), ("2720", .mastercard), ("2721", nil),
      ("50", nil), ("51", .mastercard), ("55", .mastercard), ("56", nil),
      ("3527", nil), ("3528", .jcb), ("3589", .jcb), ("3590", nil),
      ("643", nil), ("644", .discover), ("649", .discover), ("650", .discover),
      ("6010", nil), ("6011", .discover), ("6012", nil),
      ("299", nil), ("300", .dinersClub), ("305", .dinersClub), ("306", nil),
      ("3094", nil), ("3095", .dinersClub), ("3096", nil), ("36", .dinersClub),
      ("38", .dinersClub), ("39", .dinersClub), ("34", .americanExpress),
      ("37", .americanExpress), ("33", nil), ("35", nil),
      ("622125", .unionPay), ("622126", .unionPay), ("622925", .unionPay), ("622926", .unionPay),
      ("62", .unionPay), ("61", nil),
      ("5018", .maestro), ("5019", nil), ("5020", .maestro), ("5038", .maestro),
      ("5893", .maestro), ("5894", nil), ("6304", .maestro), ("6759", .maestro),
      ("6760", nil), ("6761", .maestro), ("6763", .maestro), ("6764", nil),
      ("4", .visa), ("1", nil), ("0", nil), ("7", nil), ("8", nil), ("9", nil), ("", nil),
    ] as [(String, CardBrand?)])
  func rangeEdges(prefix: String, expected: CardBrand?) {
    #expect(detected(prefix) == expected)
    if let expected {
      #expect(possible(prefix) == [expected])
    }
  }

  @Test func unionPayBlockOnDiscoversNetworkIsUnionPay() {
    for prefix in ["622126", "622500", "622925"] {
      #expect(detected(prefix) == .unionPay)
      #expect(!possible(prefix).contains(.discover))
    }
  }

  @Test(
    arguments: [
      ("", CardBrand.allCases),
      ("2", [.mastercard]),
      ("22", [.mastercard]),
      ("222", [.mastercard]),
      ("2220", []),
      ("27", [.mastercard]),
      ("272", [.mastercard]),
      ("273", []),
      ("28", []),
      ("3", [.americanExpress, .dinersClub, .jcb]),
      ("30", [.dinersClub]),
      ("309", [.dinersClub]),
      ("35", [.jcb]),
      ("352", [.jcb]),
      ("5", [.mastercard, .maestro]),
      ("50", [.maestro]),
      ("58", [.maestro]),
      ("6", [.discover, .unionPay, .maestro]),
      ("60", [.discover]),
      ("63", [.maestro]),
      ("64", [.discover]),
      ("67", [.maestro]),
      ("1", []),
      ("9", []),
      ("x", []),
      ("4x", []),
    ] as [(String, [CardBrand])])
  func possibleBrandsForPartialPrefixes(prefix: String, expected: [CardBrand]) {
    #expect(possible(prefix) == expected)
  }

  @Test func hostilePrefixesMatchNothing() {
    for prefix in ["４", "٤٢", "💳", "4\u{301}", "\u{1B}[4m", "\0" + "4", " 4"] {
      #expect(detected(prefix) == nil, "\(prefix.unicodeScalars.map(\.value))")
      #expect(possible(prefix).isEmpty)
    }
  }

  @Test func onlyTheLeadingDigitsAreReadEvenForHugeInput() {
    let huge = CardTestKit.CountingBytes(CardTestKit.bytes(CardTestKit.huge("4", count: 1_000_000)))
    #expect(CardBrand.detected(byPrefix: huge) == .visa)
    #expect(CardBrand.possibleBrands(forPrefix: huge) == [.visa])
    #expect(huge.counter.reads <= 2 * 6)
  }
}

import Testing

@testable import OrderCore

@Suite("Card number grouping and masking")
struct CardNumberDisplayTests {
  private func grouped(_ text: String, _ brand: CardBrand?) -> String {
    CardNumberRules.grouped(digits: CardTestKit.bytes(text), brand: brand)
  }

  private func masked(_ text: String, _ brand: CardBrand?, ascii: Bool = false) -> String {
    CardNumberRules.masked(digits: CardTestKit.bytes(text), brand: brand, ascii: ascii)
  }

  @Test(
    arguments: [
      ("4242424242424242", CardBrand.visa, "4242 4242 4242 4242"),
      ("378282246310005", .americanExpress, "3782 822463 10005"),
      ("36227206271667", .dinersClub, "3622 720627 1667"),
      ("3056930009020004", .dinersClub, "3056 9300 0902 0004"),
      ("4222222222222", .visa, "4222 2222 2222 2"),
      ("4242424242424242424", .visa, "4242 4242 4242 4242 424"),
      ("675964982643", .maestro, "6759 6498 2643"),
      ("6200000000000005", .unionPay, "6200 0000 0000 0005"),
      ("378282", .americanExpress, "3782 82"),
      ("3622720627", .dinersClub, "3622 720627"),
      ("362272062716678", .dinersClub, "3622 7206 2716 678"),
      ("3", nil, "3"),
      ("12345678", nil, "1234 5678"),
      ("1234", nil, "1234"),
      ("", nil, ""),
      ("", .americanExpress, ""),
    ] as [(String, CardBrand?, String)])
  func groupsAsPrintedOnTheCard(digits: String, brand: CardBrand?, expected: String) {
    #expect(grouped(digits, brand) == expected)
  }

  @Test(
    arguments: [
      ("4242424242424242", CardBrand.visa, "•••• •••• •••• 4242"),
      ("378282246310005", .americanExpress, "•••• •••••• •0005"),
      ("36227206271667", .dinersClub, "•••• •••••• 1667"),
      ("5555555555554444", .mastercard, "•••• •••• •••• 4444"),
      ("42424", .visa, "•242 4"),
      ("4242", .visa, "••••"),
      ("424", .visa, "•••"),
      ("4", .visa, "•"),
      ("", .visa, ""),
    ] as [(String, CardBrand?, String)])
  func masksAllButTheLastFour(digits: String, brand: CardBrand?, expected: String) {
    #expect(masked(digits, brand) == expected)
  }

  @Test func asciiMaskUsesStars() {
    #expect(masked("4242424242424242", .visa, ascii: true) == "**** **** **** 4242")
    #expect(masked("378282246310005", .americanExpress, ascii: true) == "**** ****** *0005")
    #expect(masked("4242", nil, ascii: true) == "****")
    #expect(masked("4242424242424242", .visa, ascii: true).unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func lastFourOnlyWhenMoreThanFourDigits() {
    #expect(CardNumberRules.lastFour(digits: CardTestKit.bytes("4242424242424242")) == "4242")
    #expect(CardNumberRules.lastFour(digits: CardTestKit.bytes("378282246310005")) == "0005")
    #expect(CardNumberRules.lastFour(digits: CardTestKit.bytes("12345")) == "2345")
    #expect(CardNumberRules.lastFour(digits: CardTestKit.bytes("4242")) == nil)
    #expect(CardNumberRules.lastFour(digits: [UInt8]()) == nil)
  }

  @Test func nonDigitBytesAreNeverShown() {
    let hostile = CardTestKit.bytes("4242\u{1B}[H4242💳42424242")
    #expect(CardNumberRules.grouped(digits: hostile, brand: .visa) == "4242 4242 4242 4242")
    #expect(CardNumberRules.masked(digits: hostile, brand: .visa) == "•••• •••• •••• 4242")
  }

  /// The desk lays out a secret number from these starts alone, as the brands print them.
  @Test func groupStartsAreWhereTheSpacesGo() {
    #expect(CardNumberRules.groupStarts(digitCount: 15, brand: .americanExpress) == [0, 4, 10])
    #expect(CardNumberRules.groupStarts(digitCount: 14, brand: .dinersClub) == [0, 4, 10])
    #expect(CardNumberRules.groupStarts(digitCount: 7, brand: .visa) == [0, 4])
    #expect(CardNumberRules.groupStarts(digitCount: 15, brand: .dinersClub) == [0, 4, 8, 12])
    #expect(CardNumberRules.groupStarts(digitCount: 19, brand: nil) == [0, 4, 8, 12, 16])
    #expect(CardNumberRules.groupStarts(digitCount: 0, brand: nil) == [])
  }
}

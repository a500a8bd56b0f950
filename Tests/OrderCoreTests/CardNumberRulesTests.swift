import Testing

@testable import OrderCore

@Suite("Card number rules")
struct CardNumberRulesTests {
  private func check(_ text: String) -> CardNumberCheck {
    CardNumberRules.evaluate(digits: CardTestKit.bytes(text))
  }

  @Test func publishedTestNumbersAreValidWithTheirBrand() {
    for (number, brand) in CardTestKit.publishedNumbers {
      let result = check(number)
      #expect(result.status == .valid, "\(brand)")
      #expect(result.brand == brand)
      #expect(result.luhnValid)
      #expect(result.isValid)
      #expect(CardNumberRules.luhnIsValid(CardTestKit.bytes(number)))
    }
  }

  @Test func emptyIsEmpty() {
    #expect(check("") == CardNumberCheck(brand: nil, status: .empty, luhnValid: false))
    #expect(CardNumberRules.evaluate(" - ").status == .empty)
  }

  @Test(
    arguments: [
      ("4", CardBrand.visa), ("4242", .visa), ("424242424242424", .visa),
      ("3", nil), ("37828224631000", .americanExpress), ("5", nil), ("6", nil), ("2", nil),
      ("36227206271", .dinersClub), ("62000000000000", .unionPay),
    ] as [(String, CardBrand?)])
  func partialNumbersAreIncomplete(number: String, brand: CardBrand?) {
    let result = check(number)
    #expect(result.status == .incomplete)
    #expect(result.brand == brand)
  }

  @Test func aFailedChecksumBeforeTheLongestLengthIsStillIncomplete() {
    // Visa may still grow to 19 digits, so a 16-digit slip is not final yet.
    let result = check("4242424242424241")
    #expect(result.status == .incomplete)
    #expect(!result.luhnValid)
    #expect(result.brand == .visa)
    // A 14-digit Diners Club number that fails may still become a 16-digit one.
    #expect(check("36227206271668").status == .incomplete)
  }

  @Test(arguments: [
    "4242424242424242421", "378282246310006", "5555555555554445", "6011111111111117001",
    "3566002020360505001",
  ])
  func aFailedChecksumAtTheLongestLengthIsInvalid(number: String) {
    let result = check(number)
    #expect(result.status == .invalid(.wrongChecksum))
    #expect(!result.luhnValid)
    #expect(result.brand != nil)
  }

  @Test func aValidShorterNumberCanStillBeTypedOn() {
    // 13-digit Visa numbers exist; the same digits followed by more are judged afresh.
    #expect(check("4222222222222").status == .valid)
    #expect(check("42222222222221").status == .incomplete)
  }

  @Test(
    arguments: [
      ("55555555555544440", CardBrand.mastercard), ("3782822463100050", .americanExpress),
      ("42424242424242424242", .visa), ("4242424242424242424242424", .visa),
      ("12345678901234567890", nil),
    ] as [(String, CardBrand?)])
  func tooManyDigitsIsTooLong(number: String, brand: CardBrand?) {
    let result = check(number)
    #expect(result.status == .invalid(.tooLong))
    #expect(result.brand == brand)
  }

  @Test(arguments: ["1", "12", "7777", "2220000000000000", "99999999999999999", "0"])
  func numbersNoBrandUsesAreInvalidAtOnce(number: String) {
    #expect(check(number).status == .invalid(.unknownBrand))
    #expect(check(number).brand == nil)
  }

  @Test(arguments: [
    "4242 4242", "4242-4242", "abc", "4242a", "4242💳4242", "4\u{301}242", "\u{1B}[31m4242",
    "４２４２", "٤٢٤٢", "4242\0", "4242\n", "\t4242", "+4242", "4242.4242",
  ])
  func onlyDigitsAreDigits(text: String) {
    #expect(check(text).status == .invalid(.notDigits))
  }

  @Test func inputMaySeparateGroupsWithSpacesAndDashes() {
    for text in [
      "4242 4242 4242 4242", "4242-4242-4242-4242", " 4242  4242-4242 4242 ",
      "3782 822463 10005",
    ] {
      #expect(CardNumberRules.evaluate(text).status == .valid, "\(text)")
    }
    #expect(CardNumberRules.normalise("4242 4242-42") == CardTestKit.bytes("4242424242"))
    #expect(CardNumberRules.normalise("") == [])
  }

  @Test(arguments: [
    "4242 4242 4242 424x", "4242\t4242", "4242_4242", "4242–4242", "4242\u{00A0}4242",
    "4242💳", "4\u{301}242", "\u{1B}[2J4242", "4242/4242",
  ])
  func inputRefusesAnythingButDigitsSpacesAndDashes(text: String) {
    #expect(CardNumberRules.normalise(text) == nil)
    #expect(CardNumberRules.normalisedSecret(text.utf8) == nil)
    #expect(CardNumberRules.evaluate(text).status == .invalid(.notDigits))
  }

  @Test func normalisedSecretHoldsTheDigits() throws {
    let secret = try #require(CardNumberRules.normalisedSecret("4242-4242 4242 4242".utf8))
    #expect(secret.withUnsafeBytes { Array($0) } == CardTestKit.bytes("4242424242424242"))
    #expect(CardNumberRules.evaluate(secret).status == .valid)
  }

  @Test(.timeLimit(.minutes(1)))
  func hugeInputIsRefusedWithoutReadingIt() {
    let digits = CardTestKit.huge("4")
    let letters = CardTestKit.huge("a")
    let spaces = CardTestKit.huge(" ")
    let digitBytes = CardTestKit.bytes(digits)
    #expect(CardNumberRules.evaluate(digits).status == .invalid(.tooLong))
    #expect(CardNumberRules.evaluate(spaces).status == .invalid(.tooLong))
    #expect(CardNumberRules.evaluate(letters).status == .invalid(.notDigits))
    #expect(CardNumberRules.evaluate(digits: digitBytes).status == .invalid(.tooLong))
    #expect(CardNumberRules.evaluate(input: digitBytes).status == .invalid(.tooLong))
    #expect(CardNumberRules.normalise(digits) == nil)
    #expect(CardNumberRules.normalise(digitBytes) == nil)
    #expect(CardNumberRules.normalisedSecret(digitBytes) == nil)
    // Counting reads, not time, shows the rules stop at the input limit.
    for read in [
      { (bytes: CardTestKit.CountingBytes) in _ = CardNumberRules.evaluate(digits: bytes) },
      { _ = CardNumberRules.evaluate(input: $0) },
      { _ = CardNumberRules.normalise($0) },
      { _ = CardNumberRules.normalisedSecret($0) },
    ] {
      let counted = CardTestKit.CountingBytes(Array(digitBytes.prefix(100_000)))
      read(counted)
      #expect(counted.counter.reads <= CardNumberRules.maximumInputLength + 1)
    }
  }

  @Test func inputLengthLimitCountsSeparatorsToo() {
    let spaced = Array(repeating: "4", count: 16).joined(separator: "    ")
    #expect(spaced.utf8.count > CardNumberRules.maximumInputLength)
    #expect(CardNumberRules.evaluate(spaced).status == .invalid(.tooLong))
    let fits = Array(repeating: "4", count: 16).joined(separator: " - ")
    #expect(fits.utf8.count <= CardNumberRules.maximumInputLength)
    #expect(CardNumberRules.normalise(fits)?.count == 16)
  }

  @Test func luhnEdgeCases() {
    #expect(!CardNumberRules.luhnIsValid([UInt8]()))
    #expect(CardNumberRules.luhnIsValid(CardTestKit.bytes("0")))
    #expect(CardNumberRules.luhnIsValid(CardTestKit.bytes("18")))
    #expect(!CardNumberRules.luhnIsValid(CardTestKit.bytes("19")))
    #expect(CardNumberRules.luhnIsValid(CardTestKit.bytes("79927398713")))
    #expect(!CardNumberRules.luhnIsValid(CardTestKit.bytes("79927398710")))
    #expect(!CardNumberRules.luhnIsValid(CardTestKit.bytes("4242 4242 4242 4242")))
  }

  @Test func problemMessagesAreSentencesWithoutDigits() {
    for problem in CardNumberProblem.allCases {
      let message = problem.message
      #expect(message.hasSuffix("."))
      #expect(CardTestKit.digitBytes(in: message).isEmpty, "\(problem)")
      #expect(message.first?.isUppercase == true)
    }
    #expect(CardNumberProblem.unknownBrand.message.contains("UnionPay and Maestro"))
  }
}

import Testing

@testable import OrderCore

@Suite("CVC and cardholder name")
struct CardFieldRulesTests {
  private func cvc(_ text: String, _ brand: CardBrand?) -> CVCProblem? {
    CVCRules.problem(in: CardTestKit.bytes(text), brand: brand)
  }

  @Test func cvcLengthPerBrand() {
    for brand in CardBrand.allCases {
      let good = String(repeating: "7", count: brand.cvcLength)
      let short = String(repeating: "7", count: brand.cvcLength - 1)
      let long = String(repeating: "7", count: brand.cvcLength + 1)
      #expect(cvc(good, brand) == nil, "\(brand)")
      #expect(cvc(short, brand) == .wrongLength(brand))
      #expect(cvc(long, brand) == .wrongLength(brand))
    }
    #expect(cvc("1234", .americanExpress) == nil)
    #expect(cvc("123", .americanExpress) == .wrongLength(.americanExpress))
    #expect(cvc("1234", .visa) == .wrongLength(.visa))
  }

  @Test func unknownBrandAcceptsThreeOrFour() {
    #expect(cvc("123", nil) == nil)
    #expect(cvc("1234", nil) == nil)
    #expect(cvc("12", nil) == .wrongLength(nil))
    #expect(cvc("12345", nil) == .wrongLength(nil))
  }

  @Test(arguments: ["12a", " 123", "123 ", "１２３", "12💳", "1\u{301}23", "\u{1B}[1m", "-12", "\0"])
  func cvcIsDigitsOnly(text: String) {
    #expect(cvc(text, .visa) == .notDigits)
  }

  @Test(.timeLimit(.minutes(1)))
  func cvcEmptyAndHuge() {
    #expect(cvc("", .visa) == .empty)
    let huge = CardTestKit.CountingBytes(CardTestKit.bytes(CardTestKit.huge("1")))
    #expect(CVCRules.problem(in: huge, brand: .visa) == .wrongLength(.visa))
    #expect(huge.counter.reads <= 5)
    let letters = CardTestKit.huge("x")
    #expect(CVCRules.problem(in: letters.utf8, brand: nil) == .notDigits)
  }

  @Test func cvcFromASecret() {
    let secret = SecretBytes(copying: "737".utf8)
    #expect(CVCRules.problem(in: secret, brand: .mastercard) == nil)
    #expect(CVCRules.problem(in: secret, brand: .americanExpress) == .wrongLength(.americanExpress))
  }

  @Test func cvcMessagesSayWhereTheCodeIs() {
    #expect(CVCProblem.wrongLength(.americanExpress).message.contains("4 digits"))
    #expect(CVCProblem.wrongLength(.americanExpress).message.contains("front"))
    #expect(CVCProblem.wrongLength(.visa).message.contains("3 digits"))
    #expect(CVCProblem.wrongLength(.visa).message.contains("Visa"))
    #expect(CVCProblem.wrongLength(nil).message.contains("3 or 4"))
    for problem in [CVCProblem.empty, .notDigits, .wrongLength(.jcb), .wrongLength(nil)] {
      #expect(problem.message.hasSuffix("."))
    }
  }

  @Test(arguments: [
    ("Jane Doe", "Jane Doe"), ("  Jane Doe \n", "Jane Doe"), ("王小明", "王小明"),
    ("محمد علي", "محمد علي"), ("José Ñúñez", "José Ñúñez"), ("Jose\u{301}", "Jose\u{301}"),
    ("Ólafur 🙂", "Ólafur 🙂"), ("A", "A"), ("Mary-Jane O'Neil", "Mary-Jane O'Neil"),
    ("\u{00A0}Jane\u{00A0}", "Jane"), ("Zoë\u{200D}", "Zoë\u{200D}"),
  ])
  func namesInAnyScriptAreAccepted(input: String, expected: String) throws {
    #expect(try CardholderName.normalise(input) == expected)
  }

  @Test func twentySixCharactersAsPeopleCountThem() throws {
    let exact = String(repeating: "a", count: 26)
    #expect(try CardholderName.normalise(exact) == exact)
    #expect(throws: CardholderNameProblem.tooLong) {
      try CardholderName.normalise(exact + "b")
    }
    // Each "é" below is a letter plus a combining accent: two scalars, one character.
    let accented = String(repeating: "e\u{301}", count: 26)
    #expect(try CardholderName.normalise(accented) == accented)
    #expect(throws: CardholderNameProblem.tooLong) {
      try CardholderName.normalise(accented + "e\u{301}")
    }
    let spacedOut = "  " + exact + "   "
    #expect(try CardholderName.normalise(spacedOut) == exact)
  }

  @Test(arguments: ["", " ", "\t\n", "\u{3000}"])
  func blankNamesAreEmpty(input: String) {
    #expect(throws: CardholderNameProblem.empty) { try CardholderName.normalise(input) }
  }

  @Test(arguments: [
    "Jane\tDoe", "Jane\nDoe", "Jane\u{1B}[31mDoe", "Jane\0Doe", "Jane\u{7F}", "Jane\u{85}Doe",
    "Jane\u{2028}Doe", "Jane\u{202E}eoD", "Jane\u{2066}Doe", "Jane\u{9B}31m",
  ])
  func controlCharactersAreRefused(input: String) {
    #expect(throws: CardholderNameProblem.invalidCharacters) {
      try CardholderName.normalise(input)
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func hugeNamesAreRefusedAsTooLong() {
    // 10 MB of spaces would trim to nothing and a letter with 10 million combining accents is
    // one character, yet both are refused as too long: the byte limit comes first.
    let inputs = [CardTestKit.huge("a"), CardTestKit.huge(" "), "e" + CardTestKit.huge("\u{301}")]
    for input in inputs {
      #expect(throws: CardholderNameProblem.tooLong) { try CardholderName.normalise(input) }
    }
  }

  @Test func nameMessagesNameTheLimitAndItsSource() {
    #expect(CardholderNameProblem.tooLong.message.contains("26 characters"))
    #expect(CardholderNameProblem.tooLong.message.contains("ISO/IEC 7813"))
    for problem in CardholderNameProblem.allCases {
      #expect(problem.message.hasSuffix("."))
    }
  }
}

import Testing

@testable import OrderCore

@Suite("Card entry")
struct CardEntryTests {
  private let now = YearMonth(year: 2025, month: 6)!

  private func entry(
    number: String = "4242 4242 4242 4242", expiry: String = "12/29", cvc: String = "123",
    name: String = "Jane Doe"
  ) -> CardEntry {
    CardEntry(
      number: SecretBytes(copying: number.utf8), expiry: expiry,
      cvc: SecretBytes(copying: cvc.utf8), name: name)
  }

  @Test func aGoodEntryHasNoErrors() {
    #expect(entry().validate(currentMonth: now) == [])
    #expect(
      entry(number: "378282246310005", cvc: "1234").validate(currentMonth: now) == [])
  }

  @Test func everyFieldIsReportedAtOnce() {
    let errors = CardEntry().validate(currentMonth: now)
    #expect(errors.map(\.field) == [.cardNumber, .cardExpiry, .cardCVC, .cardholderName])
    #expect(errors.allSatisfy { $0.message.hasSuffix(".") })
  }

  @Test(arguments: [
    ("4242", "The card number is incomplete. Please type all of its digits."),
    ("4242424242424242421", CardNumberProblem.wrongChecksum.message),
    // A Visa number may have 19 digits, but 16 that fail the checksum are a typing mistake.
    ("4242 4242 4242 4241", CardNumberProblem.wrongChecksum.message),
    ("424242424242424", "The card number is incomplete. Please type all of its digits."),
    ("1234567812345678", CardNumberProblem.unknownBrand.message),
    ("4242 4242 4242 424x", CardNumberProblem.notDigits.message),
    ("42424242424242424242", CardNumberProblem.tooLong.message),
    ("", "Please enter the card number."),
  ])
  func numberMessages(number: String, message: String) {
    let errors = entry(number: number).validate(currentMonth: now)
    #expect(errors == [FieldError(.cardNumber, message)])
  }

  @Test func cvcIsCheckedAgainstTheDetectedBrand() {
    let amex = entry(number: "378282246310005", cvc: "123").validate(currentMonth: now)
    #expect(amex == [FieldError(.cardCVC, CVCProblem.wrongLength(.americanExpress).message)])
    let visa = entry(cvc: "1234").validate(currentMonth: now)
    #expect(visa == [FieldError(.cardCVC, CVCProblem.wrongLength(.visa).message)])
    let unknown = entry(number: "3", cvc: "1234").validate(currentMonth: now)
    #expect(unknown.map(\.field) == [.cardNumber])
  }

  @Test func expiryAndNameErrorsUseTheirMessages() {
    let errors = entry(expiry: "05/25", name: "Jane\u{1B}[2J").validate(currentMonth: now)
    #expect(
      errors == [
        FieldError(.cardExpiry, CardExpiryProblem.expired.message),
        FieldError(.cardholderName, CardholderNameProblem.invalidCharacters.message),
      ])
  }

  @Test func messagesNeverEchoTheCardDigits() {
    let numbers = ["4242424242424241", "5555555555554445555", "1234567812345678", "4242x"]
    for number in numbers {
      for error in entry(number: number, cvc: "98765").validate(currentMonth: now) {
        #expect(!error.message.contains("4242"))
        #expect(!error.message.contains("5555"))
        #expect(!error.message.contains("1234"))
        #expect(!error.message.contains("9876"))
      }
    }
  }

  @Test func printingTheEntryRevealsNeitherNumberNorCVC() {
    let card = entry(number: "4242424242424242", cvc: "987")
    var dumped = ""
    dump(card, to: &dumped)
    let texts = [
      card.description, card.debugDescription, "\(card)", String(reflecting: card), dumped,
      "\([card])",
    ]
    for text in texts {
      #expect(!text.contains("4242"), "\(text)")
      #expect(!text.contains("987"), "\(text)")
      #expect(text.contains(SecretBytes.redaction))
    }
    #expect(card.description.contains("Jane Doe"))
  }

  @Test func wipeEmptiesNumberAndCVC() {
    let card = entry()
    card.wipe()
    #expect(card.number.isEmpty)
    #expect(card.cvc.isEmpty)
    #expect(card.number.storageSnapshotForTesting().allSatisfy { $0 == 0 })
    #expect(card.cvc.storageSnapshotForTesting().allSatisfy { $0 == 0 })
    #expect(card.validate(currentMonth: now).map(\.field) == [.cardNumber, .cardCVC])
  }
}

import PropertyBased
import Testing

@testable import OrderCore

@Suite struct PhoneTests {
  private func message(_ phone: String) -> String? {
    Customer.valid.with { $0.phone = phone }.message(for: .customerPhone)
  }

  @Test(arguments: [
    "", "   ", "+49 30 1234567", "(555) 123-4567", "030.123.4567", "1234567", "123456789012345",
    "+1 (555) 010-9999", " +44 20 7946 0958 ", "+123456789012345",
  ])
  func plausibleNumbersAndEmptyAreAccepted(phone: String) {
    #expect(message(phone) == nil)
  }

  @Test(arguments: ["123456", "+49 12", "1234567890123456", "+", "()-. ", "+ 1-2"])
  func digitCountMustBeE164(phone: String) {
    #expect(message(phone) == "Phone number must have 7 to 15 digits.")
  }

  @Test(arguments: ["49+301234567", "++49301234567", "0049 30 1234567+", "(+49) 301234567"])
  func plusOnlyAtTheStart(phone: String) {
    #expect(message(phone) == "A + may only come at the start of a phone number.")
  }

  @Test(arguments: [
    "call me", "+49 30 CALL-NOW", "030/1234567", "0301234567 ext 5", "０３０１２３４５６７",
    "030\u{1B}[2J1234567", "\u{1B}]0;pwned\u{7}", "030\t1234567", "٠١٢٣٤٥٦٧", "030١234567",
    "☎ 0301234567",
  ])
  func onlyDigitsAndSeparators(phone: String) {
    #expect(
      message(phone) == "Phone number may contain only digits, spaces and the signs + - ( ) .")
  }

  @Test func phoneIsOptionalEvenWithShipping() {
    let customer = Customer.valid.with { $0.phone = "" }
    #expect(customer.validate(requiresShippingAddress: true).isEmpty)
  }

  @Test func digitsWithSeparatorsCountOnlyDigits() async {
    let separator = Gen<String?>.element(of: [" ", "-", ".", "(", ")", ""]).map { $0! }
    await propertyCheck(count: 300, input: Gen.number.string(of: 1...20), separator, Gen.bool) {
      digits, separator, plus in
      let formatted = (plus ? "+" : "") + digits.map { String($0) }.joined(separator: separator)
      // A few random 14- and 15-digit runs are a valid card number (a Diners or Amex prefix,
      // a right checksum); those are refused as card numbers, not for their digit count.
      if CardNumberScanner.containsCardNumber(formatted) {
        #expect(message(formatted)?.contains("looks like a card number") == true)
        return
      }
      let valid = (7...15).contains(digits.count)
      #expect((message(formatted) == nil) == valid, "\(formatted)")
    }
  }
}

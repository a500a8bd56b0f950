import Testing

@testable import OrderCore

@Suite struct CustomerValidationTests {
  @Test func validCustomerHasNoErrors() {
    #expect(Customer.valid.validate(requiresShippingAddress: true).isEmpty)
    #expect(Customer.valid.validate(requiresShippingAddress: false).isEmpty)
  }

  @Test func everyFieldErrorIsReturnedAtOnce() {
    let customer = Customer(
      name: "  ", email: "not an email", phone: "call me",
      address: Address(
        line1: "", line2: "\u{1B}[2J", city: "\t", postalCode: "!!", country: "XX"))
    let errors = customer.validate(requiresShippingAddress: true)
    #expect(
      errors.map(\.field) == [
        .customerName, .customerEmail, .customerPhone, .country, .addressLine1, .addressLine2,
        .city, .postalCode,
      ])
    for error in errors {
      #expect(CustomerMessage.isSafeSentence(error.message), "\(error)")
    }
  }

  @Test func withoutShippingOnlyNameEmailAndCountryAreRequired() {
    let customer = Customer(name: "Ada", email: "ada@example.com", address: Address(country: "de"))
    #expect(customer.validate(requiresShippingAddress: false).isEmpty)
    #expect(customer.errorFields() == [.addressLine1, .city, .postalCode])
  }

  @Test func emptyCustomerListsEveryRequiredField() {
    let empty = Customer(name: "", email: "", address: Address(country: ""))
    #expect(
      empty.errorFields(requiresShippingAddress: false) == [
        .customerName, .customerEmail, .country,
      ])
    // Without a known country nobody can tell whether a postal code is needed.
    #expect(
      empty.errorFields() == [.customerName, .customerEmail, .country, .addressLine1, .city])
  }

  @Test(arguments: [
    "Ada Lovelace", "山田 太郎", "محمد عبد الله", "राहुल शर्मा", "Zoë Saldaña", "José\u{301}",
    "Ḁ̸͓̦̒", "Anna 👩‍💻", "🦄", "O'Brien-Smith", "Ｆｕｌｌｗｉｄｔｈ", "D\u{308}", "김민준", "Ng",
    String(repeating: "山", count: 200), String(repeating: "👨‍👩‍👧‍👦", count: 200),
    "  Trimmed  ", "Ada\n",
  ])
  func namesInAnyScriptAreAccepted(name: String) {
    #expect(Customer.valid.with { $0.name = name }.message(for: .customerName) == nil)
  }

  @Test(arguments: ["", " ", "\t\n", "\u{3000}"])
  func emptyNameIsRefused(name: String) {
    #expect(
      Customer.valid.with { $0.name = name }.message(for: .customerName)
        == "Enter the customer's name.")
  }

  @Test(arguments: [
    "\u{1B}[2J", "\u{1B}]0;pwned\u{7}", "Ada\u{1B}[31mRed", "Ada\u{0}", "Ada\tLovelace",
    "Ada\nLovelace", "Ada\u{7F}", "Ada\u{9B}2J", "Ada\u{85}Lovelace", "evil\u{202E}gpj.exe",
    "x\u{2066}y",
  ])
  func controlsInNamesAreRefused(name: String) {
    let message = Customer.valid.with { $0.name = name }.message(for: .customerName)
    #expect(message == "Name must not contain control characters or escape sequences.")
  }

  @Test func nameLengthIsCountedInCharacters() {
    let longest = String(repeating: "e\u{301}", count: 200)
    #expect(Customer.valid.with { $0.name = longest }.message(for: .customerName) == nil)
    let tooLong = longest + "e"
    #expect(
      Customer.valid.with { $0.name = tooLong }.message(for: .customerName)
        == "Name must be at most 200 characters.")
  }

  @Test func countryIsAlwaysRequired() {
    for shipping in [true, false] {
      #expect(
        Customer.valid.with { $0.address.country = " " }
          .message(for: .country, requiresShippingAddress: shipping)
          == "Choose the customer's country; it decides the tax.")
    }
  }

  @Test(arguments: ["XX", "UK", "GBR", "Germany", "\u{1B}[2J", "de\u{1B}", "１２", "🇩🇪"])
  func unknownCountriesAreRefusedWithoutEcho(code: String) {
    let message = Customer.valid.with { $0.address.country = code }.message(for: .country)
    #expect(
      message == "Choose a country from the list; this is not a known two-letter country code.")
  }

  @Test(arguments: ["gb", " GB ", "Gb"])
  func countryCodeIgnoresCaseAndSpace(code: String) {
    #expect(Customer.valid.with { $0.address.country = code }.message(for: .country) == nil)
  }

  @Test func normalisedTrimsFieldsAndUppercasesTheCountry() {
    let messy = Customer(
      name: "  Ada Lovelace\n", email: " ada@example.com ", phone: " +44 20 7946 0958 ",
      address: Address(
        line1: " 12 Marylebone Road ", line2: "\tFlat 3 ", city: " London ",
        postalCode: " NW1 5LR ", country: " gb "))
    #expect(messy.normalised() == Customer.valid)
    #expect(messy.normalised().normalised() == messy.normalised())
  }

  @Test func normalisedKeepsInnerTextAsItIs() {
    let customer = Customer.valid.with { $0.name = " 山田  太郎 👩‍💻 " }
    #expect(customer.normalised().name == "山田  太郎 👩‍💻")
  }

  @Test func messagesAreSentencesThatNeverEchoTheInput() {
    let hostile = "\u{1B}]0;pwned\u{7}<script>[2J"
    let customer = Customer(
      name: hostile, email: hostile, phone: hostile,
      address: Address(
        line1: hostile, line2: hostile, city: hostile, postalCode: hostile, country: hostile))
    let errors = customer.validate(requiresShippingAddress: true)
    #expect(errors.count == 8)
    for error in errors {
      #expect(CustomerMessage.isSafeSentence(error.message), "\(error.field)")
    }
  }
}

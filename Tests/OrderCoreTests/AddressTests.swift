import Testing

@testable import OrderCore

@Suite struct AddressTests {
  private func customer(postalCode: String, country: String) -> Customer {
    Customer.valid.with {
      $0.address.postalCode = postalCode
      $0.address.country = country
    }
  }

  private func postalMessage(_ code: String, _ country: String, shipping: Bool = true) -> String? {
    customer(postalCode: code, country: country)
      .message(for: .postalCode, requiresShippingAddress: shipping)
  }

  @Test(arguments: [
    ("12345", "US"), ("12345-6789", "US"), ("10115", "DE"), ("75008", "FR"), ("1012 AB", "NL"),
    ("1012ab", "NL"), ("100-0001", "JP"), ("1000001", "JP"), ("SW1A 1AA", "GB"),
    ("sw1a1aa", "GB"), ("M1 1AE", "GB"), ("B33 8TH", "GB"), ("CR2 6XH", "GB"), ("DN55 1PT", "GB"),
    ("W1A 0AX", "GB"), ("EC1A 1BB", "GB"), ("GIR 0AA", "GB"), ("K1A 0B1", "CA"), ("8001", "CH"),
    ("00-950", "PL"), ("110001", "IN"), ("01000-000", "BR"), (" 10115 ", "DE"), ("1010", "AT"),
  ])
  func validPostalCodesAreAccepted(code: String, country: String) {
    #expect(postalMessage(code, country) == nil)
  }

  @Test(arguments: [
    (
      "1234", "US",
      "US ZIP codes are 5 digits, or 5 digits, a dash and 4 digits, like 12345 or 12345-6789."
    ),
    (
      "123456", "US",
      "US ZIP codes are 5 digits, or 5 digits, a dash and 4 digits, like 12345 or 12345-6789."
    ),
    (
      "12345-678", "US",
      "US ZIP codes are 5 digits, or 5 digits, a dash and 4 digits, like 12345 or 12345-6789."
    ),
    (
      "ABCDE", "US",
      "US ZIP codes are 5 digits, or 5 digits, a dash and 4 digits, like 12345 or 12345-6789."
    ),
    ("1011", "DE", "German postal codes are 5 digits, like 10115."),
    ("D-10115", "DE", "German postal codes are 5 digits, like 10115."),
    ("7500", "FR", "French postal codes are 5 digits, like 75008."),
    ("1012", "NL", "Dutch postal codes are 4 digits and 2 letters, like 1012 AB."),
    ("0123 AB", "NL", "Dutch postal codes are 4 digits and 2 letters, like 1012 AB."),
    ("1012 A1", "NL", "Dutch postal codes are 4 digits and 2 letters, like 1012 AB."),
    ("1012  AB", "NL", "Dutch postal codes are 4 digits and 2 letters, like 1012 AB."),
    ("100 0001", "JP", "Japanese postal codes are 3 digits, a dash and 4 digits, like 100-0001."),
    ("1000-001", "JP", "Japanese postal codes are 3 digits, a dash and 4 digits, like 100-0001."),
    ("SW1A", "GB", "UK postcodes are an outward code and an inward code, like SW1A 1AA or M1 1AE."),
    (
      "12345", "GB", "UK postcodes are an outward code and an inward code, like SW1A 1AA or M1 1AE."
    ),
    (
      "SW1A 1A1", "GB",
      "UK postcodes are an outward code and an inward code, like SW1A 1AA or M1 1AE."
    ),
    (
      "SW1AB 1AA", "GB",
      "UK postcodes are an outward code and an inward code, like SW1A 1AA or M1 1AE."
    ),
    (
      "SW1A-1AA", "GB",
      "UK postcodes are an outward code and an inward code, like SW1A 1AA or M1 1AE."
    ),
  ])
  func countryFormatsAreExplained(code: String, country: String, expected: String) {
    #expect(postalMessage(code, country) == expected)
  }

  @Test(arguments: [
    ("1", "Postal code must be 2 to 10 characters long."),
    ("12345678901", "Postal code must be 2 to 10 characters long."),
    ("12#45", "Postal code may use only letters, digits, spaces and dashes."),
    ("1234\u{1B}[2J", "Postal code may use only letters, digits, spaces and dashes."),
    ("\u{1B}]0;pwned\u{7}", "Postal code may use only letters, digits, spaces and dashes."),
    ("１２３４５", "Postal code may use only letters, digits, spaces and dashes."),
    ("12e\u{301}45", "Postal code may use only letters, digits, spaces and dashes."),
    ("12 👍", "Postal code may use only letters, digits, spaces and dashes."),
  ])
  func generalPostalCodeRules(code: String, expected: String) {
    #expect(postalMessage(code, "CH") == expected)
  }

  @Test(arguments: ["AE", "HK", "QA", "AO", "ZW", "ae", "KP", "TT"])
  func countriesWithoutPostalCodesNeedNone(country: String) {
    #expect(postalMessage("", country) == nil)
    // Given anyway, it must still look like a postal code.
    #expect(postalMessage("AB-12", country) == nil)
    #expect(postalMessage("\u{1B}", country) != nil)
  }

  @Test(arguments: ["DE", "US", "GB", "FR", "CH", "IE", "BR"])
  func postalCodeIsRequiredForShippingElsewhere(country: String) {
    #expect(postalMessage("", country) == "Enter the postal code.")
    #expect(postalMessage(" ", country) == "Enter the postal code.")
    #expect(postalMessage("", country, shipping: false) == nil)
  }

  @Test func documentedListHasNoUnknownCodes() {
    for code in PostalCodeRules.countriesWithout {
      #expect(Countries.isKnown(code: code), "\(code)")
    }
  }

  @Test func givenAddressFieldsAreCheckedEvenWithoutShipping() {
    let customer = Customer.valid.with {
      $0.address.line1 = "\u{1B}[2J"
      $0.address.postalCode = "1"
      $0.address.country = "DE"
    }
    #expect(customer.errorFields(requiresShippingAddress: false) == [.addressLine1, .postalCode])
  }

  @Test func linesAndCityAreRequiredForShipping() {
    let customer = Customer.valid.with {
      $0.address.line1 = " "
      $0.address.line2 = ""
      $0.address.city = ""
    }
    #expect(customer.message(for: .addressLine1) == "Enter the street and house number.")
    #expect(customer.message(for: .addressLine2) == nil)
    #expect(customer.message(for: .city) == "Enter the city.")
    #expect(customer.errorFields(requiresShippingAddress: false).isEmpty)
  }

  @Test(arguments: [OrderField.addressLine1, .addressLine2, .city])
  func linesAreAtMost100Characters(field: OrderField) {
    func customer(_ text: String) -> Customer {
      Customer.valid.with {
        switch field {
        case .addressLine1: $0.address.line1 = text
        case .addressLine2: $0.address.line2 = text
        default: $0.address.city = text
        }
      }
    }
    #expect(customer(String(repeating: "山", count: 100)).message(for: field) == nil)
    #expect(customer(String(repeating: "a\u{308}", count: 100)).message(for: field) == nil)
    let tooLong = customer(String(repeating: "a", count: 101)).message(for: field)
    #expect(tooLong?.hasSuffix("must be at most 100 characters.") == true)
    let hostile = customer("Main St \u{1B}]0;pwned\u{7}").message(for: field)
    #expect(hostile?.hasSuffix("must not contain control characters or escape sequences.") == true)
  }

  @Test(arguments: ["東京都千代田区1-1", "شارع الملك فهد", "Straße 5 🏠", "Rue de l'Église"])
  func internationalLinesAreAccepted(line: String) {
    let customer = Customer.valid.with {
      $0.address.line1 = line
      $0.address.city = line
    }
    #expect(customer.validate(requiresShippingAddress: true).isEmpty)
  }

  @Test func unknownCountryStillChecksAGivenPostalCode() {
    #expect(postalMessage("", "XX") == nil)
    #expect(postalMessage("12345", "XX") == nil)
    #expect(
      postalMessage("#", "XX") == "Postal code may use only letters, digits, spaces and dashes.")
  }
}

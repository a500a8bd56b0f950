import Testing

@testable import OrderCore

/// Every field filled with 10 MB must be refused at once, never scanned grapheme by grapheme.
@Suite(.timeLimit(.minutes(1)))
struct CustomerOversizedInputTests {
  static let tenMegabytes = 10_000_000

  static let hugeStrings: [String] = [
    String(repeating: "a", count: tenMegabytes),
    String(repeating: " ", count: tenMegabytes),
    String(repeating: "\u{1B}[2J", count: tenMegabytes / 4),
    String(repeating: "e\u{301}", count: tenMegabytes / 3),
    String(repeating: "山", count: tenMegabytes / 3),
    String(repeating: "👨‍👩‍👧‍👦", count: tenMegabytes / 25),
    String(repeating: "1", count: tenMegabytes),
    "a@" + String(repeating: "b", count: tenMegabytes) + ".com",
  ]

  @Test(arguments: hugeStrings.indices)
  func everyFieldIsRefused(index: Int) {
    let huge = Self.hugeStrings[index]
    let customer = Customer(
      name: huge, email: huge, phone: huge,
      address: Address(
        line1: huge, line2: huge, city: huge, postalCode: huge, country: huge))
    let errors = customer.validate(requiresShippingAddress: true)
    #expect(errors.count == 8)
    #expect(
      Set(errors.map(\.field)) == [
        .customerName, .customerEmail, .customerPhone, .addressLine1, .addressLine2, .city,
        .postalCode, .country,
      ])
    for error in errors {
      #expect(error.message.utf8.count < 200)
      #expect(CustomerMessage.isSafeSentence(error.message))
    }
  }

  @Test func tooLongMessagesSayWhatTheLimitIs() {
    let huge = String(repeating: "a", count: Self.tenMegabytes)
    let customer = Customer(
      name: huge, email: huge, phone: huge,
      address: Address(
        line1: huge, line2: huge, city: huge, postalCode: huge, country: "DE"))
    let messages = Dictionary(
      uniqueKeysWithValues: customer.validate(requiresShippingAddress: true).map {
        ($0.field, $0.message)
      })
    #expect(messages[.customerName] == "Name must be at most 200 characters.")
    #expect(messages[.customerEmail] == "Email address must be at most 254 characters.")
    #expect(
      messages[.customerPhone] == "Phone number is too long; it can have at most 15 digits.")
    #expect(messages[.addressLine1] == "Address line 1 must be at most 100 characters.")
    #expect(messages[.addressLine2] == "Address line 2 must be at most 100 characters.")
    #expect(messages[.city] == "City must be at most 100 characters.")
    #expect(
      messages[.postalCode]
        == "Postal code is too long; postal codes have at most 10 characters.")
    #expect(messages[.country] == nil)
  }

  @Test func justOverTheByteCapIsRefusedJustUnderIsCounted() {
    let cap = 200 * TextFieldRule.maxBytesPerCharacter
    let over = String(repeating: "a", count: cap + 1)
    #expect(
      Customer.valid.with { $0.name = over }.message(for: .customerName)
        == "Name must be at most 200 characters.")
    // 200 family emoji are 5,000 bytes yet only 200 characters: accepted.
    let emoji = String(repeating: "👨‍👩‍👧‍👦", count: 200)
    #expect(emoji.utf8.count < cap)
    #expect(Customer.valid.with { $0.name = emoji }.message(for: .customerName) == nil)
  }
}

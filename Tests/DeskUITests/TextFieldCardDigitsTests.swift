import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

/// A card number typed into a field that is not for one never shows more than six of its
/// digits in a row before it is taken out; everyday numbers are shown once they are ended.
@Suite struct TextFieldCardDigitsTests {
  static let visa = "4242424242424242"
  static let mastercard = "5555555555554444"
  static let amex = "378282246310005"
  /// The published test numbers the desk's tests type.
  static let publishedNumbers = [
    visa, mastercard, amex, "4000000000000002", "4222222222222",
  ]

  /// Types `text` key by key into the focused field and checks every screen on the way.
  static func typeWatching(
    _ text: String, into desk: inout DeskDriver, number: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for character in text {
      desk.type(String(character))
      let screen = desk.text
      #expect(
        !CardDigitRuns.shows(number, in: screen), "after “\(character)”:\n\(screen)",
        sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [
    (visa, "4242 4242 4242 4242"), (mastercard, "5555-5555-5555-4444"),
    (amex, "3782.822463.10005"), (visa, "4242424242424242"),
  ])
  func aCardNumberTypedIntoTheAddressShowsAtMostSixDigits(number: String, spelling: String) {
    var desk = DeskDriver()
    desk.goToShippingDetails()
    desk.fillCustomer()
    desk.press(.tab)
    #expect(desk.state.details.focus == .line2)
    desk.type("Flat 3, ")
    Self.typeWatching(spelling, into: &desk, number: number)
    #expect(desk.state.details[.line2].text == "Flat 3, ", "a whole number is taken out")
  }

  @Test(arguments: [
    DetailsForm.Field.name, .email, .phone, .line1, .line2, .city, .postalCode,
  ])
  func everyDetailsFieldHidesTheDigits(field: DetailsForm.Field) {
    var desk = DeskDriver()
    desk.goToShippingDetails()
    while desk.state.details.focus != field { desk.press(.tab) }
    Self.typeWatching(Self.visa, into: &desk, number: Self.visa)
  }

  @Test func theSearchFieldsAndTheCatalogFilterHideTheDigits() {
    var find = DeskDriver()
    find.press(.function(3))
    Self.typeWatching(Self.mastercard, into: &find, number: Self.mastercard)
    find.press(.tab)
    Self.typeWatching(Self.amex, into: &find, number: Self.amex)

    var catalog = DeskDriver()
    catalog.press(.character("/"))
    Self.typeWatching(Self.visa, into: &catalog, number: Self.visa)
  }

  @Test func theNameOnTheCardHidesTheDigits() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.press(.tab, .tab, .tab)
    #expect(desk.state.payment.focus == .name)
    Self.typeWatching(" " + Self.visa, into: &desk, number: Self.visa)
  }

  /// The first six digits of a run that could become a card stay readable; the rest are
  /// bullets while the run is open, and come back once a letter ends it.
  @Test func digitsBeyondTheSixthAreHiddenUntilALetterEndsTheRun() {
    var desk = DeskDriver()
    desk.goToShippingDetails()
    desk.fillCustomer()
    desk.type("Box 4242424")
    #expect(desk.text.contains("[Box 424242•"), "\(desk.text)")
    desk.type(" B")
    #expect(desk.text.contains("[Box 4242424 B"), "\(desk.text)")
  }

  /// Everyday numbers: a phone number and a postcode are shown once the field is left, and a
  /// number that cannot begin a card is shown while it is typed.
  @Test func phoneNumbersAndPostcodesAreShownOnceComplete() {
    var desk = DeskDriver()
    desk.goToShippingDetails()
    desk.press(.tab, .tab)
    #expect(desk.state.details.focus == .phone)
    desk.type("030 1234 5678")
    #expect(desk.text.contains("[030 1234 5678"), "no brand starts with 0:\n\(desk.text)")
    desk.press(.control("u"))
    desk.type("+49 30 12345678")
    #expect(!desk.text.contains("+49 30 12345678"), "could still become a card:\n\(desk.text)")
    desk.press(.tab)
    #expect(desk.text.contains("[+49 30 12345678"), "shown once the field is left:\n\(desk.text)")
    while desk.state.details.focus != .postalCode { desk.press(.tab) }
    desk.type("10115")
    #expect(desk.text.contains("[10115"), "\(desk.text)")
  }

  /// The catalog's "nothing matches" line repeats the filter, so it hides the same digits.
  @Test func theFilterIsHiddenWhereverItIsRepeated() {
    var desk = DeskDriver()
    desk.press(.character("/"))
    desk.type("4242424242")
    #expect(desk.text.contains("Nothing matches"), "\(desk.text)")
    #expect(!desk.text.contains("4242424"), "\(desk.text)")
  }

  /// The check finds a number in each spelling, and not a run it does not hold.
  @Test func theRunCheckFindsEverySpelling() {
    for spelling in [
      "4242424", "4242 424", "4242-4242-42", "4242.4242.4", "x 242 4242 x", "42 42 42 4",
    ] {
      #expect(CardDigitRuns.shows(Self.visa, in: "[\(spelling)]"), "\(spelling)")
    }
    for harmless in ["424242•", "4242 42•• ••••", "•••• •••• •••• 4242", "030 1234 5678"] {
      #expect(!CardDigitRuns.shows(Self.visa, in: harmless), "\(harmless)")
    }
  }
}

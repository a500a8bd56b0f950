import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

/// The card number field shows no digit while the number is typed, and the last four once it
/// is whole; the checksum mark says "whole" at the same moment.
@Suite struct CardNumberFieldTests {
  /// Published test numbers of the brands with different groupings and lengths.
  static let numbers = ["4242424242424242", "5555555555554444", "378282246310005"]

  /// What is drawn between the brackets of the card number field, or `nil` when the screen
  /// has no such field.
  static func cardNumberField(_ screen: String) -> String? {
    for line in screen.split(separator: "\n") where line.contains("Card number") {
      guard let open = line.firstIndex(of: "["),
        let close = line[open...].firstIndex(of: "]")
      else { continue }
      return String(line[line.index(after: open)..<close])
    }
    return nil
  }

  /// The digits drawn in the card number field.
  static func digitsShown(_ screen: String) -> String {
    (cardNumberField(screen) ?? "").filter(\.isNumber)
  }

  /// The mark right of the card number field: brand, checksum state.
  static func markLine(_ screen: String) -> String {
    screen.split(separator: "\n").first { $0.contains("Card number") }.map(String.init) ?? ""
  }

  @Test(arguments: numbers)
  func noDigitIsShownUntilTheNumberIsWhole(number: String) throws {
    var desk = DeskDriver()
    desk.goToPayment()
    for (typed, digit) in number.enumerated() {
      desk.type(String(digit))
      let screen = desk.text
      let field = try #require(Self.cardNumberField(screen), "\(screen)")
      if typed + 1 < number.count {
        #expect(Self.digitsShown(screen).isEmpty, "after \(typed + 1) digits: [\(field)]")
        #expect(field.filter { $0 == "•" }.count == typed + 1, "one bullet a digit: [\(field)]")
        #expect(!Self.markLine(screen).contains("✓"), "✓ before the number is whole")
      } else {
        #expect(Self.digitsShown(screen) == String(number.suffix(4)), "[\(field)]")
        #expect(Self.markLine(screen).contains("✓"), "\(Self.markLine(screen))")
      }
    }
  }

  /// The check above finds digits when the field does show them: the number shown on purpose.
  @Test func theDigitCheckSeesANumberThatIsShown() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("4242424")
    #expect(Self.digitsShown(desk.text).isEmpty)
    desk.press(.control("r"))
    desk.recordReveals()
    #expect(Self.digitsShown(desk.text) == "4242424", "\(desk.text)")
  }

  @Test func bulletsFollowTheBrandsGrouping() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("37828224631")
    #expect(Self.cardNumberField(desk.text)?.hasPrefix("•••• •••••• •") == true)
    var visa = DeskDriver()
    visa.goToPayment()
    visa.type("4242424")
    #expect(Self.cardNumberField(visa.text)?.hasPrefix("•••• ••• ") == true)
  }

  /// A number valid at a length its brand can go beyond (a 13-digit Visa) is whole only once
  /// the field is left: until then it shows no digit and no ✓.
  @Test func aNumberThatCouldTakeMoreDigitsIsWholeOnceTheFieldIsLeft() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("4222222222222")
    #expect(desk.state.payment.focus == .number)
    #expect(Self.digitsShown(desk.text).isEmpty, "\(Self.markLine(desk.text))")
    #expect(!Self.markLine(desk.text).contains("✓"), "\(Self.markLine(desk.text))")
    desk.press(.tab)
    #expect(Self.digitsShown(desk.text) == "2222", "\(Self.markLine(desk.text))")
    #expect(Self.markLine(desk.text).contains("✓ Visa"), "\(Self.markLine(desk.text))")
    // Back in the field it is being typed again.
    desk.press(.backTab)
    #expect(Self.digitsShown(desk.text).isEmpty, "\(Self.markLine(desk.text))")
  }

  /// A mistyped number (wrong checksum at full length) never shows its last four.
  @Test func aNumberWithAWrongChecksumShowsNoDigit() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("4242424242424241")
    #expect(Self.digitsShown(desk.text).isEmpty, "\(Self.markLine(desk.text))")
    #expect(Self.markLine(desk.text).contains("checksum wrong"))
    desk.press(.tab)
    #expect(Self.digitsShown(desk.text).isEmpty, "\(Self.markLine(desk.text))")
  }
}

/// The payment screen while a number is typed, stored as snapshots that hold no digit of it.
@Suite struct CardNumberTypingSnapshotTests {
  @Test(arguments: [7, 11])
  func paymentWhileTyping(digits: Int) throws {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type(String("4242424242424242".prefix(digits)))
    #expect(CardNumberFieldTests.digitsShown(desk.text).isEmpty, "\(desk.text)")
    Snapshot.check(desk.screen(), named: "payment-typing-\(digits)")
  }

  /// No stored snapshot holds a card number, or more than six digits of a published one.
  @Test func noSnapshotHoldsACardNumber() throws {
    let files = try FileManager.default.contentsOfDirectory(
      at: Snapshot.directory, includingPropertiesForKeys: nil)
    #expect(files.count > 10)
    for file in files where file.pathExtension == "txt" {
      let text = try String(contentsOf: file, encoding: .utf8)
      #expect(!Self.holdsCardDigits(text), "\(file.lastPathComponent)")
    }
  }

  /// The check finds a number planted in a screen.
  @Test func theSnapshotCheckFindsAPlantedNumber() {
    #expect(Self.holdsCardDigits("  Card number *  [4242 4242 4242 4242]"))
    #expect(Self.holdsCardDigits("  Card number *  [•••• 5555 5555 4444]"))
    #expect(!Self.holdsCardDigits("  Card number *  [•••• •••• •••• 4242]"))
  }

  static func holdsCardDigits(_ text: String) -> Bool {
    CardNumberScanner.containsCardNumber(text)
      || TextFieldCardDigitsTests.publishedNumbers.contains { CardDigitRuns.shows($0, in: text) }
  }
}

import Foundation
import OrderDeskTestSupport
import Testing

@testable import OrderCore

/// Card numbers typed where they do not belong are found, however they are written, and the
/// numbers people do type into those fields (phones, references, postcodes) are not.
@Suite struct CardNumberScannerTests {
  func found(_ text: String) -> [String] {
    CardNumberScanner.cardNumbers(in: text).map { String(text[$0]) }
  }

  @Test func everyPublishedTestCardIsFoundInTextHoweverItIsGrouped() {
    for (number, _) in CardTestKit.publishedNumbers {
      let fours = stride(from: 0, to: number.count, by: 4).map {
        String(number.dropFirst($0).prefix(4))
      }
      for spelling in [number, fours.joined(separator: " "), fours.joined(separator: "-")] {
        #expect(found("Flat 3, \(spelling), back door") == [spelling], "\(spelling)")
        #expect(found(spelling) == [spelling])
      }
    }
    // Amex as printed, 4-6-5, and two numbers in one text.
    #expect(
      found("3782 822463 10005 or 5555-5555-5555-4444") == [
        "3782 822463 10005", "5555-5555-5555-4444",
      ])
  }

  @Test func redactionReplacesEveryNumberAndKeepsTheRest() {
    #expect(
      CardNumberScanner.redacted("paid with 4242 4242 4242 4242, then 5555-5555-5555-4444.")
        == "paid with [card number], then [card number].")
    #expect(
      CardNumberScanner.redacted("order OD-7K3F9Q2M, call +44 20 7946 0958")
        == "order OD-7K3F9Q2M, call +44 20 7946 0958")
  }

  @Test func aNumberFollowedByItsExpiryOrCVCIsStillFound() {
    #expect(found("4242 4242 4242 4242 1229") == ["4242 4242 4242 4242"])
    #expect(found("card 4242424242424242 12/29 739") == ["4242424242424242"])
    #expect(found("ref 12 4242 4242 4242 4242") == ["4242 4242 4242 4242"])
  }

  /// What the shape-based search missed: any separator, any width of digit, 13-digit Visa.
  @Test func everySpellingOfANumberIsFoundWhateverSeparatesItsDigits() {
    for spelling in [
      "4242.4242.4242.4242", "4242  4242  4242  4242", "4242/4242/4242/4242",
      "4242\u{00A0}4242\u{2009}4242\u{200B}4242", "4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2",
      "4242_4242_4242_4242", "(4242) 4242-4242.4242", "4242 424242 424242",
      // Full-width, mathematical and Arabic-Indic digits, and digits under a combining mark.
      "４２４２４２４２４２４２４２４２", "𝟒𝟐𝟒𝟐𝟒𝟐𝟒𝟐𝟒𝟐𝟒𝟐𝟒𝟐𝟒𝟐", "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢",
      "4\u{0332}242424242424242",
      // 13-digit Visa, and a 12-digit Maestro.
      "4222222222222", "4222 2222 2222 2", "501800000009",
    ] {
      #expect(found("Flat 3, \(spelling), back door").count == 1, "\(spelling)")
      #expect(CardNumberScanner.containsCardNumber(spelling), "\(spelling)")
    }
  }

  /// The scanner reads digits at least as NFKC does: every scalar that NFKC turns into one
  /// ASCII digit is read as that digit.
  @Test func everyScalarThatNFKCMakesADigitIsReadAsThatDigit() {
    var checked = 0
    for value in UInt32(0x80)...UInt32(0x10FFFF) {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let normalised = String(scalar).precomposedStringWithCompatibilityMapping
      guard normalised.unicodeScalars.count == 1, let ascii = normalised.unicodeScalars.first,
        ("0"..."9").contains(ascii)
      else { continue }
      checked += 1
      #expect(
        CardNumberScanner.digitValue(scalar) == UInt8(ascii.value - 0x30),
        "U+\(String(value, radix: 16, uppercase: true))")
    }
    #expect(checked >= 100, "NFKC maps a hundred scalars and more to ASCII digits")
  }

  @Test func phoneNumbersReferencesAndPostcodesAreLeftAlone() {
    for text in [
      "+49 1512 3456789", "+1 (555) 123-4567", "030.123.4567", "+44 20 7946 0958",
      "10117", "SW1A 1AA", "OD-7K3F9Q2M", "Unter den Linden 1",
      // An international number, even one whose digits pass as a 13-digit Visa.
      "+4222222222222", "+42 2222 2222 222",
      // Sixteen digits that fail the checksum, and a valid card number inside an unbroken
      // run of 25 digits, which is some other reference.
      "4242424242424241", "1234567890123424242424242",
      // Twelve digits of no brand that issues twelve-digit numbers, and a circled ten.
      "424242424242", "⑩⑩⑩⑩⑩⑩⑩⑩",
    ] {
      #expect(found(text).isEmpty, "\(text)")
    }
  }

  /// Lines are read one at a time: a log's timestamp does not run on from the line before.
  @Test func aLineBreakEndsARun() {
    #expect(found("total 1234\n2026-12-06T10:00:00Z").isEmpty)
    #expect(found("4242 4242\n4242 4242").isEmpty)
    #expect(found("4242 4242 4242 4242\r\n").count == 1)
  }

  /// A `+` excuses a phone number's length only: 16 digits after it are still a card.
  @Test func aPlusDoesNotHideACardNumberLongerThanAPhoneNumber() {
    #expect(found("+4242424242424242") == ["4242424242424242"])
    #expect(found("tel +49 30 1234 or 4242 4242 4242 4242") == ["4242 4242 4242 4242"])
  }

  /// Seeded random text with published numbers dropped in: every one is found, in place, and
  /// nothing else is.
  @Test func numbersDroppedIntoRandomTextAreFoundWhereTheyAre() {
    var generator = SeededGenerator(seed: 0xCA2D)
    let filler = Array("abc xyz ,./-#()é漢")
    for _ in 0..<500 {
      var text = ""
      var planted: [String] = []
      for _ in 0..<Int.random(in: 0...3, using: &generator) {
        text += String(
          (0..<Int.random(in: 1...12, using: &generator)).map { _ in
            filler.randomElement(using: &generator)!
          })
        let number = CardTestKit.publishedNumbers.randomElement(using: &generator)!.number
        // Letters on both sides, so the number cannot run into its neighbours.
        text += "x" + number + "x"
        planted.append(number)
      }
      #expect(found(text) == planted, "\(text)")
    }
  }

  /// Far more than any field takes (the longest holds 200 characters, and the service
  /// refuses more bytes than that before it looks): every stretch tried is at most 19 digits,
  /// so the work grows with the text, not with its square.
  @Test func hostileInputIsReadToTheEnd() {
    let groups = String(repeating: "4 ", count: 20_000)
    #expect(found(groups).isEmpty)
    #expect(found(groups + "or 4242 4242 4242 4242") == ["4242 4242 4242 4242"])
    let digits = String(repeating: "4242", count: 10_000)
    #expect(found(digits).isEmpty, "an unbroken run longer than a card is not one")
  }

  @Test func customerFieldsRefuseACardNumberWithoutRepeatingIt() {
    var errors = Customer.valid.with { $0.address.line2 = "4242 4242 4242 4242" }
      .validate(requiresShippingAddress: true)
    #expect(errors.map(\.field) == [.addressLine2])
    #expect(errors.first?.message.contains("looks like a card number") == true)
    #expect(errors.allSatisfy { !$0.message.contains("4242") })

    errors = Customer.valid.with { $0.phone = "378282246310005" }
      .validate(requiresShippingAddress: true)
    #expect(errors.map(\.field) == [.customerPhone])
    #expect(errors.first?.message.contains("looks like a card number") == true)
  }
}

import OrderDeskTestSupport
import Testing

@testable import OrderCore

/// The search every card-leak check in the tests goes through, shown to fail when a number
/// or CVC is planted on purpose: each spelling, each integer form, each CVC form.
@Suite struct CardLeaksTests {
  static let cvcs = ["739", "8527"]

  func randomText(_ generator: inout SeededGenerator) -> String {
    let filler = Array("abc xyz ,./-#()é漢\n")
    return String(
      (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        filler.randomElement(using: &generator)!
      })
  }

  @Test func everySpellingOfEveryPublishedNumberIsFoundInTextAndInBytes() {
    var generator = SeededGenerator(seed: 0x1EA4)
    for (number, _) in CardTestKit.publishedNumbers {
      let spellings = CardLeaks.spellings(of: number)
      #expect(spellings.count >= 10, "plain, digit by digit, grouped five ways, full-width")
      for spelling in spellings {
        let text = randomText(&generator) + "x" + spelling + "x" + randomText(&generator)
        for content in [CardLeaks.Content.text, .binary] {
          let found = CardLeaks.findings(
            in: Array(text.utf8), as: content, numbers: [number], cvcs: Self.cvcs)
          #expect(!found.isEmpty, "\(content) \(number.suffix(4)) \(spelling.count)")
          #expect(found.allSatisfy { !$0.contains(number) }, "a finding repeats the number")
        }
      }
    }
  }

  @Test func aNumberKeptAsAnIntegerOrADoubleIsFoundInBytes() {
    var generator = SeededGenerator(seed: 0xB17E)
    for (number, _) in CardTestKit.publishedNumbers {
      for (form, bytes) in CardLeaks.integerForms(of: number) {
        let noise = (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let found = CardLeaks.findings(
          in: noise + bytes + noise, as: .binary, numbers: [number], cvcs: [])
        #expect(found.contains { $0.contains(form) }, "\(form)")
      }
    }
  }

  @Test func aCVCIsFoundBesideItsNameAndAsAWordInText() {
    for cvc in Self.cvcs {
      for spelling in CardLeaks.labelledSpellings(ofCVC: cvc) {
        for content in [CardLeaks.Content.text, .binary] {
          let found = CardLeaks.findings(
            in: Array("{\"x\":1,\(spelling)}".utf8), as: content, numbers: [], cvcs: [cvc])
          #expect(!found.isEmpty, "\(spelling)")
        }
      }
      #expect(!CardLeaks.findings(in: "security code \(cvc).", numbers: [], cvcs: [cvc]).isEmpty)
      // Inside a hex id it is not the CVC.
      #expect(CardLeaks.findings(in: "key 2d\(cvc)c44", numbers: [], cvcs: [cvc]).isEmpty)
    }
  }

  /// In text any card number is a leak, not only the test's own: the product's scanner runs.
  @Test func textIsSearchedForAnyCardNumberBytesOnlyForTheTestsOwn() {
    let text = "paid with 5105 1051 0510 5100 today"
    #expect(!CardLeaks.findings(in: text, numbers: ["4242424242424242"], cvcs: []).isEmpty)
    #expect(
      CardLeaks.findings(
        in: Array(text.utf8), as: .binary, numbers: ["4242424242424242"], cvcs: []
      ).isEmpty)
  }

  @Test func cleanTextHasNoFindings() {
    var generator = SeededGenerator(seed: 0xC1EA)
    for _ in 0..<200 {
      let text = randomText(&generator) + " last four 4242, order OD-7K3F9Q2M, 12/29"
      let found = CardLeaks.findings(
        in: text, numbers: CardTestKit.publishedNumbers.map(\.number), cvcs: Self.cvcs)
      #expect(found.isEmpty, "\(found)")
    }
  }
}

import CardSealing
import Crypto
import Foundation
import OrderCore
import Testing

@Suite("Sealed card contents")
struct CardPlaintextShapeTests {
  typealias Kit = SealingTestKit

  private let privateKey: Curve25519.KeyAgreement.PrivateKey
  private let publicKey: VaultPublicKey

  init() {
    (privateKey, publicKey) = Kit.keyPair()
  }

  private func open(_ plaintext: String) throws(CardSealingError) -> OpenedCard {
    let card: SealedCard
    do {
      card = try Kit.sealRaw(plaintext, to: publicKey)
    } catch {
      Issue.record("test sealing failed: \(error)")
      throw .sealingFailed
    }
    return try CardOpener.open(
      card, privateKey: privateKey, keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
  }

  private func expectRefused(_ plaintext: String, _ problem: CardPlaintextProblem) {
    do {
      let card = try open(plaintext)
      Issue.record("accepted: \(card)")
    } catch {
      #expect(error == .invalidPlaintext(problem), "for \(plaintext)")
      for text in [error.message, "\(error)"] {
        #expect(Kit.cardDataFindings(in: text).isEmpty, "\(text)")
        #expect(!text.contains("4242"), "not even the last four")
        #expect(!text.contains("Lovelace"))
      }
    }
  }

  @Test func otherClientsWhitespaceAndFieldOrderAreAccepted() throws {
    let spaced = """
      { "name" : "Ada Lovelace", "cvc": "739",
        "expYear": 2029, "expMonth": 12, "number": "4242424242424242" }\n
      """
    let card = try open(spaced)
    #expect(card.lastFour == "4242" && card.expiry == YearMonth(year: 2029, month: 12))
  }

  @Test func jsonEscapesAreDecoded() throws {
    let card = try open(
      Kit.plaintext(number: #""\u0034242424242424242""#, name: #""Jos\u00e9 \ud83d\ude00 A\/B""#))
    #expect(card.name == "José 😀 A/B")
    #expect(card.number.withUnsafeBytes { Array($0) } == Array("4242424242424242".utf8))
  }

  @Test(arguments: [
    (" ", CardPlaintextProblem.malformedJSON),
    ("null", .malformedJSON),
    ("[1,2]", .malformedJSON),
    (#""4242424242424242""#, .malformedJSON),
    ("{", .malformedJSON),
    (#"{"number":"4242424242424242""#, .malformedJSON),
    (#"{"number":"4242424242424242",}"#, .malformedJSON),
    (#"{'number':'4242424242424242'}"#, .malformedJSON),
    (#"{"number" "4242424242424242"}"#, .malformedJSON),
    ("{}", .missingField(.number)),
  ])
  func notAnObjectIsRefused(plaintext: String, problem: CardPlaintextProblem) {
    expectRefused(plaintext, problem)
  }

  @Test(arguments: CardPlaintextField.allCases)
  func eachMissingFieldIsNamed(field: CardPlaintextField) {
    let values: [CardPlaintextField: String] = [
      .number: #""4242424242424242""#, .expMonth: "12", .expYear: "2029", .cvc: #""739""#,
      .name: #""Ada Lovelace""#,
    ]
    let members = CardPlaintextField.allCases.filter { $0 != field }.map {
      "\"\($0.rawValue)\":\(values[$0]!)"
    }
    expectRefused("{" + members.joined(separator: ",") + "}", .missingField(field))
  }

  @Test func extraAndDuplicateFieldsAreRefused() {
    let good = Kit.plaintext()
    expectRefused(String(good.dropLast()) + #","zip":"12345"}"#, .unexpectedField)
    expectRefused(String(good.dropLast()) + #","cvc":"740"}"#, .duplicateField(.cvc))
    expectRefused(#"{"Number":"4242424242424242"}"#, .unexpectedField)
    expectRefused(#"{"numberX":"4242424242424242"}"#, .unexpectedField)
  }

  @Test(arguments: [
    (Kit.plaintext(number: "4242424242424242"), CardPlaintextProblem.wrongType(.number)),
    (Kit.plaintext(number: "null"), .wrongType(.number)),
    (Kit.plaintext(cvc: "739"), .wrongType(.cvc)),
    (Kit.plaintext(expMonth: #""12""#), .wrongType(.expMonth)),
    (Kit.plaintext(expYear: "true"), .wrongType(.expYear)),
    (Kit.plaintext(name: "42"), .wrongType(.name)),
    (Kit.plaintext(name: "[]"), .wrongType(.name)),
  ])
  func wrongTypesAreRefused(plaintext: String, problem: CardPlaintextProblem) {
    expectRefused(plaintext, problem)
  }

  @Test(arguments: [
    #""4242 4242 4242 4242""#, #""4242-4242-4242-4242""#, #""424242424242424x""#,
    #""4242424242424241""#, #""42424242424242424242424242""#, #""""#, #""4242""#,
    #""1234567812345678""#, #""\uff14242424242424242""#,
  ])
  func numbersThatAreNotValidDigitsAreRefused(number: String) {
    expectRefused(Kit.plaintext(number: number), .invalidNumber)
  }

  @Test(arguments: [#""73""#, #""7391""#, #""7a9""#, #""""#, #"" 739""#, #""73912345678""#])
  func cvcsThatAreNotTheRightDigitsAreRefused(cvc: String) {
    expectRefused(Kit.plaintext(cvc: cvc), .invalidCVC)
  }

  @Test(arguments: [
    ("0", "2029"), ("13", "2029"), ("-1", "2029"), ("12", "29"), ("12", "20290"),
    ("12.0", "2029"), ("12", "2e3"), ("012", "2029"), ("12", "-2029"),
  ])
  func expiriesThatAreNotAMonthOfAYearAreRefused(month: String, year: String) {
    expectRefused(Kit.plaintext(expMonth: month, expYear: year), .invalidExpiry)
  }

  @Test(arguments: [
    #""""#, #""   ""#, #""Ada\nLovelace""#, #""Ada\u001b[2J""#,
    #""\ud800""#, #""\udc00x""#, "\"" + String(repeating: "A", count: 2000) + "\"",
    #""Ada \u202eecalevoL""#,
  ])
  func unacceptableNamesAreRefused(name: String) {
    let expected: CardPlaintextProblem =
      name.contains(#"\ud800"#) || name.contains(#"\udc00"#) ? .malformedJSON : .invalidName
    expectRefused(Kit.plaintext(name: name), expected)
  }

  @Test func invalidUTF8InTheNameIsRefused() throws {
    var bytes = Array(
      #"{"number":"4242424242424242","expMonth":12,"expYear":2029,"cvc":"739","name":"Ad"#.utf8)
    bytes += [0xC3, 0x28] + Array(#"a"}"#.utf8)
    let card = try Kit.sealRaw(bytes, to: publicKey)
    #expect(throws: CardSealingError.invalidPlaintext(.invalidName)) {
      try CardOpener.open(
        card, privateKey: privateKey, keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
    }
  }

  @Test func rawControlCharactersInStringsAreRefused() {
    expectRefused(Kit.plaintext(name: "\"Ada\tLovelace\""), .malformedJSON)
  }

  @Test func anythingAfterTheObjectIsRefused() {
    expectRefused(Kit.plaintext() + "x", .trailingData)
    expectRefused(Kit.plaintext() + "{}", .trailingData)
    expectRefused(Kit.plaintext() + "\u{0}", .trailingData)
  }
}

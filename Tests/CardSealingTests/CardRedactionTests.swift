import CardSealing
import Crypto
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@Suite("Card sealing redaction")
struct CardRedactionTests {
  typealias Kit = SealingTestKit

  @Test func anOpenedCardPrintsNoNumberCVCOrName() throws {
    let (privateKey, publicKey) = Kit.keyPair()
    let sealed = try CardSealer.seal(
      Kit.entry(number: "5555 5555 5555 4444", cvc: "739", name: "Ada Lovelace"), to: publicKey,
      idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    let card = try CardOpener.open(
      sealed, privateKey: privateKey, keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
    var dumped = ""
    dump(card, to: &dumped)
    let mirrored = Mirror(reflecting: card).children.map { "\($0.label ?? ""): \($0.value)" }
    let texts = [
      card.description, card.debugDescription, "\(card)", String(reflecting: card), dumped,
      "\([card])", mirrored.joined(separator: ","),
    ]
    for text in texts {
      #expect(!CardLeaks.leaks(in: text, number: "5555555555554444", cvc: "739"), "\(text)")
      #expect(!text.contains("Lovelace"), "\(text)")
      #expect(text.contains("4444"))
    }
  }

  @Test func aSealedCardAndAPublicKeyHoldNothingSecret() throws {
    let (_, publicKey) = Kit.keyPair()
    let sealed = try CardSealer.seal(
      Kit.entry(), to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    var dumped = ""
    dump(sealed, to: &dumped)
    for text in [dumped, "\(sealed)", "\(publicKey)"] {
      #expect(!CardLeaks.leaks(in: text, number: "4242424242424242", cvc: "739"))
      #expect(!text.contains("Lovelace"))
    }
  }

  @Test func everyErrorMessageIsFreeOfCardData() {
    let problems: [CardPlaintextProblem] =
      [
        .malformedJSON, .unexpectedField, .invalidNumber, .invalidCVC, .invalidExpiry,
        .invalidName, .trailingData,
      ]
      + CardPlaintextField.allCases.flatMap { [.missingField($0), .duplicateField($0)] }
    let errors: [CardSealingError] =
      [
        .invalidKeyId, .malformedPublicKey, .wrongPublicKeyLength(31), .weakPublicKey,
        .sealingFailed,
        .unknownKey, .malformedBase64, .tooShort(3), .tooLong, .cannotOpen,
        .invalidCard([FieldError(.cardNumber, "The card number is incomplete.")]),
      ] + problems.map { .invalidPlaintext($0) }
    for error in errors {
      #expect(error.message.hasSuffix(".") && error.description == error.message)
      // No run of six digits or more (an issuer prefix): nothing like a card number.
      let runs = error.message.split(whereSeparator: { !$0.isNumber })
      #expect(runs.allSatisfy { $0.count < 6 }, "\(error.message)")
    }
  }
}

import CardSealing
import Crypto
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

/// The sealed card format against an independent RFC 9180 implementation.
///
/// That is Python's `cryptography` package. Requires `python3` with `pip install cryptography` (46 or later).
@Suite("Card sealing interoperability with Python's cryptography")
struct CardInteroperabilityTests {
  typealias Kit = SealingTestKit

  @Test func aCardSealedByPythonOpensHere() throws {
    let (privateKey, publicKey) = Kit.keyPair()
    let info = "orderdesk-card-v1:\(publicKey.keyId):\(Kit.idempotencyKey.rawValue)"
    let sealed = try PythonHPKE.sealCard(
      number: "378282246310005", cvc: "7391", month: 3, year: 2030, name: "Grace Hopper",
      publicKey: publicKey.rawRepresentation, info: info)
    let card = try CardOpener.open(
      SealedCard(keyId: publicKey.keyId, sealed: sealed), privateKey: privateKey,
      keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
    #expect(card.brand == .americanExpress && card.lastFour == "0005")
    #expect(card.cvc.withUnsafeBytes { Array($0) } == Array("7391".utf8))
    #expect(card.expiry == YearMonth(year: 2030, month: 3) && card.name == "Grace Hopper")
  }

  @Test func aCardSealedByPythonForAnotherSubmissionDoesNotOpen() throws {
    let (privateKey, publicKey) = Kit.keyPair()
    let sealed = try PythonHPKE.sealCard(
      number: "4242424242424242", cvc: "739", month: 3, year: 2030, name: "Grace Hopper",
      publicKey: publicKey.rawRepresentation,
      info: "orderdesk-card-v1:\(publicKey.keyId):another-key")
    #expect(throws: CardSealingError.cannotOpen) {
      try CardOpener.open(
        SealedCard(keyId: publicKey.keyId, sealed: sealed), privateKey: privateKey,
        keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
    }
  }

  @Test func aCardSealedHereOpensInPython() throws {
    let (privateKey, publicKey) = Kit.keyPair()
    let sealed = try CardSealer.seal(
      Kit.entry(number: "5555 5555 5555 4444", expiry: "11/30", name: "Ada \"Countess\" Lovelace"),
      to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    let plaintext = try PythonHPKE.open(
      sealed: sealed.sealed, privateKey: privateKey.rawRepresentation,
      info: "orderdesk-card-v1:\(publicKey.keyId):\(Kit.idempotencyKey.rawValue)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: plaintext) as? [String: Any])
    #expect(Set(object.keys) == ["number", "expMonth", "expYear", "cvc", "name"])
    #expect(object["number"] as? String == "5555555555554444")
    #expect(object["cvc"] as? String == "739")
    #expect(object["expMonth"] as? Int == 11 && object["expYear"] as? Int == 2030)
    #expect(object["name"] as? String == "Ada \"Countess\" Lovelace")
  }
}

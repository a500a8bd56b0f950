import CardSealing
import Crypto
import Foundation
import OrderCore
import OrderDeskTestSupport

/// Helpers shared by the sealing tests, written independently of the code under test.
enum SealingTestKit {
  /// The month the tests pretend it is.
  static let now = YearMonth(year: 2026, month: 4)!

  /// The widely published test card numbers, one or two per brand, with a CVC that fits.
  static let publishedCards: [(number: String, brand: CardBrand, cvc: String)] = [
    ("4242424242424242", .visa, "739"),
    ("4000056655665556", .visa, "739"),
    ("5555555555554444", .mastercard, "739"),
    ("2223003122003222", .mastercard, "739"),
    ("378282246310005", .americanExpress, "7391"),
    ("6011111111111117", .discover, "739"),
    ("3056930009020004", .dinersClub, "739"),
    ("36227206271667", .dinersClub, "739"),
    ("3566002020360505", .jcb, "739"),
    ("6200000000000005", .unionPay, "739"),
    ("6759649826438453", .maestro, "739"),
  ]

  static let idempotencyKey = IdempotencyKey("order-7f3a9c")!

  /// Every number and CVC these tests seal, in every spelling, found in `text`.
  static func cardDataFindings(in text: String) -> [String] {
    CardLeaks.findings(
      in: text, numbers: publishedCards.map(\.number),
      cvcs: Set(publishedCards.map(\.cvc) + ["740"]).sorted())
  }

  static func entry(
    number: String = "4242 4242 4242 4242", expiry: String = "12/29", cvc: String = "739",
    name: String = "Ada Lovelace"
  ) -> CardEntry {
    CardEntry(
      number: SecretBytes(copying: number.utf8), expiry: expiry,
      cvc: SecretBytes(copying: cvc.utf8), name: name)
  }

  /// A fresh vault key pair.
  static func keyPair() -> (Curve25519.KeyAgreement.PrivateKey, VaultPublicKey) {
    let privateKey = Curve25519.KeyAgreement.PrivateKey()
    return (privateKey, VaultPublicKey(privateKey: privateKey))
  }

  /// `plaintext` sealed with HPKE directly, as another client would, bypassing `CardSealer`
  /// so that tests can seal contents the sealer would never produce.
  static func sealRaw(
    _ plaintext: String, to key: VaultPublicKey, idempotencyKey: IdempotencyKey = idempotencyKey
  ) throws -> SealedCard {
    try sealRaw(Array(plaintext.utf8), to: key, idempotencyKey: idempotencyKey)
  }

  static func sealRaw(
    _ plaintext: [UInt8], to key: VaultPublicKey,
    idempotencyKey: IdempotencyKey = idempotencyKey, info: String? = nil
  ) throws -> SealedCard {
    let recipient = try Curve25519.KeyAgreement.PublicKey(
      rawRepresentation: key.rawRepresentation)
    let infoText = info ?? "orderdesk-card-v1:\(key.keyId):\(idempotencyKey.rawValue)"
    var sender = try HPKE.Sender(
      recipientKey: recipient, ciphersuite: .Curve25519_SHA256_ChachaPoly,
      info: Data(infoText.utf8))
    let ciphertext = try sender.seal(plaintext)
    return SealedCard(
      keyId: key.keyId, sealed: (sender.encapsulatedKey + ciphertext).base64EncodedString())
  }

  /// The plaintext of a good card, with fields replaceable by raw JSON text.
  static func plaintext(
    number: String = #""4242424242424242""#, expMonth: String = "12", expYear: String = "2029",
    cvc: String = #""739""#, name: String = #""Ada Lovelace""#
  ) -> String {
    #"{"number":\#(number),"expMonth":\#(expMonth),"expYear":\#(expYear),"cvc":\#(cvc),"name":\#(name)}"#
  }
}

import CardSealing
import Crypto
import Foundation
import OrderCore
import Testing

@Suite("Card sealing refusals")
struct CardSealingRefusalTests {
  typealias Kit = SealingTestKit

  @Test(arguments: [
    ("4242 4242 4242", "12/29", "739", "Ada Lovelace", [OrderField.cardNumber]),
    ("4242 4242 4242 4241", "12/29", "739", "Ada Lovelace", [.cardNumber]),
    ("4242 4242 4242 4242", "01/26", "739", "Ada Lovelace", [.cardExpiry]),
    ("4242 4242 4242 4242", "12/29", "73", "Ada Lovelace", [.cardCVC]),
    ("378282246310005", "12/29", "739", "Ada Lovelace", [.cardCVC]),
    ("4242 4242 4242 4242", "12/29", "739", "   ", [.cardholderName]),
    ("", "", "", "", [.cardNumber, .cardExpiry, .cardCVC, .cardholderName]),
  ])
  func onlyCompleteValidCardsAreSealed(
    number: String, expiry: String, cvc: String, name: String, fields: [OrderField]
  ) {
    let (_, publicKey) = Kit.keyPair()
    let entry = Kit.entry(number: number, expiry: expiry, cvc: cvc, name: name)
    do {
      _ = try CardSealer.seal(
        entry, to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
      Issue.record("an invalid card was sealed")
    } catch {
      guard case .invalidCard(let errors) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(errors.map(\.field) == fields)
      let texts = [error.message, "\(error)", String(reflecting: error)] + errors.map(\.message)
      for text in texts {
        #expect(Kit.cardDataFindings(in: text).isEmpty, "\(text)")
        #expect(!text.contains("4242") && !text.contains("0005"), "not even the last four")
      }
    }
  }

  @Test func aPublicKeyFromBase64RoundTrips() throws {
    let (_, publicKey) = Kit.keyPair()
    let read = try VaultPublicKey(keyId: publicKey.keyId, base64: publicKey.base64)
    #expect(read == publicKey)
    #expect(read.rawRepresentation.count == 32)
  }

  @Test(arguments: [0, 1, 31, 33, 64])
  func publicKeysOfTheWrongLengthAreRefused(length: Int) {
    let text = Data(repeating: 7, count: length).base64EncodedString()
    #expect(throws: CardSealingError.wrongPublicKeyLength(length)) {
      try VaultPublicKey(keyId: "k1", base64: text)
    }
  }

  @Test func anEnormousPublicKeyIsRefusedBeforeDecoding() {
    let text = String(repeating: "A", count: 10_000_000)
    #expect(throws: CardSealingError.self) { try VaultPublicKey(keyId: "k1", base64: text) }
  }

  @Test(arguments: [
    "not base64!", "AAAA AAAA", "====", "QUJD\n", "QUJ", "QUJDRA",
    "QUJDRA=="
      + "\n",
  ])
  func publicKeysThatAreNotBase64AreRefused(text: String) {
    #expect(throws: CardSealingError.malformedPublicKey) {
      try VaultPublicKey(keyId: "k1", base64: text)
    }
  }

  @Test(arguments: ["", "key:1", "key 1", "ключ", String(repeating: "k", count: 65), "k\n"])
  func badKeyIdsAreRefused(keyId: String) {
    let raw = Data(repeating: 9, count: 32).base64EncodedString()
    #expect(throws: CardSealingError.invalidKeyId) {
      try VaultPublicKey(keyId: keyId, base64: raw)
    }
  }

  @Test func aKeyIdIsTheFirstSixteenHexDigitsOfTheKeysSHA256() {
    let raw = Data(repeating: 1, count: 32)
    let digest = SHA256.hash(data: raw).map { String(format: "%02x", $0) }.joined()
    #expect(VaultPublicKey.keyId(forRawKey: raw) == String(digest.prefix(16)))
  }

  /// Points of small order on Curve25519 (as listed by libsodium), which give an all-zero
  /// shared secret with every private key: anyone could open a card sealed to them.
  static let smallOrderPoints: [String] = [
    String(repeating: "00", count: 32),
    "01" + String(repeating: "00", count: 31),
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ec" + String(repeating: "ff", count: 30) + "7f",
    "ed" + String(repeating: "ff", count: 30) + "7f",
    "ee" + String(repeating: "ff", count: 30) + "7f",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
  ]

  @Test(arguments: smallOrderPoints)
  func smallOrderKeysAreRefused(hex: String) {
    let raw = stride(from: 0, to: hex.count, by: 2).map { offset in
      UInt8(hex.dropFirst(offset).prefix(2), radix: 16)!
    }
    #expect(throws: CardSealingError.weakPublicKey) {
      try VaultPublicKey(keyId: "weak", rawRepresentation: raw)
    }
    #expect(throws: CardSealingError.weakPublicKey) {
      try VaultPublicKey(keyId: "weak", base64: Data(raw).base64EncodedString())
    }
  }
}

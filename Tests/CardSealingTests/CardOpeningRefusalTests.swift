import CardSealing
import Crypto
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@Suite("Card opening refusals")
struct CardOpeningRefusalTests {
  typealias Kit = SealingTestKit

  private let privateKey: Curve25519.KeyAgreement.PrivateKey
  private let publicKey: VaultPublicKey
  private let sealed: SealedCard

  init() throws {
    (privateKey, publicKey) = Kit.keyPair()
    sealed = try CardSealer.seal(
      Kit.entry(), to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
  }

  private func open(
    _ card: SealedCard, key: Curve25519.KeyAgreement.PrivateKey? = nil, keyId: String? = nil,
    idempotencyKey: IdempotencyKey = SealingTestKit.idempotencyKey
  ) throws(CardSealingError) -> OpenedCard {
    try CardOpener.open(
      card, privateKey: key ?? privateKey, keyId: keyId ?? publicKey.keyId,
      idempotencyKey: idempotencyKey)
  }

  /// Every refusal's texts, checked for the card's digits.
  private func expectNoCardData(in error: CardSealingError) {
    for text in [error.message, "\(error)", String(reflecting: error)] {
      #expect(!CardLeaks.leaks(in: text, number: "4242424242424242", cvc: "739"))
      #expect(!text.contains("Ada"))
    }
  }

  @Test func theUntouchedCardOpens() throws {
    #expect(try open(sealed).lastFour == "4242")
  }

  @Test func aWrongKeyIdIsRefused() {
    var other = sealed
    other.keyId = "0123456789abcdef"
    #expect(throws: CardSealingError.unknownKey) { try open(other) }
    #expect(throws: CardSealingError.unknownKey) { try open(sealed, keyId: "another") }
  }

  @Test(arguments: ["not base64 at all", "QUJD\nREVG", "QUJ", "@@@@", "====", " QUJD"])
  func badBase64IsRefused(text: String) {
    let card = SealedCard(keyId: publicKey.keyId, sealed: text)
    #expect(throws: CardSealingError.malformedBase64) { try open(card) }
  }

  @Test(arguments: [0, 1, 32, 48])
  func tooShortBlobsAreRefused(length: Int) {
    let card = SealedCard(
      keyId: publicKey.keyId, sealed: Data(repeating: 1, count: length).base64EncodedString())
    #expect(throws: CardSealingError.tooShort(length)) { try open(card) }
  }

  @Test(arguments: [4097, 100_000, 10_000_000])
  func tooLongBlobsAreRefused(length: Int) {
    let card = SealedCard(
      keyId: publicKey.keyId, sealed: Data(repeating: 1, count: length).base64EncodedString())
    #expect(throws: CardSealingError.tooLong) { try open(card) }
  }

  @Test func everyFlippedByteIsDetected() throws {
    let blob = try #require(Data(base64Encoded: sealed.sealed))
    // The encapsulated key, the ciphertext and the tag: a change anywhere must not open.
    for position in [0, 1, 16, 31, 32, 40, blob.count / 2, blob.count - 17, blob.count - 1] {
      var changed = blob
      changed[position] ^= 0x01
      let card = SealedCard(keyId: publicKey.keyId, sealed: changed.base64EncodedString())
      #expect(throws: CardSealingError.cannotOpen) { try open(card) }
    }
  }

  @Test func truncatedAndExtendedBlobsDoNotOpen() throws {
    let blob = try #require(Data(base64Encoded: sealed.sealed))
    for changed in [blob.dropLast(), blob + [0], blob.prefix(60)] {
      let card = SealedCard(keyId: publicKey.keyId, sealed: Data(changed).base64EncodedString())
      #expect(throws: CardSealingError.cannotOpen) { try open(card) }
    }
  }

  @Test func anotherIdempotencyKeyDoesNotOpen() {
    let other = IdempotencyKey("order-other")!
    #expect(throws: CardSealingError.cannotOpen) { try open(sealed, idempotencyKey: other) }
  }

  @Test func anotherInfoPrefixDoesNotOpen() throws {
    let card = try Kit.sealRaw(
      Array(Kit.plaintext().utf8), to: publicKey,
      info: "orderdesk-card-v2:\(publicKey.keyId):order-7f3a9c")
    #expect(throws: CardSealingError.cannotOpen) { try open(card) }
  }

  @Test func anotherPrivateKeyDoesNotOpen() {
    let (otherKey, _) = Kit.keyPair()
    #expect(throws: CardSealingError.cannotOpen) { try open(sealed, key: otherKey) }
  }

  @Test func refusalsCarryNoCardData() throws {
    var errors: [CardSealingError] = [.unknownKey, .malformedBase64, .tooLong, .cannotOpen]
    let (otherKey, _) = Kit.keyPair()
    do {
      _ = try open(sealed, key: otherKey)
    } catch {
      errors.append(error)
    }
    for error in errors { expectNoCardData(in: error) }
  }
}

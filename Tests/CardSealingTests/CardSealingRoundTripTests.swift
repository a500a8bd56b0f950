import CardSealing
import Crypto
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@Suite("Card sealing round trip")
struct CardSealingRoundTripTests {
  typealias Kit = SealingTestKit

  @Test(arguments: SealingTestKit.publishedCards)
  func eachBrandsTestNumberRoundTrips(
    card: (number: String, brand: CardBrand, cvc: String)
  )
    throws
  {
    let (privateKey, publicKey) = Kit.keyPair()
    let entry = Kit.entry(number: card.number, expiry: "07/31", cvc: card.cvc)
    let sealed = try CardSealer.seal(
      entry, to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    #expect(sealed.keyId == publicKey.keyId)
    #expect(!CardLeaks.leaks(in: sealed.sealed, number: card.number, cvc: card.cvc))

    let opened = try CardOpener.open(
      sealed, privateKey: privateKey, keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
    #expect(opened.number.withUnsafeBytes { Array($0) } == Array(card.number.utf8))
    #expect(opened.cvc.withUnsafeBytes { Array($0) } == Array(card.cvc.utf8))
    #expect(opened.brand == card.brand)
    #expect(opened.lastFour == String(card.number.suffix(4)))
    #expect(opened.expiry == YearMonth(year: 2031, month: 7))
    #expect(opened.name == "Ada Lovelace")
    #expect(
      opened.summary
        == CardSummary(
          brand: card.brand, lastFour: opened.lastFour,
          expiry: opened.expiry))
  }

  @Test func theSealedBytesAreTheEncapsulatedKeyThenTheCiphertext() throws {
    let (privateKey, publicKey) = Kit.keyPair()
    let sealed = try CardSealer.seal(
      Kit.entry(), to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    let blob = try #require(Data(base64Encoded: sealed.sealed))
    let expected = Kit.plaintext()
    // 32-byte encapsulated key, then the plaintext's length plus a 16-byte tag.
    #expect(blob.count == 32 + expected.utf8.count + 16)

    // Opened by hand with HPKE, the plaintext is exactly the agreed JSON, digits only.
    var recipient = try HPKE.Recipient(
      privateKey: privateKey, ciphersuite: .Curve25519_SHA256_ChachaPoly,
      info: Data("orderdesk-card-v1:\(publicKey.keyId):order-7f3a9c".utf8),
      encapsulatedKey: blob.prefix(32))
    let plaintext = try recipient.open(blob.dropFirst(32))
    #expect(String(decoding: plaintext, as: UTF8.self) == expected)
  }

  @Test func sealingTwiceGivesDifferentBlobs() throws {
    let (_, publicKey) = Kit.keyPair()
    let first = try CardSealer.seal(
      Kit.entry(), to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    let second = try CardSealer.seal(
      Kit.entry(), to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    #expect(first.sealed != second.sealed)
  }

  @Test(arguments: [
    ("Ada \"The Countess\"", "Ada \"The Countess\""),
    ("José Müller-Łukasz", "José Müller-Łukasz"),
    ("  Grace Hopper  ", "Grace Hopper"),
    ("李小龍", "李小龍"),
    ("back\\slash", "back\\slash"),
  ])
  func namesNeedingEscapesOrUnicodeRoundTrip(typed: String, opened: String) throws {
    let (privateKey, publicKey) = Kit.keyPair()
    let sealed = try CardSealer.seal(
      Kit.entry(name: typed), to: publicKey, idempotencyKey: Kit.idempotencyKey,
      currentMonth: Kit.now)
    let card = try CardOpener.open(
      sealed, privateKey: privateKey, keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
    #expect(card.name == opened)
  }

  @Test func separatorsTypedInTheNumberAreNotSealed() throws {
    let (privateKey, publicKey) = Kit.keyPair()
    let sealed = try CardSealer.seal(
      Kit.entry(number: "4242-4242 4242-4242"), to: publicKey,
      idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    let card = try CardOpener.open(
      sealed, privateKey: privateKey, keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
    #expect(card.number.withUnsafeBytes { Array($0) } == Array("4242424242424242".utf8))
  }

  @Test func theSealerLeavesTheEntryToItsOwner() throws {
    let (_, publicKey) = Kit.keyPair()
    let entry = Kit.entry()
    _ = try CardSealer.seal(
      entry, to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    #expect(entry.number.count == 19)
    entry.wipe()
    #expect(entry.number.isEmpty && entry.cvc.isEmpty)
  }

  @Test func wipingAnOpenedCardEmptiesNumberAndCVC() throws {
    let (privateKey, publicKey) = Kit.keyPair()
    let sealed = try CardSealer.seal(
      Kit.entry(), to: publicKey, idempotencyKey: Kit.idempotencyKey, currentMonth: Kit.now)
    let card = try CardOpener.open(
      sealed, privateKey: privateKey, keyId: publicKey.keyId, idempotencyKey: Kit.idempotencyKey)
    card.wipeCVC()
    #expect(card.cvc.isEmpty && card.number.count == 16)
    card.wipe()
    #expect(card.number.isEmpty)
    #expect(card.lastFour == "4242")
  }
}

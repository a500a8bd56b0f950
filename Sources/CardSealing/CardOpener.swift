import Crypto
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Opens a sealed card with the vault's private key; only the vault calls this.
public enum CardOpener {
  /// The card inside `sealed`, which must have been sealed to `keyId`'s key for the
  /// submission with `idempotencyKey`.
  ///
  /// Strict: a different key id, bad base64, too few or too many bytes, any change to the
  /// ciphertext, another idempotency key, or contents other than the agreed JSON are all
  /// refused. Errors never carry the plaintext, and the plaintext is wiped before this
  /// returns; only the returned `OpenedCard` holds the card, and its holder wipes it.
  public static func open(
    _ sealed: SealedCard, privateKey: Curve25519.KeyAgreement.PrivateKey, keyId: String,
    idempotencyKey: IdempotencyKey
  ) throws(CardSealingError) -> OpenedCard {
    guard sealed.keyId == keyId else { throw .unknownKey }
    let blob = try decode(sealed.sealed)
    let split = blob.startIndex + CardSealingFormat.encapsulatedKeyLength
    var plaintext: Data
    do {
      var recipient = try HPKE.Recipient(
        privateKey: privateKey, ciphersuite: CardSealingFormat.ciphersuite,
        info: CardSealingFormat.info(keyId: keyId, idempotencyKey: idempotencyKey),
        encapsulatedKey: blob[..<split])
      plaintext = try recipient.open(blob[split...])
    } catch {
      throw .cannotOpen
    }
    defer { SecureMemory.wipe(&plaintext) }
    // `Data.withUnsafeBytes` rethrows untyped errors, so the outcome travels as a `Result`.
    let outcome = plaintext.withUnsafeBytes { bytes in
      Result { () throws(CardPlaintextProblem) in try CardPlaintextReader.read(bytes) }
    }
    switch outcome {
    case .success(let card): return card
    case .failure(let problem): throw .invalidPlaintext(problem)
    }
  }

  /// The sealed bytes, checked for size before and after decoding.
  private static func decode(_ text: String) throws(CardSealingError) -> Data {
    let longestText = (CardSealingFormat.maximumSealedLength + 2) / 3 * 4
    guard text.utf8.count <= longestText else { throw .tooLong }
    guard let blob = Data(base64Encoded: text), blob.base64EncodedString() == text else {
      // Only the canonical encoding: one sealed card has exactly one text form.
      throw .malformedBase64
    }
    guard blob.count <= CardSealingFormat.maximumSealedLength else { throw .tooLong }
    guard blob.count >= CardSealingFormat.minimumSealedLength else { throw .tooShort(blob.count) }
    return blob
  }
}

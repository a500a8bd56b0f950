import Crypto
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Seals a card's fields to the vault's public key, so that only the vault can read them.
public enum CardSealer {
  /// The card sealed to `key` for the submission with `idempotencyKey`.
  ///
  /// Only a complete and valid card is sealed, judged by the core rules against
  /// `currentMonth`; otherwise the error lists the card's field errors, which never contain
  /// its digits. The plaintext lives only in a buffer that is wiped before this returns. The
  /// caller still owns `card` and wipes it once the sealed card is safely kept.
  public static func seal(
    _ card: CardEntry, to key: VaultPublicKey, idempotencyKey: IdempotencyKey,
    currentMonth: YearMonth
  ) throws(CardSealingError) -> SealedCard {
    let errors = card.validate(currentMonth: currentMonth)
    guard errors.isEmpty else { throw .invalidCard(errors) }
    let expiry: YearMonth
    let name: String
    do {
      expiry = try CardExpiry.parse(card.expiry, currentMonth: currentMonth)
      name = try CardholderName.normalise(card.name)
    } catch {
      // `validate` accepted both a moment ago; this only guards against a future change.
      throw .invalidCard(card.validate(currentMonth: currentMonth))
    }

    var buffer = PlaintextBuffer(
      capacity: CardPlaintextWriter.capacity(number: card.number, cvc: card.cvc, name: name))
    guard
      CardPlaintextWriter.write(
        number: card.number, expiry: expiry, cvc: card.cvc, name: name, into: &buffer)
    else { throw .sealingFailed }

    let recipient = try key.agreementKey
    do {
      var sender = try HPKE.Sender(
        recipientKey: recipient, ciphersuite: CardSealingFormat.ciphersuite,
        info: CardSealingFormat.info(keyId: key.keyId, idempotencyKey: idempotencyKey))
      let ciphertext = try buffer.withBytes { plaintext in try sender.seal(plaintext) }
      var sealed = sender.encapsulatedKey
      sealed.append(ciphertext)
      return SealedCard(keyId: key.keyId, sealed: sealed.base64EncodedString())
    } catch {
      throw .sealingFailed
    }
  }
}

import Crypto
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The public contract of a sealed card, which other clients implement too.
///
/// RFC 9180 HPKE in base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
/// ChaCha20-Poly1305; `info` is `orderdesk-card-v1:<key id>:<idempotency key>` in UTF-8 and
/// there is no AAD. The sealed bytes are the 32-byte encapsulated key followed by the
/// ciphertext, sent as standard base64.
public enum CardSealingFormat {
  /// The HPKE suite every sealed card uses.
  public static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly

  /// The prefix of `info`, which names the format's version.
  public static let infoPrefix = "orderdesk-card-v1:"

  /// The length of a DHKEM(X25519) encapsulated key.
  public static let encapsulatedKeyLength = 32

  /// The length of the ChaCha20-Poly1305 tag at the end of the ciphertext.
  public static let tagLength = 16

  /// The most sealed bytes accepted.
  ///
  /// A real card's plaintext is under 200 bytes; refusing more keeps hostile input cheap.
  public static let maximumSealedLength = 4096

  /// The fewest sealed bytes that can hold anything at all.
  public static let minimumSealedLength = encapsulatedKeyLength + tagLength + 1

  /// The most key id characters accepted.
  public static let maximumKeyIdLength = 64

  /// The HPKE `info` that binds a sealed card to one vault key and one submission.
  ///
  /// Because the idempotency key is part of it, a card sealed for one order cannot be
  /// replayed into another.
  public static func info(keyId: String, idempotencyKey: IdempotencyKey) -> Data {
    Data((infoPrefix + keyId + ":" + idempotencyKey.rawValue).utf8)
  }

  /// Whether `keyId` is 1 to 64 characters of letters, digits, `.`, `_` and `-`.
  ///
  /// No colon, so `info` splits into its parts in exactly one way.
  public static func isValidKeyId(_ keyId: String) -> Bool {
    let bytes = keyId.utf8
    guard (1...maximumKeyIdLength).contains(bytes.count) else { return false }
    return bytes.allSatisfy { byte in
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "-"):
        true
      default:
        false
      }
    }
  }
}

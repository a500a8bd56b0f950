import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The vault's public key that card fields are sealed to, with the id that names it.
public struct VaultPublicKey: Sendable, Hashable, CustomStringConvertible {
  /// The length of a raw X25519 public key.
  public static let rawLength = 32

  /// Names the key, so the vault knows which private key opens a card.
  public let keyId: String
  /// The raw 32-byte X25519 public key.
  public let rawRepresentation: Data

  /// The key as `GET /v1/vault-key` sends it: a key id and standard base64 of the raw key.
  public init(keyId: String, base64 publicKey: String) throws(CardSealingError) {
    // Base64 of 32 bytes is 44 characters; a much longer string is refused before decoding.
    guard publicKey.utf8.count <= 4 * VaultPublicKey.rawLength else {
      throw .wrongPublicKeyLength(publicKey.utf8.count * 3 / 4)
    }
    guard let raw = Data(base64Encoded: publicKey), raw.base64EncodedString() == publicKey else {
      throw .malformedPublicKey
    }
    try self.init(keyId: keyId, rawRepresentation: raw)
  }

  /// A key from its raw 32 bytes.
  public init(keyId: String, rawRepresentation: some DataProtocol) throws(CardSealingError) {
    guard CardSealingFormat.isValidKeyId(keyId) else { throw .invalidKeyId }
    guard rawRepresentation.count == VaultPublicKey.rawLength else {
      throw .wrongPublicKeyLength(rawRepresentation.count)
    }
    let raw = Data(rawRepresentation)
    guard !VaultPublicKey.hasSmallOrder(raw) else { throw .weakPublicKey }
    self.keyId = keyId
    self.rawRepresentation = raw
  }

  /// Whether `raw` is one of the X25519 points of small order, such as all zeros.
  ///
  /// Any private key agrees with such a point on an all-zero secret, which would make a card
  /// sealed to it readable by anyone; RFC 9180 says to refuse that, and the HPKE
  /// implementation used here does not, so this does. One agreement with a random key tells:
  /// only a small-order point gives zero for every clamped scalar.
  static func hasSmallOrder(_ raw: Data) -> Bool {
    guard let point = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw),
      let secret = try? Curve25519.KeyAgreement.PrivateKey().sharedSecretFromKeyAgreement(
        with: point)
    else { return true }
    return secret.withUnsafeBytes { bytes in bytes.allSatisfy { $0 == 0 } }
  }

  /// The public half of `privateKey`, named by its derived key id.
  public init(privateKey: Curve25519.KeyAgreement.PrivateKey) {
    let raw = privateKey.publicKey.rawRepresentation
    self.keyId = VaultPublicKey.keyId(forRawKey: raw)
    self.rawRepresentation = raw
  }

  /// The id of a key: the first 16 hex digits of the SHA-256 of its raw bytes.
  ///
  /// Derived rather than chosen, so a key and its id cannot drift apart.
  public static func keyId(forRawKey raw: some DataProtocol) -> String {
    let digest = SHA256.hash(data: raw)
    let hex = digest.prefix(8).map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }
    return hex.joined()
  }

  /// Standard base64 of the raw key, as `GET /v1/vault-key` sends it.
  public var base64: String { rawRepresentation.base64EncodedString() }

  /// The key in the form HPKE takes.
  var agreementKey: Curve25519.KeyAgreement.PublicKey {
    get throws(CardSealingError) {
      do {
        return try Curve25519.KeyAgreement.PublicKey(rawRepresentation: rawRepresentation)
      } catch {
        throw .wrongPublicKeyLength(rawRepresentation.count)
      }
    }
  }

  /// The key id and the key in base64; a public key is not a secret.
  public var description: String { "VaultPublicKey(\(keyId), \(base64))" }
}

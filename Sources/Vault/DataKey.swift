import CardSealing
import Crypto
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The AES-256 key card numbers are encrypted under, kept in the database wrapped by the
/// key-encryption key (RFC 3394 AES key wrap) and unwrapped once when the vault starts.
struct DataKey: Sendable {
  private let key: SymmetricKey

  init(_ key: SymmetricKey) {
    self.key = key
  }

  /// A new random data key.
  static func generate() -> DataKey {
    DataKey(SymmetricKey(size: .bits256))
  }

  /// The key wrapped by `keyEncryptionKey`, as stored.
  func wrapped(by keyEncryptionKey: SymmetricKey) throws -> Data {
    try AES.KeyWrap.wrap(key, using: keyEncryptionKey)
  }

  /// The data key inside `wrapped`, or `nil` when `keyEncryptionKey` is not the one that
  /// wrapped it (key wrap carries its own integrity check).
  static func unwrap(_ wrapped: Data, with keyEncryptionKey: SymmetricKey) -> DataKey? {
    guard let key = try? AES.KeyWrap.unwrap(wrapped, using: keyEncryptionKey),
      key.bitCount == 256
    else { return nil }
    return DataKey(key)
  }

  /// The card number encrypted with AES-GCM: nonce, ciphertext and tag together.
  ///
  /// The token is authenticated with it, so a number moved to another card's row no longer
  /// opens.
  func seal(_ number: SecretBytes, token: String) throws -> Data {
    try number.withUnsafeBytes { digits in
      try AES.GCM.seal(digits, using: key, authenticating: Data(token.utf8)).combined
    }.orThrow()
  }

  /// The card number sealed for `token`, in a new secret; the plain copy is wiped.
  func open(_ sealed: Data, token: String) throws -> SecretBytes {
    let box = try AES.GCM.SealedBox(combined: sealed)
    var plain = try AES.GCM.open(box, using: key, authenticating: Data(token.utf8))
    defer { SecureMemory.wipe(&plain) }
    return SecretBytes(copying: plain)
  }
}

/// Raised when AES-GCM gives no combined form, which only happens for non-standard nonces.
struct MissingCombinedForm: Error {}

extension Optional where Wrapped == Data {
  fileprivate func orThrow() throws -> Data {
    guard let self else { throw MissingCombinedForm() }
    return self
  }
}

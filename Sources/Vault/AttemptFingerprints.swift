import Crypto
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Keyed fingerprints of card numbers, email addresses and client addresses, so attempts can
/// be counted without keeping what was counted.
///
/// HMAC-SHA256 under a key of the vault's own, kept in a 0600 file beside its HPKE keys: a
/// plain hash of a card number could be reversed by hashing every number of a card range,
/// a keyed one only by someone who also holds the key.
struct AttemptFingerprints: Sendable {
  /// The key's file name in the vault's directory.
  static let fileName = "card-fingerprint.key"

  private let key: SymmetricKey

  /// Reads the key in `directory`, making it on first use.
  init(directory: String) throws(VaultError) {
    var bytes = try KeyFile.readOrCreate(directory + "/" + Self.fileName, length: 32) {
      SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }
    defer { KeyFile.zeroArray(&bytes) }
    key = SymmetricKey(data: bytes)
  }

  /// The card's fingerprint, from its digits; the digits are read in place, never copied.
  func card(_ number: SecretBytes) -> Data {
    var code = HMAC<SHA256>(key: key)
    code.update(data: Array("card\u{0}".utf8))
    number.withUnsafeBytes { code.update(data: $0) }
    return Data(code.finalize())
  }

  /// The email's fingerprint, ignoring case and surrounding spaces as people type them.
  func email(_ email: String) -> Data {
    fingerprint("email", email.trimmingCharacters(in: .whitespaces).lowercased())
  }

  /// The client address's fingerprint: an IPv4 address as it is (also when written as an
  /// IPv4-mapped IPv6 address), an IPv6 address by its /64, since one subscriber is given a
  /// whole /64 and could otherwise try each card from an address of its own.
  func address(_ address: String) -> Data {
    fingerprint("address", ClientSubject.of(address: address))
  }

  private func fingerprint(_ kind: String, _ text: String) -> Data {
    Data(HMAC<SHA256>.authenticationCode(for: Array("\(kind)\u{0}\(text)".utf8), using: key))
  }
}

import Crypto
import OrderCore

#if canImport(Glibc)
  import Glibc
#endif

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
    fingerprint("address", Self.subject(ofAddress: address))
  }

  /// What a client address is counted as.
  static func subject(ofAddress address: String) -> String {
    var bytes = [UInt8](repeating: 0, count: 16)
    guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else {
      return address.lowercased()
    }
    if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
      return bytes[12...].map(String.init).joined(separator: ".")
    }
    return bytes[0..<8].map { String($0, radix: 16) }.joined(separator: ".") + "/64"
  }

  private func fingerprint(_ kind: String, _ text: String) -> Data {
    Data(HMAC<SHA256>.authenticationCode(for: Array("\(kind)\u{0}\(text)".utf8), using: key))
  }
}

import Crypto
import Dispatch
import Foundation
import HummingbirdBcrypt
import Synchronization

/// bcrypt for staff passphrases, on a thread of its own.
///
/// A bcrypt at cost 12 keeps a core busy for about a quarter of a second. On Swift's
/// cooperative pool (two threads on a two-core machine) that would stall every task of the
/// process, the order service's requests among them, so each hash and check runs on this
/// hasher's serial dispatch queue and the caller awaits it. One queue also means a flood of
/// sign-ins costs the process one core at most.
///
/// What bcrypt is given is not the passphrase itself but the base64 of its SHA-256 (after
/// NFC normalisation): bcrypt reads at most 72 bytes and stops at a NUL, and a 128-character
/// passphrase can be 512 bytes, so hashing first makes every character count and the work
/// the same whatever is typed.
final class PassphraseHasher: Sendable {
  /// The bcrypt cost, log2 of the rounds.
  let cost: UInt8
  private let queue = DispatchQueue(label: "orderdesk.staff.bcrypt", qos: .userInitiated)
  /// A hash of no one's passphrase, checked when a name has no account so that an unknown
  /// name costs the same work as a known one; made once per cost, on the queue.
  private let dummy = Mutex<String?>(nil)

  init(cost: UInt8) {
    self.cost = cost
    if cost == Self.fixedDummyCost { dummy.withLock { $0 = Self.fixedDummy } }
  }

  /// The bcrypt hash of `passphrase` (`$2b$12$…`).
  func hash(_ passphrase: String) async -> String {
    let prepared = Self.prepared(passphrase)
    let cost = cost
    return await run { Bcrypt.hash(prepared, cost: cost) }
  }

  /// Whether `passphrase` is the one `stored` was made from; with no hash, checks against
  /// the dummy and answers `false`, in the same time.
  func verify(_ passphrase: String, against stored: String?) async -> Bool {
    let prepared = Self.prepared(passphrase)
    let cost = cost
    return await run { [self] in
      guard let stored else {
        let hash = self.dummy.withLock { existing in
          if let existing { return existing }
          let made = Bcrypt.hash(UUID().uuidString, cost: cost)
          existing = made
          return made
        }
        _ = Bcrypt.verify(prepared, hash: hash)
        return false
      }
      return Bcrypt.verify(prepared, hash: stored)
    }
  }

  /// What bcrypt is given for `passphrase`: 44 characters of base64, never a NUL.
  static func prepared(_ passphrase: String) -> String {
    let normalised = passphrase.precomposedStringWithCanonicalMapping
    return Data(SHA256.hash(data: Array(normalised.utf8))).base64EncodedString()
  }

  private func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: work()) }
    }
  }

  /// The default cost, whose dummy is made in advance so the first unknown name is not
  /// slower than the rest.
  static let fixedDummyCost: UInt8 = 12
  /// bcrypt at cost 12 of 32 random bytes that were thrown away: no passphrase gives it.
  static let fixedDummy = "$2b$12$AhNWb4fj6jO3Yby.gcL6ye6hEmFVLYcaomZFpXWFomGLfaYHRFRNS"
}

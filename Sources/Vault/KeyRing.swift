import CardSealing
import Crypto
import Logging
import Synchronization
import VaultAPI

/// The HPKE keys a running vault accepts, kept in step with the ring file on disk.
///
/// Another process (`orderdesk vault rotate-keys`) may rotate the ring while this vault runs.
/// The ring file's stamp is checked at most once a second, and at once when a card names a key
/// this vault does not know, so a rotation is noticed without a restart and without a file
/// read per authorization.
final class KeyRing: Sendable {
  /// How often, at most, the ring file is looked at for a rotation.
  static let checkInterval: Duration = .seconds(1)

  /// A key of the ring, with its private key while cards sealed to it are still accepted.
  private struct Key: Sendable {
    let entry: KeyRingEntry
    let publicKey: VaultPublicKey?
    let privateKey: Curve25519.KeyAgreement.PrivateKey?
  }

  private struct State: Sendable {
    var keys: [String: Key]
    var current: VaultPublicKey
    var stamp: FileStamp?
    var checkedAt: ContinuousClock.Instant
  }

  private let directory: String
  private let gracePeriod: Int64
  private let logger: Logger
  private let state: Mutex<State>

  /// The ring in `directory`, made or taken over from the older layout on first use.
  init(directory: String, gracePeriod: Int64, now: Int64, logger: Logger) throws(VaultError) {
    self.directory = directory
    self.gracePeriod = gracePeriod
    self.logger = logger
    _ = try KeyRingFile.prepare(directory: directory, now: now)
    state = Mutex(try KeyRing.load(directory: directory, gracePeriod: gracePeriod, now: now))
  }

  /// The key cards are sealed to now.
  func current(now: Int64) -> VaultPublicKey {
    refresh(now: now, force: false)
    return state.withLock { $0.current }
  }

  /// The current key and the retired keys still accepted at `now`, newest first.
  func keySet(now: Int64) -> VaultKeySet {
    refresh(now: now, force: false)
    return state.withLock { state in
      let previous = state.keys.values
        .compactMap { key -> (Int64, PublishedVaultKey)? in
          guard let retired = key.entry.retiredAt, let publicKey = key.publicKey,
            retired + gracePeriod > now
          else { return nil }
          return (
            retired,
            PublishedVaultKey(
              keyId: publicKey.keyId, publicKey: publicKey.base64,
              acceptedUntil: retired + gracePeriod)
          )
        }
        .sorted { $0.0 > $1.0 }
        .map(\.1)
      return VaultKeySet(
        current: PublishedVaultKey(keyId: state.current.keyId, publicKey: state.current.base64),
        previous: previous)
    }
  }

  /// The private key for a card sealed to `keyId` at `now`.
  ///
  /// Throws `keyRetired` for a key retired longer ago than the grace period, and
  /// `cardRefused(.unknownKey)` for a key the ring never held.
  func privateKey(
    for keyId: String, now: Int64
  ) throws(VaultError) -> Curve25519.KeyAgreement.PrivateKey {
    refresh(now: now, force: false)
    if let key = state.withLock({ $0.keys[keyId] }) {
      return try accepted(key, now: now)
    }
    // Perhaps a rotation this vault has not noticed yet: look now, not within the second.
    refresh(now: now, force: true)
    guard let key = state.withLock({ $0.keys[keyId] }) else {
      throw .cardRefused(.unknownKey)
    }
    return try accepted(key, now: now)
  }

  private func accepted(
    _ key: Key, now: Int64
  ) throws(VaultError) -> Curve25519.KeyAgreement.PrivateKey {
    if let retired = key.entry.retiredAt, retired + gracePeriod <= now {
      throw .keyRetired(keyId: key.entry.keyId)
    }
    guard let privateKey = key.privateKey else { throw .keyRetired(keyId: key.entry.keyId) }
    return privateKey
  }

  /// Reads the ring again if its file changed since it was last read.
  private func refresh(now: Int64, force: Bool) {
    let instant = ContinuousClock.now
    let due = state.withLock { state in
      guard force || state.checkedAt.duration(to: instant) >= KeyRing.checkInterval else {
        return false
      }
      state.checkedAt = instant
      return true
    }
    guard due, let stamp = KeyFile.stamp(directory + "/" + KeyRingFile.fileName),
      stamp != state.withLock({ $0.stamp })
    else { return }
    do {
      let fresh = try KeyRing.load(directory: directory, gracePeriod: gracePeriod, now: now)
      let changed = state.withLock { state in
        let changed = state.current != fresh.current
        state = fresh
        return changed
      }
      if changed {
        logger.notice("vault key ring changed", metadata: ["keyId": "\(fresh.current.keyId)"])
      }
    } catch {
      // The keys already loaded keep working; the operator learns why the new ring is not.
      logger.error("vault key ring could not be read again", metadata: ["error": "\(error)"])
    }
  }

  /// The ring as the files hold it now, with the private keys still needed at `now`.
  private static func load(
    directory: String, gracePeriod: Int64, now: Int64
  ) throws(VaultError) -> State {
    let stamp = KeyFile.stamp(directory + "/" + KeyRingFile.fileName)
    guard let entries = try KeyRingFile.read(directory: directory) else {
      throw .keyFile(
        path: directory + "/" + KeyRingFile.fileName, problem: "the key ring is missing.")
    }
    var keys: [String: Key] = [:]
    var current: VaultPublicKey?
    for entry in entries {
      var key = Key(entry: entry, publicKey: nil, privateKey: nil)
      if entry.retiredAt.map({ $0 + gracePeriod > now }) ?? true {
        let privateKey = try KeyRingFile.privateKey(directory: directory, keyId: entry.keyId)
        let publicKey = VaultPublicKey(privateKey: privateKey)
        key = Key(entry: entry, publicKey: publicKey, privateKey: privateKey)
        if entry.retiredAt == nil { current = publicKey }
      }
      keys[entry.keyId] = key
    }
    guard let current else {
      throw .keyFile(
        path: directory + "/" + KeyRingFile.fileName, problem: "it names no current key.")
    }
    return State(keys: keys, current: current, stamp: stamp, checkedAt: ContinuousClock.now)
  }
}

import Logging

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The vault's administrative commands (`orderdesk vault rotate-keys`, `rotate-data-key`,
/// `rotate-kek`, `purge`, `audit`): short-lived processes that work on the vault's directories
/// while a vault server may be running on them.
///
/// Each change is one SQLite transaction (or a ring file replaced whole under the vault
/// directory's lock), so a running vault sees the state before it or after it, and notices the
/// change without a restart. Each rotation and each purge that deleted something is an audit
/// event.
public enum VaultAdministration {
  /// Makes `directory` (mode 0700) if it is missing, or checks the one there.
  ///
  /// Refuses one that belongs to another user or that others may enter, naming it and the
  /// mode it wants. The vault's listener checks its directory with this before it binds.
  public static func preparePrivateDirectory(_ directory: String) throws(VaultError) {
    try KeyFile.ensurePrivateDirectory(directory)
  }

  /// Makes a new current HPKE key and returns its key id.
  ///
  /// The key it replaces is retired at `now`; a running vault still accepts cards sealed to it
  /// for its grace period from then.
  public static func rotateKeys(
    directory: String, keyDirectory: String, now: Date = Date(), logger: Logger
  ) throws(VaultError) -> String {
    let store = try open(directory: directory, keyDirectory: keyDirectory)
    let seconds = Int64(now.timeIntervalSince1970)
    let (current, retired) = try KeyRingFile.rotate(directory: directory, now: seconds)
    try store.appendAudit(
      at: seconds, kind: .keyRotation, detail: "key \(current) replaces key \(retired)")
    logger.notice("vault key rotated", metadata: ["keyId": "\(current)", "retired": "\(retired)"])
    return current
  }

  /// Makes a new data key and re-encrypts every stored card number under it.
  ///
  /// All in one transaction; the old data key is gone once it commits. Returns how many
  /// numbers were re-encrypted.
  public static func rotateDataKey(
    directory: String, keyDirectory: String, now: Date = Date(), logger: Logger
  ) throws(VaultError) -> Int {
    let store = try open(directory: directory, keyDirectory: keyDirectory)
    let count = try store.rotateDataKey(
      keyDirectory: keyDirectory, now: Int64(now.timeIntervalSince1970))
    logger.notice("vault data key rotated", metadata: ["cards": "\(count)"])
    return count
  }

  /// Wraps the data key with a new key-encryption key, written to a new file in
  /// `keyDirectory`; the old file is deleted only after the database names the new one.
  public static func rotateKeyEncryptionKey(
    directory: String, keyDirectory: String, now: Date = Date(), logger: Logger
  ) throws(VaultError) {
    let store = try open(directory: directory, keyDirectory: keyDirectory)
    try store.rotateKeyEncryptionKey(
      keyDirectory: keyDirectory, now: Int64(now.timeIntervalSince1970))
    logger.notice("vault key-encryption key rotated")
  }

  /// Deletes the numbers of cards stored `retention` seconds or longer before `now`, keeping
  /// their tokens and summaries; returns how many were deleted.
  public static func purge(
    directory: String, keyDirectory: String, retention: Int64 = 90 * 86400, now: Date = Date(),
    logger: Logger
  ) throws(VaultError) -> Int {
    let store = try open(directory: directory, keyDirectory: keyDirectory)
    let seconds = Int64(now.timeIntervalSince1970)
    let count = try store.purgeNumbersNow(
      storedAtOrBefore: seconds - retention, now: seconds)
    logger.notice("card numbers purged", metadata: ["count": "\(count)"])
    return count
  }

  /// Every audit event of the vault in `directory`, oldest first.
  public static func auditEvents(directory: String) throws(VaultError) -> [VaultAuditEvent] {
    try KeyFile.ensurePrivateDirectory(directory)
    return try CardStore(path: directory + "/" + CardStore.fileName).auditEvents()
  }

  /// The vault's database, after the same checks of its directories as a vault makes.
  private static func open(
    directory: String, keyDirectory: String
  ) throws(VaultError) -> CardStore {
    try KeyFile.ensurePrivateDirectory(directory)
    if keyDirectory != directory { try KeyFile.ensurePrivateDirectory(keyDirectory) }
    return try CardStore(path: directory + "/" + CardStore.fileName)
  }
}

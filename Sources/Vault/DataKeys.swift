import GRDB
import Synchronization

/// The current data key of a running vault, read again whenever another process rotated it.
///
/// Every use reads the data key's generation in the caller's transaction, so a card is always
/// sealed under the data key that transaction sees as current, and read under the one it was
/// sealed with; a rotation committed by `orderdesk vault rotate-data-key` is picked up by the
/// next transaction without a restart. Reading one integer by primary key costs next to nothing.
final class DataKeys: Sendable {
  private let keyDirectory: String
  private let cached = Mutex<(generation: Int64, key: DataKey)?>(nil)

  init(keyDirectory: String) {
    self.keyDirectory = keyDirectory
  }

  /// The data key current in `db`'s transaction, with its generation.
  func current(_ db: Database) throws -> (generation: Int64, key: DataKey) {
    guard
      let generation = try Int64.fetchOne(
        db.cachedStatement(sql: "SELECT generation FROM data_key WHERE id = 1"))
    else { throw VaultError.storeCorrupted("the data key is missing.") }
    if let cached = cached.withLock({ $0 }), cached.generation == generation { return cached }
    let key = try DataKey.stored(in: db, keyDirectory: keyDirectory).key
    cached.withLock { $0 = (generation, key) }
    return (generation, key)
  }

  /// The data key that sealed a number recorded with `generation`, read in `db`'s transaction.
  ///
  /// A rotation re-encrypts every number in the transaction that replaces the key, so a
  /// number under any other generation than the current one was not written by the vault.
  func key(_ db: Database, generation: Int64) throws -> DataKey {
    let current = try current(db)
    guard current.generation == generation else {
      throw VaultError.storeCorrupted(
        "a card number is recorded under data key \(generation), but the current one is "
          + "\(current.generation).")
    }
    return current.key
  }
}

extension DataKey {
  /// The data key stored in `db`, unwrapped with the key-encryption key file its row names,
  /// and that file's id.
  static func stored(
    in db: Database, keyDirectory: String
  ) throws -> (key: DataKey, keyEncryptionKeyId: String?) {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT wrapped_key, kek_id FROM data_key WHERE id = 1")
    else { throw VaultError.storeCorrupted("the data key is missing.") }
    let kekId: String? = row["kek_id"]
    let keyEncryptionKey = try KeyEncryptionKeyFile.read(keyDirectory: keyDirectory, id: kekId)
    guard let key = DataKey.unwrap(row["wrapped_key"], with: keyEncryptionKey) else {
      throw VaultError.keyMismatch(
        keyFile: KeyEncryptionKeyFile.path(keyDirectory: keyDirectory, id: kekId))
    }
    return (key, kekId)
  }
}

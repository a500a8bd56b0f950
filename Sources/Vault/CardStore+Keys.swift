import CardSealing
import GRDB
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension CardStore {
  /// Makes the data key on first use, wrapped by a new key-encryption key in `keyDirectory`,
  /// then checks that the data key opens with the key-encryption key the database names.
  func prepareDataKey(
    _ dataKeys: DataKeys, keyDirectory: String, now: Int64
  ) throws(VaultError) {
    do {
      try pool.write { db in
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM data_key)") == true {
          return
        }
        // Inside the write transaction: a second vault starting at once waits, then finds it.
        let keyEncryptionKey = try KeyEncryptionKeyFile.make(keyDirectory: keyDirectory)
        try db.execute(
          sql: """
            INSERT INTO data_key (id, wrapped_key, created_at, generation, kek_id)
            VALUES (1, ?, ?, 1, ?)
            """,
          arguments: [
            try DataKey.generate().wrapped(by: keyEncryptionKey.key), now, keyEncryptionKey.id,
          ])
      }
      _ = try pool.read { db in try dataKeys.current(db) }
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("the data key could not be read or stored: \(error)")
    }
  }

  /// Replaces the data key by a new one and re-encrypts every stored number under it, all in
  /// one transaction; returns how many numbers were re-encrypted.
  func rotateDataKey(keyDirectory: String, now: Int64) throws(VaultError) -> Int {
    let dataKeys = DataKeys(keyDirectory: keyDirectory)
    return try writing("the data key could not be rotated") { db in
      let (generation, old) = try dataKeys.current(db)
      let kekId: String? = try Row.fetchOne(
        db, sql: "SELECT kek_id FROM data_key WHERE id = 1")?["kek_id"]
      let keyEncryptionKey = try KeyEncryptionKeyFile.read(keyDirectory: keyDirectory, id: kekId)
      let fresh = DataKey.generate()
      let rows = try Row.fetchAll(
        db, sql: "SELECT token, sealed_number, data_key_generation FROM card_number")
      for row in rows {
        let token: String = row["token"]
        guard row["data_key_generation"] == generation else {
          throw VaultError.storeCorrupted("a card number is recorded under a retired data key.")
        }
        let number: SecretBytes
        do {
          number = try old.open(row["sealed_number"], token: token)
        } catch {
          throw VaultError.storeCorrupted("the card number stored under a token does not decrypt.")
        }
        defer { number.wipe() }
        try db.execute(
          sql: """
            UPDATE card_number SET sealed_number = ?, data_key_generation = ? WHERE token = ?
            """,
          arguments: [try fresh.seal(number, token: token), generation + 1, token])
      }
      try db.execute(
        sql: "UPDATE data_key SET wrapped_key = ?, generation = ?, created_at = ? WHERE id = 1",
        arguments: [try fresh.wrapped(by: keyEncryptionKey), generation + 1, now])
      try CardStore.appendAudit(
        db, at: now, kind: .dataKeyRotation,
        detail: "data key \(generation) replaced by \(generation + 1); "
          + "\(rows.count) card numbers re-encrypted")
      return rows.count
    }
  }

  /// Wraps the data key with a new key-encryption key in a new file, commits, and only then
  /// removes the old file (and any a crashed rotation left behind).
  func rotateKeyEncryptionKey(keyDirectory: String, now: Int64) throws(VaultError) {
    let fresh = try KeyEncryptionKeyFile.make(keyDirectory: keyDirectory)
    do {
      try writing("the key-encryption key could not be rotated") { db in
        let (dataKey, oldId) = try DataKey.stored(in: db, keyDirectory: keyDirectory)
        try db.execute(
          sql: "UPDATE data_key SET wrapped_key = ?, kek_id = ? WHERE id = 1",
          arguments: [try dataKey.wrapped(by: fresh.key), fresh.id])
        try CardStore.appendAudit(
          db, at: now, kind: .keyEncryptionKeyRotation,
          detail: "key-encryption key \(oldId ?? "unnamed") replaced by \(fresh.id)")
      }
    } catch {
      try? KeyFile.remove(KeyEncryptionKeyFile.path(keyDirectory: keyDirectory, id: fresh.id))
      throw error
    }
    try KeyEncryptionKeyFile.removeAll(except: fresh.id, keyDirectory: keyDirectory)
  }

  /// `work` in one write transaction, its errors as `VaultError`.
  func writing<T>(
    _ failure: String, _ work: (Database) throws -> T
  ) throws(VaultError) -> T {
    do {
      return try pool.write(work)
    } catch let error as VaultError {
      throw error
    } catch {
      throw .database("\(failure): \(error)")
    }
  }
}

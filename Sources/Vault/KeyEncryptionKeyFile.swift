import Crypto

/// The key-encryption key's files in the key directory, one per key, named by an id that the
/// vault's database records beside the data key it wraps.
///
/// Named by id so that a rotation can write the new file, commit the re-wrapped data key, and
/// only then delete the old file: a crash at any point leaves the file the database names.
enum KeyEncryptionKeyFile {
  /// The single key-encryption key file of the layout before ids; the database records no id
  /// for it.
  static let legacyFileName = "vault-kek.key"
  private static let prefix = "vault-kek-"
  private static let suffix = ".key"

  /// The path of the key with `id` (`nil` for the older unnamed file) in `keyDirectory`.
  static func path(keyDirectory: String, id: String?) -> String {
    keyDirectory + "/" + (id.map { prefix + $0 + suffix } ?? legacyFileName)
  }

  /// The key with `id`; refuses a missing file rather than making a new key, since a new key
  /// could not unwrap the data key the database holds.
  static func read(keyDirectory: String, id: String?) throws(VaultError) -> SymmetricKey {
    let path = path(keyDirectory: keyDirectory, id: id)
    guard var bytes = try KeyFile.read(path, length: 32) else {
      throw .keyFile(
        path: path,
        problem: "it is missing, and the vault's data key is wrapped by it. Restore it from "
          + "the backup of the key directory.")
    }
    defer { KeyFile.zeroArray(&bytes) }
    return SymmetricKey(data: bytes)
  }

  /// A new random key in a file of its own; returns its id and the key.
  static func make(keyDirectory: String) throws(VaultError) -> (id: String, key: SymmetricKey) {
    // Letters only, like tokens, so an id is never mistaken for, or searched as, card data.
    var generator = SystemRandomNumberGenerator()
    let letters = (0..<16).map { _ in UInt8.random(in: 97...122, using: &generator) }
    let id = String(decoding: letters, as: UTF8.self)
    let path = path(keyDirectory: keyDirectory, id: id)
    var bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    defer { KeyFile.zeroArray(&bytes) }
    try KeyFile.publish(bytes, at: path)
    return (id, try read(keyDirectory: keyDirectory, id: id))
  }

  /// Removes every key-encryption key file in `keyDirectory` except the one with `id`: the
  /// ones a rotation replaced, and any a crashed rotation left unused.
  static func removeAll(except id: String, keyDirectory: String) throws(VaultError) {
    for name in try KeyFile.names(in: keyDirectory)
    where name == legacyFileName || (name.hasPrefix(prefix) && name.hasSuffix(suffix)) {
      guard name != prefix + id + suffix else { continue }
      try KeyFile.remove(keyDirectory + "/" + name)
    }
  }
}

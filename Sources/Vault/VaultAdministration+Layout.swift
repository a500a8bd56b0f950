import GRDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension VaultAdministration {
  /// Moves the vault of the embedded layout to its own directories.
  ///
  /// `serviceDirectory/vault` goes to `vaultDirectory` and `serviceDirectory/vault-keys` (the
  /// key-encryption key) to `keyDirectory`; the emptied old folders are removed. Returns
  /// whether there was anything to move.
  ///
  /// Every file is moved with `rename(2)`, so nothing is copied and no key is left behind; both
  /// places must be on one file system. The database is checkpointed first, so its WAL holds
  /// nothing that a partial move could separate from it. Refuses to overwrite a vault already
  /// in the new place. Run it with no vault process open on the old directory; if it stops
  /// half-way, run it again to move the rest.
  public static func migrateLegacyLayout(
    serviceDirectory: String, vaultDirectory: String, keyDirectory: String
  ) throws(VaultError) -> Bool {
    let oldVault = serviceDirectory + "/vault"
    let oldKeys = serviceDirectory + "/vault-keys"
    let moves = [(oldVault, vaultDirectory), (oldKeys, keyDirectory)].filter { $0.0 != $0.1 }
    var names: [(from: String, to: String, names: [String])] = []
    for (from, to) in moves where exists(from) {
      try KeyFile.ensurePrivateDirectory(from)
      names.append((from, to, try KeyFile.names(in: from)))
    }
    guard names.contains(where: { !$0.names.isEmpty }) else {
      for (from, _, _) in names { try removeDirectory(from) }
      return false
    }
    for (from, to, list) in names {
      try KeyFile.ensurePrivateDirectory(to)
      for name in list where exists(to + "/" + name) {
        throw .unsafeDirectory(
          path: to,
          problem: "it already holds \(name), which the vault in \(from) also has; the vault "
            + "was not moved, so that neither is overwritten.")
      }
    }
    try checkpoint(oldVault + "/" + CardStore.fileName)
    for (from, to, _) in names {
      // Listed again: the checkpoint may have removed the WAL and shared-memory files.
      for name in try KeyFile.names(in: from) {
        guard rename(from + "/" + name, to + "/" + name) == 0 else {
          throw .unsafeDirectory(
            path: from,
            problem: "\(name) could not be moved to \(to) (\(KeyFile.errorText())); run the "
              + "migration again once that is fixed, to move the rest.")
        }
      }
      KeyFile.syncDirectory(of: to + "/.")
      KeyFile.syncDirectory(of: from + "/.")
      try removeDirectory(from)
    }
    return true
  }

  /// Writes the WAL of the database at `path` into it, if there is one, and truncates it.
  private static func checkpoint(_ path: String) throws(VaultError) {
    guard exists(path) else { return }
    try KeyFile.ensurePrivateDatabase(path)
    do {
      let database = try DatabaseQueue(path: path)
      try database.writeWithoutTransaction { db in
        _ = try db.checkpoint(.truncate)
      }
      try database.close()
    } catch {
      throw .database("\(path) could not be checkpointed before moving it: \(error)")
    }
  }

  private static func exists(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0
  }

  private static func removeDirectory(_ path: String) throws(VaultError) {
    guard rmdir(path) == 0 || errno == ENOENT else {
      throw .unsafeDirectory(
        path: path, problem: "it could not be removed once emptied (\(KeyFile.errorText())).")
    }
    KeyFile.syncDirectory(of: path)
  }
}

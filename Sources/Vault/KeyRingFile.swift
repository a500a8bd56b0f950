import CardSealing
import Crypto

/// One HPKE key of the vault's key ring, as the ring file lists it.
struct KeyRingEntry: Sendable, Hashable {
  let keyId: String
  /// When the key was made (or taken into the ring), seconds since 1970 (UTC).
  let createdAt: Int64
  /// When a newer key superseded it; `nil` for the current key.
  var retiredAt: Int64?
}

/// The vault's HPKE key ring on disk: one private key file per key, named by its key id, and a
/// small ring file that lists the keys with when each was made and retired.
///
/// The ring file is replaced whole (`KeyFile.replace`), so a running vault that sees its stamp
/// change reads a complete new version. Key files are written once and never changed. Every
/// change happens under the vault directory's lock, so two processes never make two first keys
/// or interleave two rotations.
enum KeyRingFile {
  /// The ring file's name inside the vault directory.
  static let fileName = "vault-hpke.ring"
  /// The single key file of the layout before the ring, taken into the ring on first open.
  static let legacyKeyFileName = "vault-hpke.key"
  private static let header = "orderdesk vault key ring 1"

  /// The private key file's name for `keyId`.
  static func keyFileName(_ keyId: String) -> String { "vault-hpke-\(keyId).key" }

  /// The ring in `directory`, made on first use: from the lone key file of the older layout,
  /// keeping its key and key id, or with a new key.
  static func prepare(directory: String, now: Int64) throws(VaultError) -> [KeyRingEntry] {
    if let entries = try read(directory: directory) { return entries }
    return try DirectoryLock.holding(directory) { () throws(VaultError) in
      try makeRing(directory: directory, now: now)
    }
  }

  /// Under the lock: the ring, if another process made it meanwhile, or a new one.
  private static func makeRing(
    directory: String, now: Int64
  ) throws(VaultError) -> [KeyRingEntry] {
    if let entries = try read(directory: directory) { return entries }
    let legacyPath = directory + "/" + legacyKeyFileName
    if var legacy = try KeyFile.read(legacyPath, length: 32) {
      defer { KeyFile.zeroArray(&legacy) }
      let keyId = try publishKey(legacy, directory: directory, origin: legacyPath)
      let entries = [KeyRingEntry(keyId: keyId, createdAt: now, retiredAt: nil)]
      try write(entries, directory: directory)
      // Only once the ring names its copy: a crash before this leaves the old file to retry.
      try KeyFile.remove(legacyPath)
      return entries
    }
    let keyId = try makeKey(directory: directory)
    let entries = [KeyRingEntry(keyId: keyId, createdAt: now, retiredAt: nil)]
    try write(entries, directory: directory)
    return entries
  }

  /// Makes a new current key and retires the current one at `now`; returns both key ids.
  static func rotate(
    directory: String, now: Int64
  ) throws(VaultError) -> (current: String, retired: String) {
    _ = try prepare(directory: directory, now: now)
    return try DirectoryLock.holding(directory) { () throws(VaultError) in
      try addKey(directory: directory, now: now)
    }
  }

  /// Under the lock: a new current key, the current one retired at `now`.
  private static func addKey(
    directory: String, now: Int64
  ) throws(VaultError) -> (current: String, retired: String) {
    guard var entries = try read(directory: directory),
      let index = entries.firstIndex(where: { $0.retiredAt == nil })
    else {
      throw .keyFile(path: directory + "/" + fileName, problem: "it names no current key.")
    }
    let keyId = try makeKey(directory: directory)
    let retired = entries[index].keyId
    entries[index].retiredAt = now
    entries.append(KeyRingEntry(keyId: keyId, createdAt: now, retiredAt: nil))
    try write(entries, directory: directory)
    return (keyId, retired)
  }

  /// The private key with `keyId`, read from its file and checked against its id.
  static func privateKey(
    directory: String, keyId: String
  ) throws(VaultError) -> Curve25519.KeyAgreement.PrivateKey {
    let path = directory + "/" + keyFileName(keyId)
    guard var bytes = try KeyFile.read(path, length: 32) else {
      throw .keyFile(path: path, problem: "the key ring names this key, but the file is missing.")
    }
    defer { KeyFile.zeroArray(&bytes) }
    guard let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: bytes),
      VaultPublicKey(privateKey: key).keyId == keyId
    else {
      throw .keyFile(path: path, problem: "it does not hold the X25519 key its name says.")
    }
    return key
  }

  /// The ring listed in `directory`, or `nil` when there is no ring file yet.
  static func read(directory: String) throws(VaultError) -> [KeyRingEntry]? {
    let path = directory + "/" + fileName
    guard let bytes = try KeyFile.readSmall(path, limit: 1 << 20) else { return nil }
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
    guard lines.first == Substring(header) else {
      throw .keyFile(path: path, problem: "it is not a vault key ring.")
    }
    var entries: [KeyRingEntry] = []
    for line in lines.dropFirst() {
      let fields = line.split(separator: " ").map(String.init)
      guard fields.count == 3, CardSealingFormat.isValidKeyId(fields[0]),
        let created = Int64(fields[1]), fields[2] == "-" || Int64(fields[2]) != nil
      else { throw .keyFile(path: path, problem: "a line of it is damaged.") }
      entries.append(
        KeyRingEntry(keyId: fields[0], createdAt: created, retiredAt: Int64(fields[2])))
    }
    guard entries.filter({ $0.retiredAt == nil }).count == 1 else {
      throw .keyFile(path: path, problem: "it must name exactly one current key.")
    }
    return entries
  }

  private static func write(_ entries: [KeyRingEntry], directory: String) throws(VaultError) {
    let lines = entries.map { entry in
      "\(entry.keyId) \(entry.createdAt) \(entry.retiredAt.map(String.init) ?? "-")"
    }
    let text = ([header] + lines).joined(separator: "\n") + "\n"
    try KeyFile.replace(directory + "/" + fileName, with: Array(text.utf8))
  }

  /// A new random key in its own file; returns its key id.
  private static func makeKey(directory: String) throws(VaultError) -> String {
    var raw = Array(Curve25519.KeyAgreement.PrivateKey().rawRepresentation)
    defer { KeyFile.zeroArray(&raw) }
    return try publishKey(raw, directory: directory, origin: nil)
  }

  /// Writes `raw` as the key file named by its key id, and checks what landed there.
  private static func publishKey(
    _ raw: [UInt8], directory: String, origin: String?
  ) throws(VaultError) -> String {
    guard let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) else {
      throw .keyFile(
        path: origin ?? directory, problem: "it does not hold an X25519 private key.")
    }
    let keyId = VaultPublicKey(privateKey: key).keyId
    try KeyFile.publish(raw, at: directory + "/" + keyFileName(keyId))
    _ = try privateKey(directory: directory, keyId: keyId)
    return keyId
  }
}

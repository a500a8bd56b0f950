import CardSealing
import Crypto

/// The vault's two key files: the HPKE private key cards are sealed to, and the
/// key-encryption key that wraps the data key card numbers are encrypted under.
///
/// The key-encryption key lives in a file of its own, which may sit in another directory (on
/// another volume, or mounted from a secret store), so that a copy of the vault's database and
/// HPKE key alone does not reveal a stored card number.
struct VaultKeys: Sendable {
  /// The HPKE key file's name inside the vault directory.
  static let privateKeyFileName = "vault-hpke.key"
  /// The key-encryption key file's name inside the key directory.
  static let keyEncryptionKeyFileName = "vault-kek.key"

  let privateKey: Curve25519.KeyAgreement.PrivateKey
  let publicKey: VaultPublicKey
  let keyEncryptionKey: SymmetricKey
  let keyEncryptionKeyPath: String

  /// The keys in `directory` and `keyDirectory`, made on first use.
  static func load(directory: String, keyDirectory: String) throws(VaultError) -> VaultKeys {
    try KeyFile.ensurePrivateDirectory(directory)
    if keyDirectory != directory { try KeyFile.ensurePrivateDirectory(keyDirectory) }

    let privatePath = directory + "/" + privateKeyFileName
    var privateBytes = try KeyFile.readOrCreate(privatePath, length: 32) {
      var raw = Curve25519.KeyAgreement.PrivateKey().rawRepresentation
      defer { SecureMemory.wipe(&raw) }
      return Array(raw)
    }
    defer { KeyFile.zeroArray(&privateBytes) }
    let privateKey: Curve25519.KeyAgreement.PrivateKey
    do {
      privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: privateBytes)
    } catch {
      throw .keyFile(path: privatePath, problem: "it does not hold an X25519 private key.")
    }

    let kekPath = keyDirectory + "/" + keyEncryptionKeyFileName
    var kekBytes = try KeyFile.readOrCreate(kekPath, length: 32) {
      SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }
    defer { KeyFile.zeroArray(&kekBytes) }

    return VaultKeys(
      privateKey: privateKey, publicKey: VaultPublicKey(privateKey: privateKey),
      keyEncryptionKey: SymmetricKey(data: kekBytes), keyEncryptionKeyPath: kekPath)
  }
}

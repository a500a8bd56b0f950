/// Why a TLS identity could not be read, checked or made.
///
/// Every case names the file at fault.
public enum ServiceIdentityError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// The file or its directory could not be written.
  case unwritable(path: String, reason: String)
  /// The certificate file holds no certificate that can be read.
  case notACertificate(path: String, reason: String)
  /// The key file holds no private key that can be read.
  case notAPrivateKey(path: String, reason: String)
  /// The key file holds a key protected by a passphrase.
  case encryptedPrivateKey(path: String)
  /// The key is not the one the certificate was issued for.
  case keyDoesNotMatchCertificate(certificateFile: String, keyFile: String)
  /// The key file may be read by other users, so the key may be known to them.
  case keyFileTooOpen(path: String, mode: Int)
  /// One file of the pair exists without the other.
  case missingCompanion(existing: String, missing: String)
  /// A host name that cannot go in a certificate.
  case invalidHostName(String)
  /// An IP address that is not IPv4 or IPv6 text.
  case invalidIPAddress(String)
  /// Building or signing the certificate failed.
  case certificateCreationFailed(reason: String)

  /// The problem in words, with what to do about it.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "Cannot read \(path): \(reason)."
    case .unwritable(let path, let reason):
      return "Cannot write \(path): \(reason)."
    case .notACertificate(let path, let reason):
      return "\(path) is not a PEM certificate file: \(reason)."
    case .notAPrivateKey(let path, let reason):
      return "\(path) is not a PEM private key file: \(reason)."
    case .encryptedPrivateKey(let path):
      return "\(path) holds a passphrase-protected key, which the service cannot use unattended; "
        + "write an unencrypted copy with `openssl pkey -in \(path) -out NEW-FILE` and keep it "
        + "mode 0600."
    case .keyDoesNotMatchCertificate(let certificateFile, let keyFile):
      return "The key in \(keyFile) is not the key of the certificate in \(certificateFile)."
    case .keyFileTooOpen(let path, let mode):
      return "\(path) can be read by other users (mode \(String(mode, radix: 8))); run "
        + "`chmod 600 \(path)`, or delete it and the certificate to make a new pair."
    case .missingCompanion(let existing, let missing):
      return "\(existing) exists but \(missing) does not; restore it, or delete \(existing) "
        + "to make a new certificate."
    case .invalidHostName(let host):
      return "\(String(reflecting: host)) is not a host name a certificate can be issued for."
    case .invalidIPAddress(let address):
      return "\(String(reflecting: address)) is not an IPv4 or IPv6 address."
    case .certificateCreationFailed(let reason):
      return "The certificate could not be made: \(reason)."
    }
  }
}

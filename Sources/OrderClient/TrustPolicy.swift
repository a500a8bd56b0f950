import OrderCore
import TLSIdentity

/// How the desk decides that the order service's certificate is the right one.
public enum TrustPolicy: Sendable, Hashable {
  /// The chain must lead to a root in the operating system's trust store, and the
  /// certificate must name the host.
  case systemTrustStore
  /// The chain must lead to a certificate in this PEM file (`--ca-file`), and the
  /// certificate must name the host.
  case certificateAuthorityFile(String)
  /// The leaf certificate's SHA-256, or that of its public key, must equal the pin (`--pin`);
  /// its issuer and names do not matter, but it must be within its validity period.
  case pinned(CertificatePin)

  /// How a certificate checked under this policy was verified, for the channel details.
  public var verification: CertificateVerification {
    switch self {
    case .systemTrustStore: .systemTrustStore
    case .certificateAuthorityFile(let path): .certificateAuthorityFile(path: path)
    case .pinned(.certificate): .pinnedFingerprint
    case .pinned(.publicKey): .pinnedPublicKey
    }
  }

  /// Who the certificate must be trusted by, for messages, such as "the system trust store".
  var trustedBy: String {
    switch self {
    case .systemTrustStore: "the system trust store"
    case .certificateAuthorityFile(let path): "the CA file \(path)"
    case .pinned(let pin): "the pin \(pin)"
    }
  }
}

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// How safe the channel to the order service is, as learned from the real connection.
///
/// The lock indicator is drawn from this value and nothing else. A URL that says `https`
/// proves nothing; only a completed, verified TLS handshake makes a channel `.secure`.
public enum ChannelSecurity: Sendable, Hashable {
  /// TLS 1.2 or 1.3 was negotiated and the certificate was verified.
  case secure(TLSSession)
  /// TLS was negotiated, but the certificate is not trusted or does not match the host.
  case unverified(reason: String, session: TLSSession?)
  /// The service speaks plain HTTP: anything sent can be read on the way.
  case notEncrypted(endpoint: String)
  /// No connection has been made yet.
  case unknown(reason: String)
  /// The last attempt to connect failed.
  case down(reason: String)

  /// Whether card data may be sent over this channel: only a secure one qualifies.
  public var allowsCardData: Bool {
    if case .secure = self { return true }
    return false
  }

  /// One word (or two) naming the state, for the lock in the frame: never colour alone.
  public var word: String {
    switch self {
    case .secure: "Secure"
    case .unverified: "Unverified"
    case .notEncrypted: "Not encrypted"
    case .unknown: "Unknown"
    case .down: "Down"
    }
  }

  /// Why the channel is not secure, or `nil` when it is.
  public var reason: String? {
    switch self {
    case .secure: nil
    case .unverified(let reason, _): reason
    case .notEncrypted(let endpoint): "\(endpoint) does not use TLS; anything sent can be read."
    case .unknown(let reason), .down(let reason): reason
    }
  }

  /// The handshake details, when there was a handshake.
  public var session: TLSSession? {
    switch self {
    case .secure(let session): session
    case .unverified(_, let session): session
    case .notEncrypted, .unknown, .down: nil
    }
  }
}

/// What a TLS handshake established, for the channel details view.
public struct TLSSession: Sendable, Hashable {
  /// The negotiated protocol version.
  public var protocolVersion: TLSProtocolVersion
  /// The host name the desk connected to.
  public var host: String
  /// The peer certificate's subject, for example `CN=orders.example.com`.
  public var peerSubject: String
  /// The peer certificate's issuer.
  public var issuer: String
  /// The first moment the certificate is valid.
  public var validFrom: Date
  /// The last moment the certificate is valid.
  public var validUntil: Date
  /// The SHA-256 fingerprint of the peer certificate (DER), as lowercase hex.
  public var fingerprintSHA256: String
  /// The SHA-256 of the peer certificate's public key (SPKI) in standard base64, as a key pin
  /// (`sha256//…`) carries it; empty when the key could not be read.
  public var publicKeySHA256: String
  /// How the certificate was checked.
  public var verification: CertificateVerification

  public init(
    protocolVersion: TLSProtocolVersion, host: String, peerSubject: String, issuer: String,
    validFrom: Date, validUntil: Date, fingerprintSHA256: String, publicKeySHA256: String = "",
    verification: CertificateVerification
  ) {
    self.protocolVersion = protocolVersion
    self.host = host
    self.peerSubject = peerSubject
    self.issuer = issuer
    self.validFrom = validFrom
    self.validUntil = validUntil
    self.fingerprintSHA256 = fingerprintSHA256
    self.publicKeySHA256 = publicKeySHA256
    self.verification = verification
  }
}

/// A TLS protocol version the desk accepts, or one it saw and refused.
public enum TLSProtocolVersion: String, Sendable, Hashable, CaseIterable {
  case tls10 = "TLS 1.0"
  case tls11 = "TLS 1.1"
  case tls12 = "TLS 1.2"
  case tls13 = "TLS 1.3"

  /// Whether the desk treats this version as strong enough for card data.
  public var isAcceptable: Bool { self == .tls12 || self == .tls13 }
}

/// How the peer certificate was verified.
public enum CertificateVerification: Sendable, Hashable {
  /// The chain leads to a root in the system trust store and the name matches the host.
  case systemTrustStore
  /// The chain leads to a root in the given CA file and the name matches the host.
  case certificateAuthorityFile(path: String)
  /// The certificate's SHA-256 fingerprint equals the one the desk was told to pin.
  case pinnedFingerprint
  /// The SHA-256 of the certificate's public key (SPKI) equals the one the desk was told to
  /// pin: any certificate the service makes for the same key is trusted.
  case pinnedPublicKey

  /// A sentence for the channel details view.
  public var summary: String {
    switch self {
    case .systemTrustStore: "certificate chain verified against the system trust store"
    case .certificateAuthorityFile(let path): "certificate chain verified against \(path)"
    case .pinnedFingerprint: "certificate matches the pinned certificate (sha256:…)"
    case .pinnedPublicKey: "public key matches the pinned public key (sha256//…)"
    }
  }
}

import NIOSSL
import TLSIdentity

/// The TLS client settings the desk uses: TLS 1.2 or 1.3 only, verified per trust policy.
enum TLSContexts {
  /// The context for real connections under `trust`.
  ///
  /// A CA file is read here, so a missing or empty file is reported before any connection.
  static func verifying(_ trust: TrustPolicy) throws(TLSContextError) -> NIOSSLContext {
    var configuration = base()
    switch trust {
    case .systemTrustStore:
      configuration.certificateVerification = .fullVerification
      configuration.trustRoots = .default
    case .certificateAuthorityFile(let path):
      let certificates: [NIOSSLCertificate]
      do {
        certificates = try NIOSSLCertificate.fromPEMFile(path)
      } catch {
        throw TLSContextError(
          reason: "the CA file \(path) cannot be read or holds no PEM certificate")
      }
      guard !certificates.isEmpty else {
        throw TLSContextError(reason: "the CA file \(path) holds no certificate")
      }
      configuration.certificateVerification = .fullVerification
      configuration.trustRoots = .certificates(certificates)
    case .pinned:
      // The pin replaces chain and name checks: a custom callback compares the fingerprint.
      // No roots are needed, and not loading the system's saves most of the context's cost.
      configuration.certificateVerification = .noHostnameVerification
      configuration.trustRoots = .certificates([])
    }
    return try make(configuration)
  }

  /// A context that accepts any certificate, only for explaining a refusal.
  ///
  /// It reads the certificate and version of a service whose certificate was refused, so the
  /// desk can show why. Nothing is ever sent over a connection made with it.
  static func diagnostic() throws(TLSContextError) -> NIOSSLContext {
    var configuration = base()
    configuration.certificateVerification = .none
    configuration.trustRoots = .certificates([])
    return try make(configuration)
  }

  private static func base() -> TLSConfiguration {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.minimumTLSVersion = .tlsv12
    configuration.maximumTLSVersion = .tlsv13
    return configuration
  }

  private static func make(
    _ configuration: TLSConfiguration
  ) throws(TLSContextError) -> NIOSSLContext {
    do {
      return try NIOSSLContext(configuration: configuration)
    } catch {
      throw TLSContextError(reason: "TLS could not be set up (\(error))")
    }
  }
}

/// The TLS settings could not be made, so no certificate can be verified.
struct TLSContextError: Error, Sendable {
  var reason: String
}

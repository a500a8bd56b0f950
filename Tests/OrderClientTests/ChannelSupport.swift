import Foundation
import OrderClient
import OrderCore
import TLSIdentity

/// Helpers that make channels and identities for the tests.
enum ChannelSupport {
  static let now = Date()

  /// A self-signed identity for 127.0.0.1 and localhost, valid around now.
  static func selfSigned(
    notValidBefore: Date = now.addingTimeInterval(-3600),
    notValidAfter: Date = now.addingTimeInterval(86_400)
  ) throws -> ServiceIdentity {
    try ServiceIdentity.selfSigned(
      hostNames: ["localhost"], ipAddresses: ["127.0.0.1"], notValidBefore: notValidBefore,
      notValidAfter: notValidAfter)
  }

  /// A channel to `service` that pins `identity`.
  static func pinned(
    _ service: TestService, to identity: ServiceIdentity, timeout: Duration = .seconds(10)
  ) throws -> HTTPSOrderChannel {
    HTTPSOrderChannel(
      endpoint: try ServiceEndpoint(parsing: service.endpoint()),
      trust: .pinned(CertificatePin(fingerprint: identity.fingerprint)), timeout: timeout)
  }

  /// Runs `body` with `channel`, closing it after whatever happens.
  static func using<T>(
    _ channel: HTTPSOrderChannel, _ body: (HTTPSOrderChannel) async throws -> T
  ) async throws -> T {
    do {
      let result = try await body(channel)
      await channel.close()
      return result
    } catch {
      await channel.close()
      throw error
    }
  }

  /// The session of a secure state, or `nil`.
  static func secureSession(_ security: ChannelSecurity) -> TLSSession? {
    if case .secure(let session) = security { return session }
    return nil
  }

  /// The reason and session of an unverified state, or `nil`.
  static func unverified(_ security: ChannelSecurity) -> (String, TLSSession?)? {
    if case .unverified(let reason, let session) = security { return (reason, session) }
    return nil
  }

  /// Writes `text` to `name` in `directory` and returns the path.
  static func write(_ text: String, named name: String, in directory: String) throws -> String {
    let path = (directory as NSString).appendingPathComponent(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }
}

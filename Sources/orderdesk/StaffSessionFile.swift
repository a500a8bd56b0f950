import Foundation
import OrderClient
import OrderCore
import TLSIdentity

/// The session `orderdesk login` opened, kept for `orderdesk orders` in
/// `$XDG_STATE_HOME/orderdesk/staff-session.json` (else `~/.local/state/orderdesk/…`), mode
/// 0600: the service it is for, how that service is trusted, who signed in and the token.
struct StaffSessionFile: Codable, Equatable {
  var server: String
  var caFile: String?
  var pin: String?
  var member: StaffMember
  var token: String
  /// The latest the session lasts, as seconds since 1970 (UTC).
  var expiresAt: Int64

  /// Where the file is for `environment`.
  static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
      return xdg + "/orderdesk/staff-session.json"
    }
    return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/orderdesk/staff-session.json"
  }

  static func read(from path: String = path()) throws -> StaffSessionFile {
    guard let bytes = FileManager.default.contents(atPath: path) else {
      throw AdministrationError("Not signed in: run 'orderdesk login --server URL --name NAME'.")
    }
    do {
      return try JSONDecoder().decode(StaffSessionFile.self, from: bytes)
    } catch {
      throw AdministrationError(
        "\(path) is not a session 'orderdesk login' wrote; run 'orderdesk login' again.")
    }
  }

  func write(to path: String = path()) throws {
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try PrivateFiles.createDirectory(folder)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try? FileManager.default.removeItem(atPath: path)
      try PrivateFiles.writeNewFile(path, Array(try encoder.encode(self)) + [0x0A])
    } catch {
      throw AdministrationError("The session could not be kept in \(path): \(error)")
    }
  }

  /// A channel to the session's service, trusted as at login, carrying the session.
  func channel() async throws -> HTTPSOrderChannel {
    let endpoint = try ServiceEndpoint(parsing: server)
    let trust: TrustPolicy =
      if let pin {
        .pinned(try CertificatePin(parsing: pin))
      } else if let caFile {
        .certificateAuthorityFile(caFile)
      } else {
        .systemTrustStore
      }
    let channel = HTTPSOrderChannel(endpoint: endpoint, trust: trust)
    await channel.useSession(token: token)
    return channel
  }
}

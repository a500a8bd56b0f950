import Foundation
import Logging
import VaultClient

/// The vault an order service on this host starts for itself: `orderdesk vault` as a child
/// process, in a directory of its own beside the service's.
enum ChildVault {
  /// `SERVICE-vault` for a service kept in `SERVICE`: a sibling, never inside it, so the
  /// service's directory holds no vault key.
  static func directory(besideServiceDirectory service: String) -> String {
    var trimmed = service
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    return trimmed + "-vault"
  }

  /// Starts, enrols and supervises the child vault for the service in `serviceDirectory`.
  static func start(
    serviceDirectory: String, vaultDirectory: String?, logger: Logger
  ) async throws -> SupervisedVault {
    let vault = vaultDirectory ?? directory(besideServiceDirectory: serviceDirectory)
    return try await SupervisedVault.start(
      SupervisedVault.Options(
        executable: try currentExecutable(), dataDirectory: vault,
        credentialsDirectory: serviceDirectory + "/vault-client",
        logFile: vault + "/logs/vault.log",
        // A service directory from before the vault ran apart gives its vault up to it.
        extraArguments: ["--migrate-from", serviceDirectory]),
      logger: logger)
  }

  /// This program's own file: the child is the same binary.
  static func currentExecutable() throws -> String {
    do {
      return try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    } catch {
      guard let path = Bundle.main.executablePath else {
        throw DeskProblem("this program's own file cannot be found to start the vault")
      }
      return path
    }
  }
}

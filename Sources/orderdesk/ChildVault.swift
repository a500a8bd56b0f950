import Foundation
import Logging
import Synchronization
import VaultAPI
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

/// The desk's vault while its child process starts: the embedded service serves the catalog
/// at once, and calls that need the vault wait for it.
///
/// A start that failed (a vault directory others may read, say) is tried again on a call
/// at least 5 seconds later, so the desk recovers once the cause is fixed; until then the
/// service answers `503 vault_unavailable` with the reason in its log.
final class StartingVault: CardVault {
  private enum Phase {
    case starting(Task<SupervisedVault, any Error>)
    case failed(at: ContinuousClock.Instant, reason: String)
  }

  private let start: @Sendable () async throws -> SupervisedVault
  private let retryPause: Duration
  private let phase: Mutex<Phase>

  init(
    retryPause: Duration = .seconds(5),
    _ start: @escaping @Sendable () async throws -> SupervisedVault
  ) {
    self.start = start
    self.retryPause = retryPause
    phase = Mutex(.starting(Task { try await start() }))
  }

  func keys() async throws(CardVaultError) -> VaultKeySet {
    try await running().client.keys()
  }

  func authorize(_ request: CardAuthorization) async throws(CardVaultError) -> VaultAuthorization {
    try await running().client.authorize(request)
  }

  func refund(_ request: ChargeRefund) async throws(CardVaultError) -> VaultRefund {
    try await running().client.refund(request)
  }

  /// Stops the child, once its start has ended.
  func stop() async {
    guard case .starting(let task) = phase.withLock({ $0 }) else { return }
    await (try? task.value)?.stop()
  }

  private func running() async throws(CardVaultError) -> SupervisedVault {
    let current = phase.withLock {
      phase -> Result<Task<SupervisedVault, any Error>, CardVaultError> in
      switch phase {
      case .starting(let task):
        return .success(task)
      case .failed(let at, _) where at.duration(to: .now) > retryPause:
        let task = Task { [start] in try await start() }
        phase = .starting(task)
        return .success(task)
      case .failed(_, let reason):
        return .failure(.unavailable("the vault could not be started: \(reason)"))
      }
    }
    let task = try current.get()
    do {
      return try await task.value
    } catch {
      phase.withLock { $0 = .failed(at: .now, reason: "\(error)") }
      throw .unavailable("the vault could not be started: \(error)")
    }
  }
}

import ArgumentParser
import Foundation
import Logging
import OrderClient
import OrderCore
import OrderService
import TLSIdentity
import VaultClient

/// Where the desk sends orders: the embedded service (the default) or a remote one.
struct DeskConnectionOptions: ParsableArguments {
  @Option(
    help: "The order service to use, as https://HOST[:PORT]. Without it the desk runs its own.")
  var server: String?

  @Option(help: "A PEM file of CA certificates to verify --server against.")
  var caFile: String?

  @Option(
    help: ArgumentHelp(
      "The pin to trust --server by: its public key (sha256//BASE64) or its certificate "
        + "(sha256:AB:CD:…).",
      discussion: "`orderdesk serve` prints both. The key pin holds when the service renews "
        + "its certificate; the certificate pin does not."))
  var pin: String?

  @Option(help: "Where the embedded service keeps its data (default: $XDG_DATA_HOME/orderdesk).")
  var dataDir: String?

  var settings: DeskConnectionSettings {
    DeskConnectionSettings(server: server, caFile: caFile, pin: pin, dataDir: dataDir)
  }

  func validate() throws {
    if let problem = settings.problem { throw ValidationError(problem) }
  }
}

extension DeskProblem {
  /// Why the folder `path` could not be made, from the nearest part of it that exists: a
  /// file in the way, or a folder the desk may not write in; else what `error` says.
  static func folderCannotBeMade(_ path: String, _ error: any Error) -> DeskProblem {
    let files = FileManager.default
    var existing = path
    var isFolder: ObjCBool = false
    while !files.fileExists(atPath: existing, isDirectory: &isFolder), existing != "/" {
      existing = (existing as NSString).deletingLastPathComponent
      if existing.isEmpty { existing = "." }
    }
    let start = "the data folder cannot be made"
    if !isFolder.boolValue {
      return DeskProblem("\(start): \(existing) is a file, not a folder")
    }
    if !files.isWritableFile(atPath: existing) {
      return DeskProblem("\(start): \(existing) may not be written to")
    }
    return DeskProblem("\(start) at \(path): \(error.localizedDescription)")
  }
}

/// An open connection: the channel, and the embedded service and its vault when the desk
/// runs its own.
struct DeskConnection {
  let channel: HTTPSOrderChannel
  let embedded: RunningOrderService?
  let vault: StartingVault?

  /// Starts the embedded service (logging to a file, never to the screen) or points at
  /// `--server`.
  static func open(_ options: DeskConnectionSettings) async throws -> DeskConnection {
    if let server = options.server {
      let endpoint = try ServiceEndpoint(parsing: server)
      let trust: TrustPolicy =
        if let pin = options.pin {
          .pinned(try CertificatePin(parsing: pin))
        } else if let caFile = options.caFile {
          .certificateAuthorityFile(caFile)
        } else {
          .systemTrustStore
        }
      return DeskConnection(
        channel: HTTPSOrderChannel(endpoint: endpoint, trust: trust), embedded: nil, vault: nil)
    }
    let dataDirectory = options.resolvedDataDirectory(
      environment: ProcessInfo.processInfo.environment, home: NSHomeDirectory)
    do {
      try PrivateFiles.createDirectory(dataDirectory + "/logs")
    } catch {
      throw DeskProblem.folderCannotBeMade(dataDirectory + "/logs", error)
    }
    let logFile = dataDirectory + "/logs/orderdesk.log"
    let logger = Logger(
      label: "orderdesk.service", factory: try FileLogHandler.factory(path: logFile))
    // The vault runs apart, as `orderdesk vault`: this process never holds a vault key. It
    // starts beside the service, which serves the catalog without waiting for it.
    let vault = StartingVault {
      try await ChildVault.start(
        serviceDirectory: dataDirectory, vaultDirectory: nil, logger: logger)
    }
    let service: RunningOrderService
    do {
      service = try await RunningOrderService.start(
        OrderServiceConfiguration(
          host: "127.0.0.1", port: 0, dataDirectory: dataDirectory, logger: logger),
        vault: vault)
    } catch {
      await vault.stop()
      throw error
    }
    guard let identity = service.identity else {
      throw DeskProblem("the embedded service has no certificate")
    }
    let endpoint = try ServiceEndpoint(parsing: service.url)
    let channel = HTTPSOrderChannel(
      endpoint: endpoint, trust: .pinned(identity.publicKeyPin))
    return DeskConnection(channel: channel, embedded: service, vault: vault)
  }

  func close() async {
    await channel.close()
    await embedded?.stop()
    await vault?.stop()
  }
}

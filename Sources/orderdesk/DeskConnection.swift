import ArgumentParser
import Foundation
import Logging
import OrderClient
import OrderCore
import OrderService
import TLSIdentity

/// Where the desk sends orders: the embedded service (the default) or a remote one.
struct DeskConnectionOptions: ParsableArguments {
  @Option(
    help: "The order service to use, as https://HOST[:PORT]. Without it the desk runs its own.")
  var server: String?

  @Option(help: "A PEM file of CA certificates to verify --server against.")
  var caFile: String?

  @Option(help: "The SHA-256 fingerprint to pin --server's certificate to (sha256:AB:CD:…).")
  var pin: String?

  @Option(help: "Where the embedded service keeps its data (default: $XDG_DATA_HOME/orderdesk).")
  var dataDir: String?

  func validate() throws {
    if server == nil && (caFile != nil || pin != nil) {
      throw ValidationError("--ca-file and --pin go with --server.")
    }
    if caFile != nil && pin != nil {
      throw ValidationError("Give either --ca-file or --pin, not both.")
    }
    if let pin {
      do { _ = try CertificatePin(parsing: pin) } catch { throw ValidationError("\(error)") }
    }
  }

  /// `$XDG_DATA_HOME/orderdesk`, or `~/.local/share/orderdesk` when that is unset.
  var resolvedDataDirectory: String {
    if let dataDir { return dataDir }
    let environment = ProcessInfo.processInfo.environment
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/orderdesk" }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.local/share/orderdesk"
  }
}

/// An open connection: the channel, and the embedded service when the desk runs its own.
struct DeskConnection {
  let channel: HTTPSOrderChannel
  let embedded: RunningOrderService?

  /// Starts the embedded service (logging to a file, never to the screen) or points at
  /// `--server`.
  static func open(_ options: DeskConnectionOptions) async throws -> DeskConnection {
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
        channel: HTTPSOrderChannel(endpoint: endpoint, trust: trust), embedded: nil)
    }
    let dataDirectory = options.resolvedDataDirectory
    try FileManager.default.createDirectory(
      atPath: dataDirectory + "/logs", withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    let logFile = dataDirectory + "/logs/orderdesk.log"
    let logger = Logger(
      label: "orderdesk.service", factory: try FileLogHandler.factory(path: logFile))
    let service = try await RunningOrderService.start(
      OrderServiceConfiguration(
        host: "127.0.0.1", port: 0, dataDirectory: dataDirectory, logger: logger))
    guard let identity = service.identity else {
      throw ValidationError("the embedded service has no certificate")
    }
    let endpoint = try ServiceEndpoint(parsing: service.url)
    let channel = HTTPSOrderChannel(
      endpoint: endpoint, trust: .pinned(CertificatePin(fingerprint: identity.fingerprint)))
    return DeskConnection(channel: channel, embedded: service)
  }

  func close() async {
    await channel.close()
    await embedded?.stop()
  }
}

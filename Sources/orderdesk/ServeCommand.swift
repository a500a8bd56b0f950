import ArgumentParser
import Foundation
import Logging
import OrderCore
import OrderService
import VaultAPI
import VaultClient

/// `orderdesk serve`: the order service on its own, for desks elsewhere to use.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the order service (HTTPS) for desks to connect to."
  )

  @Option(help: "Where to listen, as HOST:PORT.")
  var listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8443)

  @Option(help: "Where the orders database, the certificate and the vault client identity live.")
  var dataDir: String

  @Option(
    help: ArgumentHelp(
      "The vault to use, as https://HOST:PORT.",
      discussion:
        "Without it the service starts its own vault as a child process, in DATA_DIR-vault."
    ))
  var vault: String?

  @Option(help: "With --vault: the vault's CA certificate (PEM), from 'orderdesk vault enrol'.")
  var vaultCa: String?

  @Option(help: "With --vault: this service's client certificate (PEM).")
  var vaultClientCert: String?

  @Option(help: "With --vault: this service's client key (PEM).")
  var vaultClientKey: String?

  @Option(help: "Without --vault: the child vault's directory (default: DATA_DIR-vault).")
  var vaultDataDir: String?

  @Option(help: "A PEM certificate chain to serve instead of the self-signed certificate.")
  var tlsCert: String?

  @Option(help: "The PEM private key for --tls-cert.")
  var tlsKey: String?

  @Flag(
    help: "Serve plain HTTP on purpose, to show what an open lock looks like. Never for real use.")
  var insecureHTTP = false

  @Option(help: "A catalog file (JSON, format version 1) instead of the demo catalog.")
  var catalog: String?

  @Option(help: "Order look-ups each client address may make per minute (an IPv6 /64 is one).")
  var maxLookupsPerAddress = LookUpLimits.standard.perAddress

  @Option(help: "Look-ups of one order number per minute, whoever makes them.")
  var maxLookupsPerOrder = LookUpLimits.standard.perOrder

  @OptionGroup(title: "Connections") var connections: ConnectionOptions

  func validate() throws {
    if (tlsCert == nil) != (tlsKey == nil) {
      throw ValidationError("--tls-cert and --tls-key go together.")
    }
    if insecureHTTP && tlsCert != nil {
      throw ValidationError("--insecure-http serves without TLS; it cannot take --tls-cert.")
    }
    let vaultFiles = [vaultCa, vaultClientCert, vaultClientKey]
    if vault != nil, vaultFiles.contains(where: { $0 == nil }) {
      throw ValidationError(
        "--vault needs --vault-ca, --vault-client-cert and --vault-client-key, from "
          + "'orderdesk vault enrol'.")
    }
    if vault == nil, vaultFiles.contains(where: { $0 != nil }) {
      throw ValidationError(
        "--vault-ca, --vault-client-cert and --vault-client-key go with --vault.")
    }
    for (name, value) in [
      ("--max-lookups-per-address", maxLookupsPerAddress),
      ("--max-lookups-per-order", maxLookupsPerOrder),
    ] where !(1...100_000).contains(value) {
      throw ValidationError("\(name) must be a whole number from 1 to 100000, not \(value).")
    }
    if vault != nil, vaultDataDir != nil {
      throw ValidationError("--vault-data-dir is for the service's own vault; not with --vault.")
    }
  }

  func run() async throws {
    var logger = Logger(label: "orderdesk.service") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .info
    let transport: OrderServiceConfiguration.Transport =
      if insecureHTTP {
        .insecureHTTP
      } else if let tlsCert, let tlsKey {
        .tls(certificateFile: tlsCert, keyFile: tlsKey)
      } else {
        .selfSignedTLS
      }
    let configuration = OrderServiceConfiguration(
      host: listen.host, port: listen.port, dataDirectory: dataDir, transport: transport,
      catalogFile: try catalog.map(CatalogFile.read),
      lookUpLimits: LookUpLimits(
        perAddress: maxLookupsPerAddress, perOrder: maxLookupsPerOrder, window: 60),
      connectionLimits: connections.limits,
      logger: logger)
    let cardVault: RemoteCardVault
    let child: SupervisedVault?
    if let vault, let vaultCa, let vaultClientCert, let vaultClientKey {
      cardVault = try RemoteCardVault(
        url: vault,
        credentials: VaultCredentials(
          certificateFile: vaultClientCert, keyFile: vaultClientKey, authorityFile: vaultCa),
        logger: logger)
      child = nil
      if case .unavailable(let reason)? = await Self.reach(cardVault) {
        logger.warning(
          "the vault does not answer yet; orders wait for it", metadata: ["reason": "\(reason)"])
      }
    } else {
      try PrivateFiles.createDirectory(dataDir)
      let started = try await ChildVault.start(
        serviceDirectory: dataDir, vaultDirectory: vaultDataDir, logger: logger)
      cardVault = started.client
      child = started
    }
    let service = try await OrderService(configuration: configuration, vault: cardVault) { port in
      Self.announce(host: listen.host, port: port)
    }
    if FileManager.default.fileExists(atPath: dataDir + "/staff-token") {
      FileHandle.standardError.write(
        Data(
          ("\(dataDir)/staff-token is no longer read: staff sign in with accounts of their own "
            + "('orderdesk staff add NAME --role agent|supervisor'). Delete the file.\n").utf8))
    }
    if insecureHTTP {
      FileHandle.standardError.write(
        Data("Staff routes (sign-in, search, refunds) are refused over plain HTTP.\n".utf8))
    }
    if let identity = service.identity {
      // The key pin first: it outlives a renewal of the certificate, the fingerprint does not.
      FileHandle.standardError.write(
        Data("Public key pin (SPKI SHA-256): \(identity.publicKeyPin)\n".utf8))
      FileHandle.standardError.write(
        Data("Certificate SHA-256 fingerprint: \(identity.displayFingerprint)\n".utf8))
    } else {
      FileHandle.standardError.write(
        Data(
          "WARNING: serving plain HTTP; desks will show an open lock and refuse card entry.\n".utf8)
      )
    }
    do {
      try await service.runUntilSignalled()
    } catch {
      await child?.stop()
      throw error
    }
    await child?.stop()
  }

  /// Asks the vault for its keys once, to say at start whether it can be reached.
  private static func reach(_ vault: RemoteCardVault) async -> CardVaultError? {
    do {
      _ = try await vault.keys()
      return nil
    } catch {
      return error
    }
  }

  private static func announce(host: String, port: Int) {
    FileHandle.standardError.write(
      Data("OrderDesk order service listening on \(host):\(port)\n".utf8))
  }
}

/// `HOST:PORT` from the command line; IPv6 hosts in brackets.
struct ListenAddress: ExpressibleByArgument, CustomStringConvertible {
  let host: String
  let port: Int

  init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  init?(argument: String) {
    guard let colon = argument.lastIndex(of: ":"),
      let port = Int(argument[argument.index(after: colon)...]), (0...65535).contains(port)
    else { return nil }
    var host = String(argument[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else { return nil }
    self.init(host: host, port: port)
  }

  var description: String { "\(host):\(port)" }
  var defaultValueDescription: String { description }
}

/// Reads a catalog file for the service, with the path in the error.
enum CatalogFile {
  static func read(_ path: String) throws -> (bytes: [UInt8], source: String) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ValidationError("cannot read the catalog file \(path)")
    }
    return (Array(data), path)
  }
}

import ArgumentParser
import Foundation
import Logging
import Vault
import VaultService

#if canImport(Glibc)
  import Glibc
#endif

/// `orderdesk vault`: the vault ("fortress") as a process of its own, and the tools an
/// operator runs against its directory on its host.
struct VaultCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vault",
    abstract: "Run the vault that alone reads card data, or administer its directory.",
    discussion: """
      The vault listens with mutual TLS: only order services enrolled with 'orderdesk vault \
      enrol' get a handshake. Its keys, card store and certificate authority stay in its own \
      directory (--data-dir) and the key-encryption key in --kek-dir.
      """,
    subcommands: [
      VaultServeCommand.self, VaultEnrolCommand.self, VaultRevokeCommand.self,
      VaultClientsCommand.self,
    ],
    defaultSubcommand: VaultServeCommand.self
  )
}

/// The options every vault command takes: where the vault's files are.
struct VaultDirectoryOptions: ParsableArguments {
  @Option(help: "The vault's own directory: HPKE keys, card store, certificate authority.")
  var dataDir: String

  @Option(help: "Where the key-encryption key lives (default: DATA_DIR/kek).")
  var kekDir: String?

  var keyDirectory: String { kekDir ?? dataDir + "/kek" }

  /// Makes `path` mode 0700 if it is missing; refuses it, naming the mode it wants, if group
  /// or others may enter it.
  static func checkPrivate(_ path: String) throws {
    if mkdir(path, 0o700) != 0, errno != EEXIST {
      throw ValidationError(
        "The vault directory \(path) cannot be made: \(String(cString: strerror(errno))).")
    }
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
      throw ValidationError("The vault directory \(path) is not a directory.")
    }
    let mode = status.st_mode & 0o777
    guard mode & 0o077 == 0 else {
      throw ValidationError(
        "The vault directory \(path) has mode \(String(mode, radix: 8)); the vault wants 700 "
          + "(run chmod 700 \(path)).")
    }
  }
}

/// `orderdesk vault [serve]`: the vault's listener.
struct VaultServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Listen for enrolled order services (the default)."
  )

  @Option(help: "Where to listen, as HOST:PORT.")
  var listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8444)

  @OptionGroup var directories: VaultDirectoryOptions

  @Option(
    name: .customLong("name"),
    help: "A host name or address services reach the vault by, for its certificate (repeatable)."
  )
  var names: [String] = []

  @Option(help: "Started as root: the user to drop to once listening; the files become theirs.")
  var user: String?

  @Flag(help: .hidden)
  var exitWithStdin = false

  func run() async throws {
    let logger = Self.logger()
    let account = try user.map(SystemUser.init(named:))
    if account != nil, geteuid() != 0 {
      throw ValidationError("--user needs the vault to be started as root.")
    }
    try VaultDirectoryOptions.checkPrivate(directories.dataDir)
    let authority = try VaultAuthority.loadOrCreate(in: directories.dataDir, now: Date())
    let slot = VaultSlot()
    let hostNames = names.filter {
      !$0.contains(":") && !$0.allSatisfy { $0.isNumber || $0 == "." }
    }
    let addresses = names.filter { !hostNames.contains($0) }
    let directories = self.directories
    let listen = self.listen
    let listener = try VaultListener(
      configuration: .init(
        host: listen.host, port: listen.port, hostNames: hostNames, ipAddresses: addresses,
        logger: logger),
      authority: authority, vault: slot
    ) { port in
      do {
        if let account {
          try account.own(directories.dataDir, directories.keyDirectory)
          try account.become()
        }
        let vault = try Vault(
          directory: directories.dataDir, keyDirectory: directories.keyDirectory, logger: logger)
        slot.fill(vault)
      } catch {
        FileHandle.standardError.write(Data("orderdesk vault: \(error)\n".utf8))
        Glibc.exit(1)
      }
      let line = "OrderDesk vault listening on \(listen.host):\(port)\n"
      FileHandle.standardOutput.write(Data(line.utf8))
    }
    if exitWithStdin { Self.endWhenStandardInputEnds() }
    try await listener.runUntilSignalled()
  }

  private static func logger() -> Logger {
    var logger = Logger(label: "orderdesk.vault") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .info
    return logger
  }

  /// Ends the process once standard input reaches its end: a supervising process that dies
  /// takes its vault with it.
  private static func endWhenStandardInputEnds() {
    Thread.detachNewThread {
      while !FileHandle.standardInput.availableData.isEmpty {}
      Glibc.exit(0)
    }
  }
}

/// `orderdesk vault enrol NAME`: a client certificate for one order service.
struct VaultEnrolCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enrol",
    abstract: "Issue a client certificate for an order service.",
    discussion: """
      Writes client-cert.pem, client-key.pem (mode 0600) and vault-ca.pem into --out, for \
      'orderdesk serve --vault-client-cert … --vault-client-key … --vault-ca …'. Enrolling a \
      name again replaces its certificate and withdraws the old one.
      """
  )

  @Argument(help: "The service's name: letters, digits, '-', '_' or '.'.")
  var name: String

  @OptionGroup var directories: VaultDirectoryOptions

  @Option(help: "The directory to write the three PEM files into.")
  var out: String

  func run() throws {
    let authority = try VaultAuthority.loadOrCreate(in: directories.dataDir, now: Date())
    let issued = try authority.enrol(name, outDirectory: out, now: Date())
    try SystemUser.giveToOwner(of: directories.dataDir, directories.dataDir)
    print("Enrolled \(name) until \(issued.notValidAfter); its files are in \(out).")
  }
}

/// `orderdesk vault revoke NAME`: withdraws a service's certificate.
struct VaultRevokeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke",
    abstract: "Withdraw an order service's certificate; its next handshake fails."
  )

  @Argument(help: "The name the service was enrolled under.")
  var name: String

  @OptionGroup var directories: VaultDirectoryOptions

  func run() throws {
    let authority = try VaultAuthority.loadOrCreate(in: directories.dataDir, now: Date())
    try authority.revoke(name)
    try SystemUser.giveToOwner(of: directories.dataDir, directories.dataDir)
    print("Revoked \(name): the vault refuses its certificate from the next connection on.")
  }
}

/// `orderdesk vault clients`: the enrolled services.
struct VaultClientsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clients", abstract: "List the enrolled order services.")

  @OptionGroup var directories: VaultDirectoryOptions

  func run() throws {
    let authority = try VaultAuthority.loadOrCreate(in: directories.dataDir, now: Date())
    for name in authority.enrolledNames() { print(name) }
  }
}

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
      VaultClientsCommand.self, VaultRotateKeysCommand.self, VaultRotateDataKeyCommand.self,
      VaultRotateKEKCommand.self, VaultPurgeCommand.self, VaultAuditCommand.self,
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

  /// Run as root on a vault that belongs to another user: gives what a command just wrote in
  /// the vault's directories back to that user, so the vault can still read it.
  func giveBackToOwner() throws {
    try SystemUser.giveToOwner(of: dataDir, dataDir, keyDirectory)
  }

  /// The administration commands' log: what they changed, on standard error.
  static var logger: Logger {
    var logger = Logger(label: "orderdesk.vault") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .warning
    return logger
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

  @Option(help: "How long card numbers are kept before they are purged (such as 90d).")
  var cardRetention: Span = Span(seconds: 90 * 86400)

  @Option(help: "How long cards sealed to a replaced key are still accepted (such as 24h).")
  var keyGrace: Span = Span(seconds: 24 * 3600)

  @OptionGroup(title: "Attempt limits against card testing")
  var velocity: VelocityOptions

  @Option(
    help: ArgumentHelp(
      "A service directory in the layout before the vault ran apart, whose vault/ and "
        + "vault-keys/ are moved into --data-dir and --kek-dir first.",
      visibility: .hidden))
  var migrateFrom: String?

  @Flag(help: .hidden)
  var exitWithStdin = false

  func run() async throws {
    let logger = Self.logger()
    let account = try user.map(SystemUser.init(named:))
    if account != nil, geteuid() != 0 {
      throw ValidationError("--user needs the vault to be started as root.")
    }
    try VaultAdministration.preparePrivateDirectory(directories.dataDir)
    if let migrateFrom,
      try VaultAdministration.migrateLegacyLayout(
        serviceDirectory: migrateFrom, vaultDirectory: directories.dataDir,
        keyDirectory: directories.keyDirectory)
    {
      logger.notice(
        "moved the vault out of the service's directory",
        metadata: ["from": "\(migrateFrom)", "to": "\(directories.dataDir)"])
    }
    let authority = try VaultAuthority.loadOrCreate(in: directories.dataDir, now: Date())
    let slot = VaultSlot()
    let directories = self.directories
    let listen = self.listen
    let listener = try VaultListener(
      configuration: .init(
        host: listen.host, port: listen.port, names: names, logger: logger),
      authority: authority, vault: slot
    ) { port in
      do {
        if let account {
          try account.own(directories.dataDir, directories.keyDirectory)
          try account.become()
        }
        let vault = try Vault(
          directory: directories.dataDir, keyDirectory: directories.keyDirectory,
          keyGracePeriod: keyGrace.seconds, cardRetention: cardRetention.seconds,
          velocity: VelocityPolicy(customer: velocity.limits), logger: logger)
        slot.fill(vault)
        Self.purgeHourly(vault, logger: logger)
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

  /// Purges card numbers past their retention, and authorization answers and attempts past
  /// theirs, now and then every hour, for the process's life.
  private static func purgeHourly(_ vault: Vault, logger: Logger) {
    Task.detached {
      while true {
        do {
          let purged = try await vault.purgeExpiredCards()
          if purged > 0 {
            logger.info("purged card numbers past retention", metadata: ["count": "\(purged)"])
          }
        } catch {
          logger.error("card numbers could not be purged", metadata: ["error": "\(error)"])
        }
        do {
          _ = try await vault.purgeExpiredAnswers()
        } catch {
          logger.error("old answers could not be purged", metadata: ["error": "\(error)"])
        }
        try? await Task.sleep(for: .seconds(3600))
      }
    }
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

  @Flag(help: "Keep the certificate already enrolled for NAME and written to --out, if any.")
  var unlessEnrolled = false

  func run() throws {
    let authority = try VaultAuthority.loadOrCreate(in: directories.dataDir, now: Date())
    let issued = try authority.enrol(
      name, outDirectory: out, now: Date(), unlessEnrolled: unlessEnrolled)
    try directories.giveBackToOwner()
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
    try directories.giveBackToOwner()
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

/// `orderdesk vault rotate-keys`: a new key to seal cards to.
struct VaultRotateKeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rotate-keys",
    abstract: "Make a new HPKE key pair for sealing cards; the old one is accepted for a while.",
    discussion: """
      A running vault publishes the new key within a second. Cards sealed to the previous key \
      are accepted for the vault's --key-grace (24 hours unless set), then refused with \
      key_retired, which makes desks fetch the new key.
      """)

  @OptionGroup var directories: VaultDirectoryOptions

  func run() throws {
    let keyId = try VaultAdministration.rotateKeys(
      directory: directories.dataDir, keyDirectory: directories.keyDirectory,
      logger: VaultDirectoryOptions.logger)
    try directories.giveBackToOwner()
    print("Cards are now sealed to key \(keyId).")
  }
}

/// `orderdesk vault rotate-data-key`: stored numbers encrypted under a new data key.
struct VaultRotateDataKeyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rotate-data-key",
    abstract: "Encrypt every stored card number under a new data key.")

  @OptionGroup var directories: VaultDirectoryOptions

  func run() throws {
    let count = try VaultAdministration.rotateDataKey(
      directory: directories.dataDir, keyDirectory: directories.keyDirectory,
      logger: VaultDirectoryOptions.logger)
    try directories.giveBackToOwner()
    print("Re-encrypted \(count) stored card numbers under a new data key.")
  }
}

/// `orderdesk vault rotate-kek`: the data key wrapped by a new key-encryption key.
struct VaultRotateKEKCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rotate-kek",
    abstract: "Wrap the data key with a new key-encryption key in --kek-dir.")

  @OptionGroup var directories: VaultDirectoryOptions

  func run() throws {
    try VaultAdministration.rotateKeyEncryptionKey(
      directory: directories.dataDir, keyDirectory: directories.keyDirectory,
      logger: VaultDirectoryOptions.logger)
    try directories.giveBackToOwner()
    print("The data key is now wrapped by a new key-encryption key.")
  }
}

/// `orderdesk vault purge`: card numbers past their retention removed now.
struct VaultPurgeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "purge",
    abstract: "Remove stored card numbers older than the retention period, now.",
    discussion: "Tokens, brands, last fours and expiry stay; refunds by token still work.")

  @OptionGroup var directories: VaultDirectoryOptions

  @Option(help: "How long card numbers are kept (such as 90d).")
  var cardRetention: Span = Span(seconds: 90 * 86400)

  func run() throws {
    let count = try VaultAdministration.purge(
      directory: directories.dataDir, keyDirectory: directories.keyDirectory,
      retention: cardRetention.seconds, logger: VaultDirectoryOptions.logger)
    try directories.giveBackToOwner()
    print("Purged \(count) card numbers older than \(cardRetention).")
  }
}

/// `orderdesk vault audit`: what was done to the vault's keys and cards, and when.
struct VaultAuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "List the vault's audit events: rotations and purges.")

  @OptionGroup var directories: VaultDirectoryOptions

  func run() throws {
    for event in try VaultAdministration.auditEvents(directory: directories.dataDir) {
      let when = Date(timeIntervalSince1970: TimeInterval(event.at))
      print("\(when.formatted(.iso8601))  \(event.kind.rawValue)  \(event.detail)")
    }
  }
}

/// `orderdesk vault`'s limits on card attempts by customers.
struct VelocityOptions: ParsableArguments {
  @Option(help: "The window card attempts are counted in (such as 1h).")
  var velocityWindow: Span = Span(seconds: VelocityLimits.standard.window)

  @Option(help: "How many different cards one client address may try in the window.")
  var maxCardsPerAddress: Int = VelocityLimits.standard.cardsPerAddress

  @Option(help: "How many different cards may be tried for one email in the window.")
  var maxCardsPerEmail: Int = VelocityLimits.standard.cardsPerEmail

  @Option(help: "How many declines one client address may be given in the window.")
  var maxDeclinesPerAddress: Int = VelocityLimits.standard.declinesPerAddress

  @Option(help: "How many declines may be given for one email in the window.")
  var maxDeclinesPerEmail: Int = VelocityLimits.standard.declinesPerEmail

  @Option(help: "How many declines one card may be given in the window.")
  var maxDeclinesPerCard: Int = VelocityLimits.standard.declinesPerCard

  @Flag(
    help: """
      Lift every limit on card attempts: for load tests, and for desks that all reach the \
      service from one address and have limits in front of it.
      """)
  var noAttemptLimits = false

  func validate() throws {
    guard velocityWindow.seconds > 0 else {
      throw ValidationError("--velocity-window must be longer than 0s.")
    }
    let counts = [
      maxCardsPerAddress, maxCardsPerEmail, maxDeclinesPerAddress, maxDeclinesPerEmail,
      maxDeclinesPerCard,
    ]
    guard counts.allSatisfy({ $0 >= 1 }) else {
      throw ValidationError("Every --max-… limit must be 1 or more.")
    }
  }

  var limits: VelocityLimits {
    if noAttemptLimits { return .unlimited }
    return VelocityLimits(
      window: velocityWindow.seconds, cardsPerAddress: maxCardsPerAddress,
      cardsPerEmail: maxCardsPerEmail, declinesPerAddress: maxDeclinesPerAddress,
      declinesPerEmail: maxDeclinesPerEmail, declinesPerCard: maxDeclinesPerCard)
  }
}

/// A span of time on the command line: a number and a unit, `s`, `m`, `h` or `d`.
struct Span: ExpressibleByArgument, CustomStringConvertible, Sendable {
  let seconds: Int64

  init(seconds: Int64) { self.seconds = seconds }

  init?(argument: String) {
    guard let unit = argument.last, let count = Int64(argument.dropLast()), count >= 0 else {
      return nil
    }
    let scale: Int64 =
      switch unit {
      case "s": 1
      case "m": 60
      case "h": 3600
      case "d": 86400
      default: 0
      }
    guard scale > 0, count <= Int64.max / scale else { return nil }
    seconds = count * scale
  }

  var description: String {
    if seconds % 86400 == 0 { return "\(seconds / 86400)d" }
    if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
    if seconds % 60 == 0 { return "\(seconds / 60)m" }
    return "\(seconds)s"
  }

  var defaultValueDescription: String { description }
}

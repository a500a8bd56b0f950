import ArgumentParser
import OrderCore

/// The `orderdesk` command: the desk itself, and the tools around it.
struct OrderDeskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "orderdesk",
    abstract: "A keyboard-first terminal order desk.",
    discussion: """
      With no subcommand, orderdesk opens the desk in this terminal, on an order service it \
      starts in this process (TLS on a loopback port, SQLite in $XDG_DATA_HOME/orderdesk, the \
      demo catalog) with a vault it starts as a process of its own (in \
      $XDG_DATA_HOME/orderdesk-vault), or on --server.
      """,
    version: OrderDeskVersion.current,
    subcommands: [
      Desk.self, ServeCommand.self, VaultCommand.self, StaffCommand.self, AuditCommand.self,
      LoginCommand.self, LogoutCommand.self, OrdersCommand.self, CatalogCommand.self,
      ThemesCommand.self,
    ],
    defaultSubcommand: Desk.self
  )
}

/// The desk: the whole order flow, full screen, in this terminal.
struct Desk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "desk",
    abstract: "Open the desk in this terminal (the default).",
    discussion: """
      Keys: F1 (or ?) lists them all. The lock in the bottom right shows whether the channel to \
      the order service is encrypted and verified; F2 shows its details.
      """
  )

  @Option(help: "The currency to show prices in: EUR, USD, GBP or JPY.")
  var currency: CurrencyArgument = CurrencyArgument(.eur)

  @Option(
    help: ArgumentHelp(
      "A colour theme: a name from 'orderdesk themes' or a TOML file's path.",
      discussion:
        "Also ORDERDESK_THEME. NO_COLOR (any value) gives monochrome unless --theme is given."
    ))
  var theme: String?

  @OptionGroup var connection: DeskConnectionOptions

  @Flag(
    help: ArgumentHelp(
      "Open the desk for support staff: sign in, then take phone, fax and mail orders, find "
        + "orders and refund them.",
      discussion: "Accounts are made with 'orderdesk staff add'."))
  var staff = false

  @Option(
    help: ArgumentHelp(
      "How long a staff desk waits for a key before it locks (such as 5m; at most 15m).",
      valueName: "span"))
  var idleLock: Span?

  func validate() throws {
    if let idleLock {
      guard staff else { throw ValidationError("--idle-lock goes with --staff.") }
      guard (1...DeskLaunchOptions.longestIdleLock).contains(idleLock.seconds) else {
        throw ValidationError("--idle-lock must be from 1s to 15m; \(idleLock) is not.")
      }
    }
  }

  var options: DeskLaunchOptions {
    var options = DeskLaunchOptions()
    options.currency = currency.value
    options.theme = theme
    options.connection = connection.settings
    options.staff = staff
    options.idleLockSeconds = idleLock?.seconds
    return options
  }

  /// Opens the desk on the calling thread, which becomes the terminal's: `main` calls it on
  /// the main thread, like a desk opened from a command line it read itself.
  func run() throws {
    let desk: PreparedDesk
    do {
      desk = try PreparedDesk(options)
    } catch {
      throw ValidationError(error.message)
    }
    try desk.runOnThisThread()
  }
}

/// `orderdesk catalog`: prints the demo catalog, no terminal needed.
struct CatalogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "catalog",
    abstract: "Print the demo catalog with prices."
  )

  @Option(help: "The currency to show prices in: EUR, USD, GBP or JPY.")
  var currency: CurrencyArgument = CurrencyArgument(.eur)

  func run() throws {
    let catalog = try Catalog.demo
    for item in catalog.items {
      let price =
        item.prices[currency.value].map { $0.formatted() } ?? "not sold in \(currency.value)"
      let kind = item.kind == .boxed ? "boxed" : "download"
      print(
        "\(item.sku.value.padding(to: 22))  \(TerminalText.neutralised(item.name).padding(to: 34))  \(kind.padding(to: 8))  \(price)"
      )
    }
  }
}

/// A currency given on the command line.
struct CurrencyArgument: ExpressibleByArgument {
  let value: Currency

  init(_ value: Currency) { self.value = value }

  init?(argument: String) {
    guard let currency = Currency(code: argument) else { return nil }
    value = currency
  }

  var defaultValueDescription: String { value.code }
  static var allValueStrings: [String] { Currency.allCases.map(\.code) }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    let shown = TerminalText.truncated(self, toWidth: width)
    return shown + String(repeating: " ", count: max(0, width - TerminalText.displayWidth(shown)))
  }
}

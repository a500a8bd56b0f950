import ArgumentParser
import DeskTerminal
import OrderCore

#if canImport(Glibc)
  import Glibc
#endif

/// The `orderdesk` command: the desk itself, and the tools around it.
@main
struct OrderDeskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "orderdesk",
    abstract: "A keyboard-first terminal order desk.",
    discussion: """
      With no subcommand, orderdesk opens the desk in this terminal, on an order service it \
      starts in this process (TLS on a loopback port, SQLite in $XDG_DATA_HOME/orderdesk, the \
      demo catalog), or on --server.
      """,
    version: OrderDeskVersion.current,
    subcommands: [Desk.self, ServeCommand.self, CatalogCommand.self],
    defaultSubcommand: Desk.self
  )
}

/// The desk: a full-screen view of the catalog in this terminal, with the lock.
struct Desk: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "desk",
    abstract: "Open the desk in this terminal (the default)."
  )

  @Option(help: "The currency to show prices in: EUR, USD, GBP or JPY.")
  var currency: CurrencyArgument = CurrencyArgument(.eur)

  @OptionGroup var connection: DeskConnectionOptions

  func run() async throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw ValidationError("the desk needs a terminal; run it in one, or try 'orderdesk catalog'.")
    }
    let terminal = Terminal()
    defer { terminal.close() }
    var screen = CatalogScreen(currency: currency.value)
    // The first frame is drawn before anything touches the network or the disk.
    draw(screen, on: terminal)

    var opened: DeskConnection?
    do {
      let connection = try await DeskConnection.open(connection)
      opened = connection
      screen.security = await connection.channel.probe()
      draw(screen, on: terminal)
      screen.catalog = try await connection.channel.catalog()
    } catch {
      screen.problem = "\(error)"
      if let opened { screen.security = await opened.channel.security }
    }
    draw(screen, on: terminal)

    keys: while true {
      switch terminal.readKey() {
      case .character("q"), .character("\u{1B}"), .character("\u{03}"): break keys
      case .character("j"): screen.moveSelection(by: 1)
      case .character("k"): screen.moveSelection(by: -1)
      case .special(let code) where code == Terminal.keyDown: screen.moveSelection(by: 1)
      case .special(let code) where code == Terminal.keyUp: screen.moveSelection(by: -1)
      case .resize: break
      default: continue
      }
      draw(screen, on: terminal)
    }
    await opened?.close()
  }

  private func draw(_ screen: CatalogScreen, on terminal: Terminal) {
    let (rows, columns) = terminal.size
    let frame = screen.render(rows: rows, columns: columns, unicode: terminal.supportsUnicode)
    terminal.show(frame.lines, emphasised: frame.highlighted)
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

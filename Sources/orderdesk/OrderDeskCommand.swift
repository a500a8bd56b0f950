import ArgumentParser
import DeskTerminal
import OrderCore

#if canImport(Glibc)
  import Glibc
#endif

/// The `orderdesk` command: the desk itself, and the tools around it.
@main
struct OrderDeskCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "orderdesk",
    abstract: "A keyboard-first terminal order desk.",
    discussion: """
      With no subcommand, orderdesk opens the desk in this terminal. This version shows \
      the demo catalog; ordering arrives with the order service.
      """,
    version: OrderDeskVersion.current,
    subcommands: [Desk.self, CatalogCommand.self],
    defaultSubcommand: Desk.self
  )
}

/// The desk: a full-screen view of the catalog in this terminal.
struct Desk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "desk",
    abstract: "Open the desk in this terminal (the default)."
  )

  @Option(help: "The currency to show prices in: EUR, USD, GBP or JPY.")
  var currency: CurrencyArgument = CurrencyArgument(.eur)

  func run() throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw ValidationError("the desk needs a terminal; run it in one, or try 'orderdesk catalog'.")
    }
    let catalog = try Catalog.demo
    let terminal = Terminal()
    defer { terminal.close() }
    var screen = CatalogScreen(catalog: catalog, currency: currency.value)
    while true {
      let (rows, columns) = terminal.size
      let frame = screen.render(rows: rows, columns: columns, unicode: terminal.supportsUnicode)
      terminal.show(frame.lines, emphasised: frame.highlighted)
      switch terminal.readKey() {
      case .character("q"), .character("\u{1B}"), .character("\u{03}"): return
      case .character("j"): screen.moveSelection(by: 1)
      case .character("k"): screen.moveSelection(by: -1)
      case .special(let code) where code == Terminal.keyDown: screen.moveSelection(by: 1)
      case .special(let code) where code == Terminal.keyUp: screen.moveSelection(by: -1)
      default: continue
      }
    }
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

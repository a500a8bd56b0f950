import OrderCore

/// The first screen of the desk: the catalog with prices, one row a product.
///
/// Pure: it renders into lines of text, and the terminal only shows them.
struct CatalogScreen {
  /// The service's catalog, once it has arrived.
  var catalog: Catalog?
  let currency: Currency
  /// The channel's security, for the lock in the bottom line.
  var security: ChannelSecurity = .unknown(reason: "not connected yet")
  /// Why the catalog could not be shown, when it could not.
  var problem: String?
  private(set) var selection = 0

  init(currency: Currency) {
    self.currency = currency
  }

  private var items: [CatalogItem] { catalog?.items(in: currency) ?? [] }

  mutating func moveSelection(by step: Int) {
    guard !items.isEmpty else { return }
    selection = min(max(0, selection + step), items.count - 1)
  }

  /// The screen as rows of text exactly `columns` cells wide, and which row is selected.
  func render(rows: Int, columns: Int, unicode: Bool) -> (lines: [String], highlighted: Set<Int>) {
    let minimum = (rows: 10, columns: 60)
    guard rows >= minimum.rows, columns >= minimum.columns else {
      let by = unicode ? "×" : "x"
      let message =
        "The desk needs at least \(minimum.columns)\(by)\(minimum.rows); this is \(columns)\(by)\(rows)."
      return ([fit(message, columns)], [])
    }
    let rule = String(repeating: unicode ? "─" : "-", count: columns)
    var lines = [
      fit(
        unicode
          ? " OrderDesk · Catalog · \(currency.code)" : " OrderDesk - Catalog - \(currency.code)",
        columns),
      rule,
    ]
    let listRows = rows - 4
    let first = max(0, min(selection - listRows / 2, items.count - listRows))
    let visible = items.dropFirst(first).prefix(listRows)
    var highlighted: Set<Int> = []
    if catalog == nil {
      let status =
        problem.map { "Could not load the catalog: \($0)" } ?? "Connecting to the order service…"
      lines.append(fit(" " + TerminalText.neutralised(status), columns))
    }
    for (offset, item) in visible.enumerated() {
      if first + offset == selection { highlighted.insert(lines.count) }
      lines.append(row(for: item, columns: columns, unicode: unicode))
    }
    while lines.count < rows - 2 { lines.append(String(repeating: " ", count: columns)) }
    lines.append(rule)
    let keys = unicode ? " ↑↓ Move  q Quit" : " Up/Down Move  q Quit"
    let lock = LockLabel(security: security, unicode: unicode).text
    let keyWidth = columns - TerminalText.displayWidth(lock) - 1
    lines.append(fit(keys, keyWidth) + lock + " ")
    return (lines, highlighted)
  }

  private func row(for item: CatalogItem, columns: Int, unicode: Bool) -> String {
    // Without UTF-8 the currency symbol cannot be drawn, so the code stands in for it.
    let price = item.prices[currency]?.formatted(unicode ? .symbol : .code) ?? ""
    let kind = item.kind == .boxed ? "boxed" : "download"
    let priceWidth = 12
    let kindWidth = 9
    let nameWidth = columns - priceWidth - kindWidth - 3
    return " " + fit(TerminalText.neutralised(item.name), nameWidth) + " "
      + fit(kind, kindWidth)
      + String(repeating: " ", count: max(0, priceWidth - price.count)) + price + " "
  }

  private func fit(_ text: String, _ width: Int) -> String {
    let shown = TerminalText.truncated(text, toWidth: width)
    return shown + String(repeating: " ", count: max(0, width - TerminalText.displayWidth(shown)))
  }
}

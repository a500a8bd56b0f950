import DeskTheme
import OrderCore

/// A placed order as text: what the receipt and "Find my order" show.
enum OrderText {
  /// The order's lines for a window `columns` wide.
  static func lines(_ order: OrderRecord, glyphs: Glyphs, columns: Int) -> [(String, ThemeSlot)] {
    var lines: [(String, ThemeSlot)] = []
    let paid = order.payment == .authorized || order.payment == .captured
    lines.append(
      (
        "\(glyphs[paid ? .valid : .invalid]) Order \(order.number) \(glyphs[.separator]) "
          + "\(order.status.rawValue) \(glyphs[.separator]) payment \(order.payment.rawValue)",
        paid ? .success : .warning
      ))
    let dots = glyphs.unicode ? "••••" : "****"
    lines.append(
      (
        "Paid with \(order.card.brand.displayName) \(dots) \(order.card.lastFour), expires "
          + expiry(order.card.expiry), .text
      ))
    lines.append(
      (
        "Placed \(TextLayout.date(epochSeconds: order.createdAt)), \(sourceName(order.source))",
        .muted
      ))
    lines.append(("", .text))
    let quote = order.quote
    let width = min(receiptWidth, columns - 3)
    var amounts: [(String, String, ThemeSlot)] = quote.lines.map {
      ("\($0.quantity) × \($0.name)", glyphs.price($0.lineTotal), .text)
    }
    amounts.append(("Subtotal", glyphs.price(quote.subtotal), .muted))
    let country = Countries.country(code: quote.country)?.name ?? quote.country
    amounts.append(("VAT \(quote.taxRate) (\(country))", glyphs.price(quote.tax), .muted))
    if quote.requiresShipping {
      amounts.append(("Shipping", glyphs.price(quote.shipping), .muted))
    }
    amounts.append(("Total", glyphs.price(quote.total), .accent))
    for (label, amount, slot) in amounts {
      lines += amountLines(label, amount, width: width).map { ($0, slot) }
    }
    if !order.fulfilments.isEmpty {
      lines.append(("", .text))
      for fulfilment in order.fulfilments {
        let name =
          order.quote.lines.first { $0.sku == fulfilment.sku }?.name ?? fulfilment.sku.value
        lines.append(("\(name)", .accent))
        lines.append(("  Licence key: \(fulfilment.licenceKey)", .text))
        lines.append(("  Download: \(fulfilment.downloadURL)", .text))
        lines.append(
          (
            "  (link valid until \(TextLayout.date(epochSeconds: fulfilment.downloadExpiresAt)))",
            .muted
          ))
      }
    }
    if quote.requiresShipping {
      lines.append(("", .text))
      lines.append(
        ("Boxed items are shipped to the address given; they wait for shipping.", .muted))
    }
    return lines
  }

  /// The widest a receipt's column of amounts is laid out, so that on a wide terminal the
  /// amounts stay near the names they belong to.
  static let receiptWidth = 64

  /// `label` with `amount` right-aligned at `width` cells.
  ///
  /// A label too long to share the line is wrapped, and the amount ends its last line, so
  /// nothing is cut.
  static func amountLines(_ label: String, _ amount: String, width: Int) -> [String] {
    let amountWidth = TerminalText.displayWidth(amount)
    let labelWidth = width - amountWidth - 1
    guard labelWidth > 0 else { return [label, amount] }
    var lines = TextLayout.wrap(label, width: labelWidth)
    let last = lines.popLast() ?? ""
    let gap = width - TerminalText.displayWidth(last) - amountWidth
    return lines + [last + String(repeating: " ", count: max(1, gap)) + amount]
  }

  /// Where an order came from, as a noun: "Terminal order", "Phone order".
  ///
  /// The source's display name already says "order" for staff's sources.
  static func sourceName(_ source: OrderSource) -> String {
    source == .terminal ? "Terminal order" : source.displayName
  }

  /// An expiry as printed on cards: MM/YY.
  static func expiry(_ month: YearMonth) -> String {
    let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
    return "\(twoDigits(month.month))/\(twoDigits(month.year % 100))"
  }

}

import DeskTheme
import OrderCore

extension DeskState {
  func drawReview(_ painter: inout Painter) {
    let glyphs = painter.glyphs
    guard let catalog else { return }
    // Each line's total ends in the column of the totals below it: the service's, once it
    // has quoted them, so that the lines add up to its subtotal.
    let quoted: [SKU: Money]
    if case .ready(let quote) = quote {
      quoted = Dictionary(quote.lines.map { ($0.sku, $0.lineTotal) }) { first, _ in first }
    } else {
      quoted = [:]
    }
    for line in cart.lines {
      let item = catalog.item(for: line.sku)
      let total =
        quoted[line.sku]
        ?? item?.price(in: currency).flatMap { try? $0.multiplied(by: line.quantity) }
      painter.amount(
        "\(line.quantity) × \(item?.name ?? line.sku.value)",
        total.map { price($0, glyphs) } ?? "", labelSlot: .text, width: painter.columns - 3)
    }
    drawTotals(&painter)
    painter.blank()
    // As it will be sent: surrounding spaces trimmed.
    let customer = details.customer().normalised()
    painter.pair("Customer", "\(customer.name) <\(customer.email)>")
    if !customer.phone.isEmpty { painter.pair("Phone", customer.phone) }
    let country = details.countryCode.flatMap { Countries.country(code: $0) }?.name ?? ""
    if needsShippingAddress {
      let address = customer.address
      let lines = [address.line1, address.line2, "\(address.postalCode) \(address.city)", country]
      painter.pair(
        "Ship to", lines.filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: ", "))
    } else {
      painter.pair("Country", country)
    }
    if let sealed = payment.sealed {
      painter.pair("Card", cardSummary(sealed, glyphs) + " (sealed for the vault)")
    }
    let lock = lockLabel(glyphs: glyphs)
    var channel = lock.text
    if let session = security.session, security.allowsCardData {
      channel += ", " + session.verification.summary
    } else if let reason = security.reason {
      channel += ": " + reason
    }
    painter.pair("Channel", channel, slot: lock.slot)
    painter.blank()
    if security.allowsCardData {
      painter.paragraph(
        "Enter places the order. It is charged once, however often Enter is pressed.", .accent)
    } else {
      painter.paragraph(
        "The order cannot be sent until the channel is secure: \(security.cardRefusal)", .warning)
    }
  }

  func drawSubmitting(_ painter: inout Painter) {
    let glyphs = painter.glyphs
    let version = security.session?.protocolVersion.rawValue ?? "TLS"
    painter.line("Placing the order", .accent)
    painter.blank()
    painter.line("\(glyphs[.stepDone]) Card sealed for the vault", .success)
    if submissionSent {
      painter.line("\(glyphs[.stepDone]) Order sent over \(version)", .success)
      painter.line("\(glyphs[.stepCurrent]) Waiting for the card to be authorized…", .accent)
    } else {
      painter.line("\(glyphs[.stepCurrent]) Sending the order over \(version)…", .accent)
      painter.line("\(glyphs[.stepTodo]) Waiting for the card to be authorized", .muted)
    }
    painter.blank()
    painter.paragraph(
      "Please wait. The order is sent once; if the connection drops it is retried with the "
        + "same key, so it is never charged twice.", .muted)
  }

  func drawReceipt(_ painter: inout Painter) {
    guard let receipt else { return }
    drawScrolling(receiptPage(receipt, glyphs: painter.glyphs), scroll: receiptScroll, &painter)
  }

  /// The receipt's text: the order, then how to find it again.
  func receiptPage(_ receipt: OrderRecord, glyphs: Glyphs) -> [(String, ThemeSlot)] {
    receiptLines(receipt, glyphs: glyphs) + [
      ("", .text),
      (
        "Find this order again with f (or F3): its number, \(receipt.number), and the email "
          + "address it was placed with.", .accent
      ),
    ]
  }

  /// How far the receipt scrolls before its last line is at the bottom.
  ///
  /// Measured with the built-in glyphs: the state does not know the theme's, which are at
  /// most a few cells wider, and drawing keeps the last line at the bottom whatever they are.
  var receiptScrollLimit: Int {
    guard let receipt else { return 0 }
    return scrollLimit(of: receiptPage(receipt, glyphs: Glyphs(unicode: true)), rows: contentRows)
  }

  /// How far a found order scrolls below the search form; measured like the receipt's.
  var foundOrderScrollLimit: Int {
    guard case .some(.some(let order)) = findOrder.result else { return 0 }
    return scrollLimit(
      of: receiptLines(order, glyphs: Glyphs(unicode: true)),
      rows: contentRows - Self.findOrderFormRows)
  }

  /// How far `lines` scroll in a view of `rows` rows before the last one is at the bottom.
  func scrollLimit(of lines: [(String, ThemeSlot)], rows: Int) -> Int {
    let count = wrappedForScrolling(lines).count
    return max(0, count - Self.linesShown(count, rows: rows))
  }

  /// How many of `count` lines a scrolling view of `rows` rows shows: all when they fit,
  /// else all but one row, which says which lines are shown.
  static func linesShown(_ count: Int, rows: Int) -> Int {
    count <= rows ? count : max(1, rows - 1)
  }

  /// `lines` wrapped to the width a scrolling view draws them at.
  func wrappedForScrolling(_ lines: [(String, ThemeSlot)]) -> [(String, ThemeSlot)] {
    lines.flatMap { text, slot in
      TextLayout.wrap(text, width: columns - 3).map { ($0, slot) }
    }
  }

  /// A scroll position after a key of a scrolling view: a line, a page or to either end,
  /// never before the first line or past `limit`.
  static func scroll(_ position: Int, by key: Key, limit: Int, page: Int) -> Int {
    let moved =
      switch key {
      case .up, .character("k"): position - 1
      case .down, .character("j"): position + 1
      case .pageUp: position - max(1, page)
      case .pageDown: position + max(1, page)
      case .home: 0
      case .end: limit
      default: position
      }
    return min(max(0, moved), limit)
  }

  /// Draws as many of `lines` as fit from `scroll` on, and when they do not all fit, a note
  /// on a row of its own below them saying which are shown and with which keys (`keys`) to
  /// see the others.
  func drawScrolling(
    _ lines: [(String, ThemeSlot)], scroll: Int, keys: String? = nil, _ painter: inout Painter
  ) {
    let wrapped = wrappedForScrolling(lines)
    let visible = Self.linesShown(wrapped.count, rows: painter.rowsLeft)
    let first = min(scroll, wrapped.count - visible)
    for (text, slot) in wrapped.dropFirst(first).prefix(visible) { painter.line(text, slot) }
    if wrapped.count > visible {
      let arrows = keys ?? painter.glyphs[.up] + painter.glyphs[.down]
      let note = "\(arrows) \(first + 1)–\(first + visible) of \(wrapped.count)"
      painter.grid.put(
        note, row: painter.bottom, column: painter.columns - TerminalText.displayWidth(note) - 2,
        slot: .muted)
    }
  }

  /// An order as text: what the receipt and "Find my order" show.
  func receiptLines(_ order: OrderRecord, glyphs: Glyphs) -> [(String, ThemeSlot)] {
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
          + Self.expiry(order.card.expiry), .text
      ))
    lines.append(
      (
        "Placed \(TextLayout.date(epochSeconds: order.createdAt)), \(order.source.displayName) order",
        .muted
      ))
    lines.append(("", .text))
    let quote = order.quote
    let width = min(Self.receiptWidth, columns - 3)
    var amounts: [(String, String, ThemeSlot)] = quote.lines.map {
      ("\($0.quantity) × \($0.name)", price($0.lineTotal, glyphs), .text)
    }
    amounts.append(("Subtotal", price(quote.subtotal, glyphs), .muted))
    let country = Countries.country(code: quote.country)?.name ?? quote.country
    amounts.append(("VAT \(quote.taxRate) (\(country))", price(quote.tax, glyphs), .muted))
    if quote.requiresShipping {
      amounts.append(("Shipping", price(quote.shipping, glyphs), .muted))
    }
    amounts.append(("Total", price(quote.total, glyphs), .accent))
    for (label, amount, slot) in amounts {
      lines += Self.amountLines(label, amount, width: width).map { ($0, slot) }
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

  /// An expiry as printed on cards: MM/YY.
  static func expiry(_ month: YearMonth) -> String {
    let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
    return "\(twoDigits(month.month))/\(twoDigits(month.year % 100))"
  }

  /// The rows of the search form above a found order: a heading, a blank row, the two
  /// fields and a blank row.
  static let findOrderFormRows = 5

  func drawFindOrder(_ painter: inout Painter) {
    painter.line("Find an order by its number and the email address it was placed with.", .accent)
    painter.blank()
    let width = fieldWidth(painter)
    for field in FindOrderForm.Field.allCases {
      let focused = findOrder.focus == field
      let value = field == .number ? findOrder.number : findOrder.email
      label(field == .number ? "Order number" : "Email", required: true, &painter)
      painter.field(value, at: Self.labelWidth, width: width, focused: focused)
      painter.row += 1
    }
    painter.blank()
    if findOrder.isSearching {
      painter.line("Looking the order up…", .muted)
    } else if let error = findOrder.error {
      painter.paragraph(error, .error)
    } else if let result = findOrder.result {
      if let order = result {
        drawScrolling(
          receiptLines(order, glyphs: painter.glyphs), scroll: findOrder.scroll,
          keys: "PgUp/PgDn", &painter)
      } else {
        painter.paragraph(
          "No order has that number and email address. Check both; the number is on the receipt.",
          .warning)
      }
    }
  }
}

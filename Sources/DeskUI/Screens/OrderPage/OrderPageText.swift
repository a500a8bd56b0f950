import DeskTheme
import OrderCore

/// An order's page as text for staff: the order, its customer, payment and fulfilment, who
/// entered it and the note, and the timeline of every event.
///
/// Card data is what the merchant side may see, brand, last four and expiry; licence keys are
/// masked but for their last group, as staff have no need to read one out.
enum OrderPageText {
  static func lines(_ page: OrderPage, glyphs: Glyphs, columns: Int) -> [(String, ThemeSlot)] {
    let order = page.order
    let separator = " \(glyphs[.separator]) "
    let dots = glyphs.unicode ? "••••" : "****"
    var lines: [(String, ThemeSlot)] = []
    let paid = order.payment == .authorized || order.payment == .captured
    lines.append(
      (
        "\(glyphs[paid ? .valid : .invalid]) Order \(order.number)\(separator)"
          + "\(order.status.rawValue)\(separator)payment \(order.payment.displayName)",
        paid ? .success : .warning
      ))
    var origin =
      "\(OrderText.sourceName(order.source)), placed "
      + "\(TextLayout.dateTime(epochSeconds: order.createdAt)) UTC"
    if let enteredBy = page.enteredBy { origin += ", entered by \(enteredBy)" }
    lines.append((origin, .muted))
    if !page.note.isEmpty { lines.append(("Note: \(page.note)", .text)) }
    lines.append(("", .text))
    let customer = page.customer
    let country =
      Countries.country(code: customer.address.country)?.name ?? customer.address.country
    let contact = [customer.phone, country].filter { !$0.isEmpty }
    lines.append(
      (
        "Customer  \(customer.name) <\(customer.email)>"
          + contact.map { separator + $0 }.joined(), .text
      ))
    lines.append(
      (
        "Payment   \(order.card.brand.displayName) \(dots) \(order.card.lastFour), expires "
          + "\(OrderText.expiry(order.card.expiry))\(separator)\(order.payment.displayName)", .text
      ))
    if !page.refunded.isZero {
      lines.append(
        (
          "Refunded  \(glyphs.price(page.refunded)) of \(glyphs.price(order.quote.total)); "
            + "\(glyphs.price(page.refundable)) can still be refunded", .warning
        ))
    }
    lines.append(("", .text))
    let quote = order.quote
    let width = min(OrderText.receiptWidth, columns - 3)
    var amounts: [(String, String, ThemeSlot)] = quote.lines.map {
      ("\($0.quantity) × \($0.name)", glyphs.price($0.lineTotal), .text)
    }
    amounts.append(("Subtotal", glyphs.price(quote.subtotal), .muted))
    let taxCountry = Countries.country(code: quote.country)?.name ?? quote.country
    amounts.append(("VAT \(quote.taxRate) (\(taxCountry))", glyphs.price(quote.tax), .muted))
    if quote.requiresShipping {
      amounts.append(("Shipping", glyphs.price(quote.shipping), .muted))
    }
    amounts.append(("Total", glyphs.price(quote.total), .accent))
    for (label, amount, slot) in amounts {
      lines += OrderText.amountLines(label, amount, width: width).map { ($0, slot) }
    }
    if !order.fulfilments.isEmpty {
      lines.append(("", .text))
      lines.append(("Fulfilment", .accent))
      for fulfilment in order.fulfilments {
        let name =
          quote.lines.first { $0.sku == fulfilment.sku }?.name ?? fulfilment.sku.value
        let link =
          order.payment == .refunded
          ? "download link stopped (refunded)"
          : "download link valid until "
            + TextLayout.date(epochSeconds: fulfilment.downloadExpiresAt)
        lines.append(
          (
            "  \(name): licence \(maskedLicence(fulfilment.licenceKey, bullet: dots.first ?? "*"))"
              + ", \(link)", .text
          ))
      }
    }
    lines.append(("", .text))
    lines.append(("Timeline", .accent))
    let widths = timelineWidths(columns)
    lines.append((timelineRow(["When (UTC)", "Who", "What", "From", "Amount"], widths), .muted))
    for entry in page.timeline {
      lines.append(
        (
          timelineRow(
            [
              TextLayout.dateTime(epochSeconds: entry.at), entry.who, entry.what, entry.origin,
              entry.amount.map { glyphs.price($0) } ?? "",
            ], widths), .text
        ))
      if !entry.detail.isEmpty { lines.append(("    \(entry.detail)", .muted)) }
    }
    return lines
  }

  /// A licence key with every letter and digit hidden but those of its last group.
  static func maskedLicence(_ key: String, bullet: Character) -> String {
    let lastGroup = key.split(separator: "-").last.map(String.init) ?? ""
    let hidden = key.dropLast(lastGroup.count).map { $0 == "-" ? $0 : bullet }
    return String(hidden) + lastGroup
  }

  /// The widths of the timeline's columns: when, who, what, from, amount.
  static func timelineWidths(_ columns: Int) -> [Int] {
    let room = max(40, columns - 3)
    let what = max(8, room - 16 - 12 - 14 - 10 - 4)
    return [16, 12, what, 14, 10]
  }

  static func timelineRow(_ texts: [String], _ widths: [Int]) -> String {
    zip(texts, widths).enumerated().map { index, pair in
      index == 4 ? TextLayout.right(pair.0, pair.1) : TextLayout.fit(pair.0, pair.1)
    }.joined(separator: " ")
  }
}

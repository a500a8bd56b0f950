import DeskTheme
import OrderCore

/// The last step before the order is placed: everything as it will be sent.
///
/// It keeps nothing of its own; what it shows comes from the steps before.
struct ReviewScreen: Sendable, Hashable {
  /// What the review says when an Enter typed before it was on the screen is not taken.
  static let typedAheadEnter =
    "Not placed: that Enter was typed before the review was on the screen. Check the order, "
    + "then press Enter to place it."
}

extension ReviewScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    switch key {
    case .enter:
      // The one key no one may type ahead: the order is placed only by someone who has seen
      // the review, drawn with its totals, before pressing Enter.
      guard context.hasBeenDrawn else { return [.say(Self.typedAheadEnter, .warning)] }
      return [.submitOrder]
    case .escape: return [.go(.payment)]
    default: return []
    }
  }

  /// The totals decide what Enter agrees to pay.
  func awaitsAnswer(_ context: ScreenContext) -> Bool {
    if case .loading = context.quote { return true }
    return false
  }

  func render(_ context: ScreenContext, into painter: inout Painter) {
    let glyphs = painter.glyphs
    let security = context.security
    guard let catalog = context.catalog else { return }
    // Each line's total ends in the column of the totals below it: the service's, once it
    // has quoted them, so that the lines add up to its subtotal.
    let quoted: [SKU: Money]
    if case .ready(let quote) = context.quote {
      quoted = Dictionary(quote.lines.map { ($0.sku, $0.lineTotal) }) { first, _ in first }
    } else {
      quoted = [:]
    }
    for line in context.cart.lines {
      let item = catalog.item(for: line.sku)
      let total =
        quoted[line.sku]
        ?? item?.price(in: context.currency).flatMap { try? $0.multiplied(by: line.quantity) }
      painter.amount(
        "\(line.quantity) × \(item?.name ?? line.sku.value)",
        total.map { glyphs.price($0) } ?? "", labelSlot: .text, width: painter.columns - 3)
    }
    painter.totals(context)
    painter.blank()
    // As it will be sent: surrounding spaces trimmed.
    let customer = context.customer.normalised()
    painter.pair("Customer", "\(customer.name) <\(customer.email)>")
    if !customer.phone.isEmpty { painter.pair("Phone", customer.phone) }
    let country = context.customerCountry.flatMap { Countries.country(code: $0) }?.name ?? ""
    if context.needsShipping {
      let address = customer.address
      let lines = [address.line1, address.line2, "\(address.postalCode) \(address.city)", country]
      painter.pair(
        "Ship to", lines.filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: ", "))
    } else {
      painter.pair("Country", country)
    }
    if let sealed = context.sealedCard {
      painter.pair("Card", sealed.described(glyphs) + " (sealed for the vault)")
    }
    if context.takesNote {
      painter.pair("Source", context.orderSource.displayName)
      if !context.orderNote.isEmpty { painter.pair("Note", context.orderNote) }
    }
    let lock = security.lockLabel(glyphs: glyphs)
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
        "Enter places the order. Keys typed before this screen appeared do not.", .accent)
      painter.paragraph("It is charged once, however often Enter is pressed.", .accent)
    } else {
      painter.paragraph(
        "The order cannot be sent until the channel is secure: \(security.cardRefusal)", .warning)
    }
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    return "\(enter) Place order  Esc Back  F2 Lock"
  }
}

import DeskTheme
import OrderCore

extension DeskState {
  static let labelWidth = 17

  func fieldWidth(_ painter: Painter) -> Int {
    min(42, painter.columns - Self.labelWidth - 14)
  }

  func label(_ text: String, required: Bool, _ painter: inout Painter) {
    let mark = required ? " " + painter.glyphs[.required] : ""
    painter.grid.put(text + mark, row: painter.row, column: 2, slot: .text)
  }

  func fieldError(_ message: String?, _ painter: inout Painter) {
    guard let message else { return }
    painter.grid.put(
      painter.glyphs[.invalid] + " " + message, row: painter.row, column: Self.labelWidth + 2,
      slot: .error, maxWidth: painter.columns - Self.labelWidth - 3)
    painter.row += 1
  }

  func drawDetails(_ painter: inout Painter) {
    let shipping = needsShippingAddress
    painter.grid.put(
      "\(painter.glyphs[.required]) required", row: painter.row,
      column: max(1, painter.columns - 14), slot: .muted)
    painter.line(shipping ? "Customer and shipping address" : "Customer", .accent)
    painter.blank()
    let width = fieldWidth(painter)
    for field in detailsFields {
      guard painter.hasRoom else { break }
      let focused = details.focus == field
      label(
        field.label,
        required: DetailsForm.isRequired(field, shipping: shipping, country: details.countryCode),
        &painter)
      let window = details[field].window(width: width)
      painter.field(
        at: Self.labelWidth, width: width, text: window.text, cursorColumn: window.cursorColumn,
        focused: focused)
      if field == .country, details.countryCode != nil {
        painter.grid.put(
          painter.glyphs[.valid], row: painter.row, column: Self.labelWidth + width + 3,
          slot: .success)
      }
      painter.row += 1
      if focused, field == .country {
        for (index, country) in details.countrySuggestions.enumerated() {
          let highlighted = index == details.suggestion
          let mark = highlighted ? painter.glyphs[.pointer] + " " : "  "
          painter.grid.put(
            mark + country.description, row: painter.row, column: Self.labelWidth + 1,
            slot: highlighted ? .selection : .muted, maxWidth: width)
          painter.row += 1
        }
      }
      fieldError(details.errors[field], &painter)
    }
  }

  func drawPayment(_ painter: inout Painter) {
    let glyphs = painter.glyphs
    if let decline = payment.decline {
      painter.paragraph(
        "\(glyphs[.invalid]) The card was declined: \(decline.message) Check the details with "
          + "the customer, or use another card.", .error)
      painter.blank()
    }
    if let sealed = payment.sealed {
      painter.line("\(glyphs[.valid]) Card sealed for the vault", .success)
      painter.blank()
      painter.pair("Card", cardSummary(sealed, glyphs))
      painter.pair("Name on card", sealed.name)
      painter.blank()
      painter.paragraph(
        "Only the vault can open the sealed card. This desk has wiped its copy of the digits; "
          + "from here on only the brand and last four are shown.", .muted)
      painter.blank()
      painter.line("Enter reviews the order. Delete discards this card to enter another.", .accent)
      return
    }
    guard security.permitsCardEntry else {
      let lock = lockLabel(glyphs: glyphs)
      painter.line("\(lock.text): card entry is turned off", lock.slot)
      painter.blank()
      painter.paragraph("No card details can be typed here: \(security.cardRefusal)", .warning)
      painter.blank()
      painter.paragraph(
        "Press F2 for the connection's details, or Esc to go back. The order can be placed once "
          + "the desk is pointed at a secure order service.", .muted)
      return
    }
    painter.line("Payment card", .accent)
    painter.blank()
    let width = min(fieldWidth(painter), 24)
    let check = payment.numberCheck
    for field in PaymentForm.Field.allCases {
      guard painter.hasRoom else { break }
      let focused = payment.focus == field
      label(field.label, required: true, &painter)
      switch field {
      case .number:
        let shown = cardNumberText(glyphs)
        painter.field(
          at: Self.labelWidth, width: width, text: shown.text, cursorColumn: shown.cursor,
          focused: focused)
        if !payment.number.isEmpty {
          let brand = check.brand?.displayName ?? "Unknown brand"
          let mark: String
          let slot: ThemeSlot
          // Shorter numbers may still grow into a valid length, so the checksum is judged at 16
          // digits or at the brand's longest.
          let longEnough =
            payment.number.count >= 16 || payment.number.count == check.brand?.maximumLength
          switch check.status {
          case .valid: (mark, slot) = (glyphs[.valid] + " " + brand, .success)
          case .incomplete where longEnough && !check.luhnValid:
            (mark, slot) = (glyphs[.invalid] + " " + brand + ", checksum wrong", .error)
          case .incomplete, .empty: (mark, slot) = (brand, .muted)
          case .invalid: (mark, slot) = (glyphs[.invalid] + " " + brand, .error)
          }
          painter.grid.put(
            mark, row: painter.row, column: Self.labelWidth + width + 3, slot: slot,
            maxWidth: painter.columns - Self.labelWidth - width - 4)
        }
      case .expiry:
        let window = payment.expiry.window(width: 6)
        painter.field(
          at: Self.labelWidth, width: 6, text: window.text, cursorColumn: window.cursorColumn,
          focused: focused)
        painter.grid.put(
          "MM/YY", row: painter.row, column: Self.labelWidth + 10, slot: .muted)
      case .cvc:
        // The CVC is never shown, not even masked digit by digit beyond how many there are.
        let dots = String(repeating: glyphs.unicode ? "•" : "*", count: payment.cvc.count)
        painter.field(
          at: Self.labelWidth, width: 6, text: dots, cursorColumn: payment.cvc.cursor,
          focused: focused)
        painter.grid.put(
          "\(check.brand?.cvcLength ?? 3) digits on the back", row: painter.row,
          column: Self.labelWidth + 10, slot: .muted)
      case .name:
        let window = payment.name.window(width: width)
        painter.field(
          at: Self.labelWidth, width: width, text: window.text, cursorColumn: window.cursorColumn,
          focused: focused)
      }
      painter.row += 1
      fieldError(payment.errors[field], &painter)
    }
    painter.blank()
    if payment.isSealing {
      painter.line("Sealing the card for the vault…", .accent)
    } else if payment.sealIsWaitingForChannel {
      painter.paragraph(
        "The card is complete and waits for a secure connection before it is sealed.", .warning)
    } else if payment.isRevealed {
      painter.line("The number is shown for 5 seconds, to read it back.", .warning)
    } else {
      painter.paragraph(
        "Ctrl-R shows the number for 5 seconds, to read it back to a caller. When the card is "
          + "complete it is sealed to the vault's key and the digits are wiped from this desk.",
        .muted)
    }
  }

  /// The card number as drawn: masked (or shown for reading back), grouped by brand, and the
  /// cursor's column in it.
  func cardNumberText(_ glyphs: Glyphs) -> (text: String, cursor: Int) {
    let brand = payment.numberCheck.brand
    let text = payment.number.digits.withUnsafeBytes { digits in
      payment.isRevealed
        ? CardNumberRules.grouped(digits: digits, brand: brand)
        : CardNumberRules.masked(digits: digits, brand: brand, ascii: !glyphs.unicode)
    }
    var column = 0
    var seen = 0
    for character in text {
      if seen == payment.number.cursor { break }
      if character != " " { seen += 1 }
      column += 1
    }
    return (text, column)
  }

  func cardSummary(_ sealed: PaymentForm.SealedSummary, _ glyphs: Glyphs) -> String {
    let dots = glyphs.unicode ? "••••" : "****"
    let brand = sealed.brand?.displayName ?? "Card"
    return "\(brand) \(dots) \(sealed.lastFour), expires \(sealed.expiry)"
  }
}

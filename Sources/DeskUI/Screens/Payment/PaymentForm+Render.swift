import DeskTheme
import OrderCore

extension PaymentForm {
  func render(_ context: ScreenContext, into painter: inout Painter) {
    let glyphs = painter.glyphs
    let security = context.security
    if let decline {
      // The service's message gives the reason and what to do; it is shown as it is.
      painter.line("\(glyphs[.invalid]) Payment declined", .error)
      painter.paragraph(decline.message, .error)
      painter.blank()
    }
    if let sealed {
      painter.line("\(glyphs[.valid]) Card sealed for the vault", .success)
      painter.blank()
      painter.pair("Card", sealed.described(glyphs))
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
      let lock = security.lockLabel(glyphs: glyphs)
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
    let labelWidth = FormLayout.labelWidth
    let width = min(FormLayout.fieldWidth(columns: painter.columns), 24)
    let check = numberCheck
    let fields = Field.allCases
    let errors = fields.map { self.errors[$0] }
    // The note below the fields keeps a blank row and one of text; errors come first.
    let errorLines = FormLayout.fieldErrorLines(
      errors, columns: painter.columns,
      spare: painter.rowsLeft - fields.count - errors.count { $0 != nil } - 2)
    let shown = FormLayout.shownFields(
      heights: errorLines.map { 1 + $0.count },
      focus: fields.firstIndex { $0 == focus } ?? 0,
      rows: painter.rowsLeft - 2)
    for index in shown {
      let field = fields[index]
      let focused = focus == field
      painter.label(field.label, required: true)
      switch field {
      case .number:
        drawCardNumber(width: width, focused: focused, &painter)
        if !number.isEmpty {
          let brand = check.brand?.displayName ?? "Unknown brand"
          let mark: String
          let slot: ThemeSlot
          switch check.status {
          case .valid where numberIsWhole:
            (mark, slot) = (glyphs[.valid] + " " + brand, .success)
          case .valid: (mark, slot) = (brand, .muted)
          case .incomplete where check.checksumIsWrong(digitCount: number.count):
            (mark, slot) = (glyphs[.invalid] + " " + brand + ", checksum wrong", .error)
          case .incomplete, .empty: (mark, slot) = (brand, .muted)
          case .invalid: (mark, slot) = (glyphs[.invalid] + " " + brand, .error)
          }
          painter.grid.put(
            mark, row: painter.row, column: labelWidth + width + 3, slot: slot,
            maxWidth: painter.columns - labelWidth - width - 4)
        }
      case .expiry:
        painter.field(expiry, at: labelWidth, width: 6, focused: focused)
        painter.grid.put("MM/YY", row: painter.row, column: labelWidth + 10, slot: .muted)
      case .cvc:
        // The CVC is never shown, not even masked digit by digit beyond how many there are.
        let dots = String(repeating: painter.bullet, count: cvc.count)
        painter.field(
          at: labelWidth, width: 6, text: dots, cursorColumn: cvc.cursor, focused: focused)
        painter.grid.put(
          "\(check.brand?.cvcLength ?? 3) digits on the back", row: painter.row,
          column: labelWidth + 10, slot: .muted)
      case .name:
        painter.field(name, at: labelWidth, width: width, focused: focused)
      }
      painter.row += 1
      painter.fieldError(errorLines[index])
    }
    painter.fieldsNote(shown, of: fields.count)
    painter.blank()
    switch stage {
    case .sealing:
      painter.line("Sealing the card for the vault…", .accent)
    case .waitingForSecureChannel:
      painter.paragraph(
        "The card is complete and waits for a secure connection before it is sealed.", .warning)
    case .typing, .sealed:
      if isRevealed {
        painter.line("The number is shown for 5 seconds, to read it back.", .warning)
      } else {
        let note =
          "Ctrl-R shows the number for 5 seconds, to read it back to a caller. When the card is "
          + "complete it is sealed to the vault's key and the digits are wiped from this desk."
        if TextLayout.wrap(note, width: painter.columns - 2).count <= painter.rowsLeft {
          painter.paragraph(note, .muted)
        } else {
          painter.line("Ctrl-R shows the number for 5 seconds.", .muted)
        }
      }
    }
  }

  /// The card number field: bullets in the brand's groups while the number is typed, the
  /// last four once it is whole, every digit while it is read back; digits go from the secret
  /// buffer straight into cells.
  func drawCardNumber(width: Int, focused: Bool, _ painter: inout Painter) {
    let cells = CardNumberCells(digitCount: number.count, brand: numberCheck.brand)
    painter.field(
      at: FormLayout.labelWidth, width: width, text: "",
      cursorColumn: cells.cursorColumn(before: number.cursor), focused: focused)
    guard painter.hasRoom else { return }
    let showing: CardNumberCells.Showing =
      isRevealed ? .everything : numberIsWhole ? .lastFour : .nothing
    cells.draw(
      number.digits, showing: showing, mask: painter.glyphs.unicode ? "•" : "*",
      into: &painter.grid, row: painter.row, column: FormLayout.labelWidth + 1, maxWidth: width,
      slot: focused ? .focus : .field)
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    if sealed != nil {
      return "\(enter) Review  Del Other card  Esc Back  F2 Lock"
    }
    if !context.security.permitsCardEntry {
      return "Esc Back  F2 Lock details  F1 Help"
    }
    return "Tab Next  ^R Show number  Esc Back  F2 Lock"
  }
}

extension PaymentForm.SealedSummary {
  /// The card as shown once sealed: brand, last four and expiry.
  func described(_ glyphs: Glyphs) -> String {
    let dots = glyphs.unicode ? "••••" : "****"
    return "\(brand?.displayName ?? "Card") \(dots) \(lastFour), expires \(expiry)"
  }
}

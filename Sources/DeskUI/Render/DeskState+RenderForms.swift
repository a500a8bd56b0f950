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

  /// The width a field's error is wrapped to, beside its mark and under its field.
  static func fieldErrorWidth(columns: Int) -> Int { columns - labelWidth - 5 }

  /// The lines each of `messages` is drawn in under its field: one row each, and then the
  /// `spare` rows, in order, to the messages that need more to be read whole; a message cut
  /// short ends in "…".
  static func fieldErrorLines(_ messages: [String?], columns: Int, spare: Int) -> [[String]] {
    let width = fieldErrorWidth(columns: columns)
    var spare = spare
    return messages.map { message in
      guard let message else { return [] }
      let lines = TextLayout.wrap(message, width: width)
      let rows = 1 + min(max(0, lines.count - 1), max(0, spare))
      spare -= rows - 1
      return TextLayout.limit(lines, width: width, to: rows)
    }
  }

  /// Draws a field's error, as ``fieldErrorLines(_:columns:spare:)`` made it, under the field.
  func fieldError(_ lines: [String], _ painter: inout Painter) {
    let width = Self.fieldErrorWidth(columns: painter.columns)
    for (index, line) in lines.enumerated() {
      guard painter.hasRoom else { return }
      let mark = index == 0 ? painter.glyphs[.invalid] + " " : "  "
      painter.grid.put(
        mark + line, row: painter.row, column: Self.labelWidth + 2, slot: .error,
        maxWidth: width + 2)
      painter.row += 1
    }
  }

  func drawDetails(_ painter: inout Painter) {
    let shipping = needsShippingAddress
    painter.grid.put(
      "\(painter.glyphs[.required]) required", row: painter.row,
      column: max(1, painter.columns - 14), slot: .muted)
    painter.line(shipping ? "Customer and shipping address" : "Customer", .accent)
    painter.blank()
    let width = fieldWidth(painter)
    let fields = detailsFields
    let suggestions = details.focus == .country ? details.countrySuggestions.count : 0
    let errors = fields.map { details.errors[$0] }
    let errorLines = Self.fieldErrorLines(
      errors, columns: painter.columns,
      spare: painter.rowsLeft - fields.count - suggestions - errors.count { $0 != nil })
    let heights = fields.indices.map { index in
      1 + (fields[index] == details.focus ? suggestions : 0) + errorLines[index].count
    }
    let shown = Self.shownFields(
      heights: heights, focus: fields.firstIndex { $0 == details.focus } ?? 0,
      rows: painter.rowsLeft)
    for index in shown {
      let field = fields[index]
      let focused = details.focus == field
      label(
        field.label,
        required: DetailsForm.isRequired(field, shipping: shipping, country: details.countryCode),
        &painter)
      painter.field(details[field], at: Self.labelWidth, width: width, focused: focused)
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
      fieldError(errorLines[index], &painter)
    }
    fieldsNote(shown, of: fields.count, &painter)
  }

  /// The fields of a form drawn in `rows` rows, given the rows each takes (`heights`): all of
  /// them when they fit; else, leaving a row for ``fieldsNote(_:of:_:)``, as many as fit from
  /// the first, or those that end at the focused field (`focus`) when it would not be seen.
  static func shownFields(heights: [Int], focus: Int, rows: Int) -> Range<Int> {
    guard heights.reduce(0, +) > rows else { return heights.indices }
    let room = rows - 1
    var first = 0
    while first < focus, heights[first...focus].reduce(0, +) > room { first += 1 }
    var end = first
    var used = 0
    while end < heights.count, end <= focus || used + heights[end] <= room {
      used += heights[end]
      end += 1
    }
    return first..<end
  }

  /// When a form shows only some of its fields (`shown`), says which on the next row.
  func fieldsNote(_ shown: Range<Int>, of count: Int, _ painter: inout Painter) {
    guard shown.count < count else { return }
    let note =
      "\(painter.glyphs[.up])\(painter.glyphs[.down]) fields \(shown.lowerBound + 1)–"
      + "\(shown.upperBound) of \(count)"
    painter.grid.put(
      note, row: painter.row, column: painter.columns - TerminalText.displayWidth(note) - 2,
      slot: .muted)
    painter.row += 1
  }

  func drawPayment(_ painter: inout Painter) {
    let glyphs = painter.glyphs
    if let decline = payment.decline {
      // The service's message gives the reason and what to do; it is shown as it is.
      painter.line("\(glyphs[.invalid]) Payment declined", .error)
      painter.paragraph(decline.message, .error)
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
    let fields = PaymentForm.Field.allCases
    let errors = fields.map { payment.errors[$0] }
    // The note below the fields keeps a blank row and one of text; errors come first.
    let errorLines = Self.fieldErrorLines(
      errors, columns: painter.columns,
      spare: painter.rowsLeft - fields.count - errors.count { $0 != nil } - 2)
    let shown = Self.shownFields(
      heights: errorLines.map { 1 + $0.count },
      focus: fields.firstIndex { $0 == payment.focus } ?? 0,
      rows: painter.rowsLeft - 2)
    for index in shown {
      let field = fields[index]
      let focused = payment.focus == field
      label(field.label, required: true, &painter)
      switch field {
      case .number:
        drawCardNumber(width: width, focused: focused, &painter)
        if !payment.number.isEmpty {
          let brand = check.brand?.displayName ?? "Unknown brand"
          let mark: String
          let slot: ThemeSlot
          switch check.status {
          case .valid where payment.numberIsWhole:
            (mark, slot) = (glyphs[.valid] + " " + brand, .success)
          case .valid: (mark, slot) = (brand, .muted)
          case .incomplete where check.checksumIsWrong(digitCount: payment.number.count):
            (mark, slot) = (glyphs[.invalid] + " " + brand + ", checksum wrong", .error)
          case .incomplete, .empty: (mark, slot) = (brand, .muted)
          case .invalid: (mark, slot) = (glyphs[.invalid] + " " + brand, .error)
          }
          painter.grid.put(
            mark, row: painter.row, column: Self.labelWidth + width + 3, slot: slot,
            maxWidth: painter.columns - Self.labelWidth - width - 4)
        }
      case .expiry:
        painter.field(payment.expiry, at: Self.labelWidth, width: 6, focused: focused)
        painter.grid.put(
          "MM/YY", row: painter.row, column: Self.labelWidth + 10, slot: .muted)
      case .cvc:
        // The CVC is never shown, not even masked digit by digit beyond how many there are.
        let dots = String(repeating: painter.bullet, count: payment.cvc.count)
        painter.field(
          at: Self.labelWidth, width: 6, text: dots, cursorColumn: payment.cvc.cursor,
          focused: focused)
        painter.grid.put(
          "\(check.brand?.cvcLength ?? 3) digits on the back", row: painter.row,
          column: Self.labelWidth + 10, slot: .muted)
      case .name:
        painter.field(payment.name, at: Self.labelWidth, width: width, focused: focused)
      }
      painter.row += 1
      fieldError(errorLines[index], &painter)
    }
    fieldsNote(shown, of: fields.count, &painter)
    painter.blank()
    if payment.isSealing {
      painter.line("Sealing the card for the vault…", .accent)
    } else if payment.sealIsWaitingForChannel {
      painter.paragraph(
        "The card is complete and waits for a secure connection before it is sealed.", .warning)
    } else if payment.isRevealed {
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

  /// The card number field: bullets in the brand's groups while the number is typed, the
  /// last four once it is whole, every digit while it is read back; digits go from the secret
  /// buffer straight into cells.
  func drawCardNumber(width: Int, focused: Bool, _ painter: inout Painter) {
    let cells = CardNumberCells(
      digitCount: payment.number.count, brand: payment.numberCheck.brand)
    painter.field(
      at: Self.labelWidth, width: width, text: "",
      cursorColumn: cells.cursorColumn(before: payment.number.cursor), focused: focused)
    guard painter.hasRoom else { return }
    let showing: CardNumberCells.Showing =
      payment.isRevealed ? .everything : payment.numberIsWhole ? .lastFour : .nothing
    cells.draw(
      payment.number.digits, showing: showing, mask: painter.glyphs.unicode ? "•" : "*",
      into: &painter.grid, row: painter.row, column: Self.labelWidth + 1, maxWidth: width,
      slot: focused ? .focus : .field)
  }

  func cardSummary(_ sealed: PaymentForm.SealedSummary, _ glyphs: Glyphs) -> String {
    let dots = glyphs.unicode ? "••••" : "****"
    let brand = sealed.brand?.displayName ?? "Card"
    return "\(brand) \(dots) \(sealed.lastFour), expires \(sealed.expiry)"
  }
}

import DeskTheme
import OrderCore

extension DetailsForm {
  func render(_ context: ScreenContext, into painter: inout Painter) {
    let shipping = context.needsShipping
    let labelWidth = FormLayout.labelWidth
    painter.grid.put(
      "\(painter.glyphs[.required]) required", row: painter.row,
      column: max(1, painter.columns - 14), slot: .muted)
    painter.line(shipping ? "Customer and shipping address" : "Customer", .accent)
    painter.blank()
    let width = FormLayout.fieldWidth(columns: painter.columns)
    let fields = Self.visibleFields(shipping: shipping, note: context.takesNote)
    let suggestions = focus == .country ? countrySuggestions.count : 0
    let errors = fields.map { self.errors[$0] }
    let errorLines = FormLayout.fieldErrorLines(
      errors, columns: painter.columns,
      spare: painter.rowsLeft - fields.count - suggestions - errors.count { $0 != nil })
    let heights = fields.indices.map { index in
      1 + (fields[index] == focus ? suggestions : 0) + errorLines[index].count
    }
    let shown = FormLayout.shownFields(
      heights: heights, focus: fields.firstIndex { $0 == focus } ?? 0, rows: painter.rowsLeft)
    for index in shown {
      let field = fields[index]
      let focused = focus == field
      painter.label(
        field.label, required: Self.isRequired(field, shipping: shipping, country: countryCode))
      painter.field(self[field], at: labelWidth, width: width, focused: focused)
      if field == .country, countryCode != nil {
        painter.grid.put(
          painter.glyphs[.valid], row: painter.row, column: labelWidth + width + 3,
          slot: .success)
      }
      painter.row += 1
      if focused, field == .country {
        for (index, country) in countrySuggestions.enumerated() {
          let highlighted = index == suggestion
          let mark = highlighted ? painter.glyphs[.pointer] + " " : "  "
          painter.grid.put(
            mark + country.description, row: painter.row, column: labelWidth + 1,
            slot: highlighted ? .selection : .muted, maxWidth: width)
          painter.row += 1
        }
      }
      painter.fieldError(errorLines[index])
    }
    painter.fieldsNote(shown, of: fields.count)
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    return "Tab Next  \(enter) Next  Esc Back  F1 Help  F2 Lock"
  }
}

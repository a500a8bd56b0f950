import OrderCore

/// Makes the text fields of an audit record safe to keep and to show.
///
/// A card number, however it is spelled (the product's one `CardNumberScanner`), is replaced
/// by `[card number]` before anything is cut or stored, so no record can hold one, whole or
/// in part; controls (escape sequences, line breaks, bidi overrides) become visible stand-ins
/// so a listing cannot be forged or garbled by what someone typed; and the text is cut to its
/// field's length.
enum AuditText {
  /// The most characters of a record's detail.
  static let detailLength = 500
  /// The most characters of an actor or an origin.
  static let shortFieldLength = 128
  /// What stands in for a card number.
  static let cardNumberStandIn = "[card number]"

  /// `text` with card numbers replaced, controls neutralised and cut to `length`
  /// characters (the last one an ellipsis when cut).
  static func cleaned(_ text: String, length: Int) -> String {
    var kept = TerminalText.neutralised(redacted(text))
    if kept.count > length {
      kept = String(kept.prefix(length - 1)) + "…"
    }
    // Cutting cannot make a card number, but the guarantee is checked, not assumed.
    return CardNumberScanner.containsCardNumber(kept) ? cardNumberStandIn : kept
  }

  /// `text` with every card number in it replaced.
  static func redacted(_ text: String) -> String {
    let ranges = CardNumberScanner.cardNumbers(in: text)
    guard !ranges.isEmpty else { return text }
    var kept = ""
    var rest = text.startIndex
    for range in ranges {
      kept += text[rest..<range.lowerBound] + cardNumberStandIn
      rest = range.upperBound
    }
    return kept + text[rest...]
  }
}

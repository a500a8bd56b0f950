import OrderCore

/// Makes the text fields of an audit record safe to keep and to show.
///
/// A card number, however it is spelled, is replaced by `[card number]` (the product's one
/// `CardNumberScanner`) before anything is cut or stored, so no record can hold one, whole or
/// in part; controls (escape sequences, line breaks, bidi overrides) become visible stand-ins
/// so a listing cannot be forged or garbled by what someone typed; and the text is cut to its
/// field's length.
enum AuditText {
  /// The most characters of a record's detail.
  static let detailLength = 500
  /// The most characters of an actor or an origin.
  static let shortFieldLength = 128

  /// `text` with card numbers replaced, controls neutralised and cut to `length`
  /// characters (the last one an ellipsis when cut).
  static func cleaned(_ text: String, length: Int) -> String {
    var kept = TerminalText.neutralised(CardNumberScanner.redacted(text))
    if kept.count > length {
      kept = String(kept.prefix(length - 1)) + "…"
    }
    // Cutting cannot make a card number, but the guarantee is checked, not assumed.
    return CardNumberScanner.containsCardNumber(kept) ? CardNumberScanner.standIn : kept
  }
}

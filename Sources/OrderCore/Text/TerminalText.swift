/// Makes text from people and services safe to draw on a terminal.
///
/// Every string that comes from a person or a service passes through ``neutralised(_:)``
/// before the desk draws it. A terminal acts on control characters instead of showing them:
/// ESC starts CSI and OSC sequences that can clear the screen, move the cursor, retitle the
/// window or write to the clipboard; C1 controls are 8-bit forms of the same; bidi overrides
/// and isolates reorder what follows them, so a line can read differently from what it holds.
///
/// Stand-ins, chosen so that each replaced scalar stays visible, takes one cell and can
/// never act:
/// - C0 controls U+0000–U+001F become their Unicode control pictures U+2400–U+241F
///   (ESC shows as `␛`, BEL as `␇`, line feed as `␊`), DEL becomes `␡` (U+2421). Control
///   pictures say which control it was, which helps support staff, and unlike caret
///   notation (`^[`) they cannot be confused with text someone typed.
/// - C1 controls U+0080–U+009F and the bidi controls U+202A–U+202E and U+2066–U+2069
///   become U+FFFD `�`; Unicode has no pictures for them.
///
/// Everything else, including wide (CJK) characters, emoji and combining marks, is kept
/// as it is.
public enum TerminalText {
  /// The stand-in for C1 and bidi controls, which have no control picture.
  static let replacementCharacter: Unicode.Scalar = "\u{FFFD}"

  /// Whether the terminal would act on `scalar` instead of showing it.
  ///
  /// True for C0 controls (including ESC, tab and line feed), DEL, C1 controls, and the bidi
  /// embedding, override and isolate controls.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// Whether `text` holds any scalar that ``isControl(_:)`` refuses to draw.
  public static func containsControls(_ text: String) -> Bool {
    text.unicodeScalars.contains(where: isControl)
  }

  /// `text` with every control replaced by a visible, harmless stand-in.
  ///
  /// The result never contains a control, so neutralising twice changes nothing, and it has
  /// the same number of Unicode scalars as `text`.
  public static func neutralised(_ text: String) -> String {
    guard containsControls(text) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      result.append(isControl(scalar) ? standIn(for: scalar) : scalar)
    }
    return String(result)
  }

  /// The visible scalar drawn in place of the control `scalar`.
  static func standIn(for scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0x00...0x1F: Unicode.Scalar(0x2400 + scalar.value) ?? replacementCharacter
    case 0x7F: "\u{2421}"
    default: replacementCharacter
    }
  }
}

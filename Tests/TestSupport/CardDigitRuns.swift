/// Finds more than six digits of a card number in a row in screen text: a grid's lines or a
/// captured terminal pane, however the digits are spaced, dashed, dotted or coloured.
public enum CardDigitRuns {
  /// The most digits of a card number in a row that a screen may show.
  public static let allowed = 6

  /// Whether a line of `text` shows more than ``allowed`` digits of `number` in a row, with
  /// spaces, dashes, dots or slashes between them or not, and terminal escapes left out.
  public static func shows(_ number: String, in text: String) -> Bool {
    guard number.count > allowed else { return false }
    let plain = text.replacing(/\u{1B}\[[0-9;:?<=>]*[ -\/]*[@-~]/, with: "")
    let windows = Set(
      (0...(number.count - allowed - 1)).map {
        String(number.dropFirst($0).prefix(allowed + 1))
      })
    for line in plain.split(separator: "\n") {
      var digits = ""
      for character in line + "\n" {
        if character.isNumber {
          digits.append(character)
        } else if !" -./".contains(character) {
          if windows.contains(where: digits.contains) { return true }
          digits = ""
        }
      }
    }
    return false
  }
}

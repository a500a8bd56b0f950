/// The checks every free-text field of a customer shares: size, controls, presence, length.
struct TextFieldRule: Sendable {
  /// Bytes allowed per allowed character before any grapheme work.
  ///
  /// A grapheme cluster is never shorter than one byte and real ones stay well under this
  /// (an emoji family is 25 bytes), so text over the cap is too long whatever it holds.
  /// Checking `utf8.count` first refuses a 10 MB paste in constant time.
  static let maxBytesPerCharacter = 32

  let field: OrderField
  /// How the message names the field, starting with a capital.
  let label: String
  let maxCharacters: Int
  /// What to say when the field is empty; nil when it may be empty.
  let missingMessage: String?

  /// The problem with `raw`, or nil when it passes.
  ///
  /// Surrounding whitespace is ignored, so a pasted trailing newline is no error;
  /// ``Customer/normalised()`` removes it.
  func check(_ raw: String) -> FieldError? {
    if raw.utf8.count > maxCharacters * Self.maxBytesPerCharacter { return tooLong }
    let text = raw.trimmingASCIIWhitespace()
    if TerminalText.containsControls(text) {
      return FieldError(
        field, "\(label) must not contain control characters or escape sequences.")
    }
    if text.isEmpty { return missingMessage.map { FieldError(field, $0) } }
    if text.count > maxCharacters { return tooLong }
    if CardNumberScanner.containsCardNumber(text) {
      return FieldError(field, CardNumberScanner.misplacedMessage(label))
    }
    return nil
  }

  private var tooLong: FieldError {
    FieldError(field, "\(label) must be at most \(maxCharacters) characters.")
  }
}

extension TextFieldRule {
  static let name = TextFieldRule(
    field: .customerName, label: "Name", maxCharacters: 200,
    missingMessage: "Enter the customer's name.")

  static func addressLine1(required: Bool) -> TextFieldRule {
    TextFieldRule(
      field: .addressLine1, label: "Address line 1", maxCharacters: 100,
      missingMessage: required ? "Enter the street and house number." : nil)
  }

  static let addressLine2 = TextFieldRule(
    field: .addressLine2, label: "Address line 2", maxCharacters: 100, missingMessage: nil)

  static func city(required: Bool) -> TextFieldRule {
    TextFieldRule(
      field: .city, label: "City", maxCharacters: 100,
      missingMessage: required ? "Enter the city." : nil)
  }
}

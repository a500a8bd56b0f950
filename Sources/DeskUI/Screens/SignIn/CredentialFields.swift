import DeskTheme
import OrderCore

/// What signing in and unlocking both ask for: the passphrase, never drawn, and the six
/// digits of the authenticator app's code.
struct CredentialFields: Sendable {
  var passphrase = SecretTextField(maximumBytes: 256)
  var code = TextField(maximumLength: 6)

  /// How many digits a code has.
  static let codeLength = 6

  /// Types into the code: digits only.
  mutating func editCode(_ key: Key) -> TextField.Edit {
    if case .character(let character) = key, !(character.isASCII && character.isNumber) {
      return .refused
    }
    return code.apply(key)
  }

  /// What is wrong with the fields, in one line; `nil` when they can be sent.
  var problem: String? {
    if passphrase.isEmpty { return "Type your passphrase." }
    if code.text.count != Self.codeLength {
      return "The code is the \(Self.codeLength) digits your authenticator app shows now."
    }
    return nil
  }

  /// The credentials for `name`, made for the one request that sends them; the fields are
  /// wiped at once.
  mutating func take(name: String) -> StaffCredentials {
    let credentials = StaffCredentials(name: name, passphrase: passphrase.text(), code: code.text)
    wipe()
    return credentials
  }

  mutating func wipe() {
    passphrase.wipe()
    code = TextField(maximumLength: Self.codeLength)
  }
}

extension Painter {
  /// A passphrase field: one bullet per character typed, the text itself never.
  mutating func secretField(_ value: SecretTextField, at column: Int, width: Int, focused: Bool) {
    let shown = min(value.count, max(0, width - 1))
    field(
      at: column, width: width, text: String(repeating: bullet, count: shown),
      cursorColumn: shown, focused: focused)
  }

  /// The code field, with what it is beside it.
  mutating func codeField(_ value: TextField, at column: Int, focused: Bool) {
    field(value, at: column, width: CredentialFields.codeLength, focused: focused)
    grid.put(
      "\(CredentialFields.codeLength) digits from your authenticator app", row: row,
      column: column + CredentialFields.codeLength + 4, slot: .muted,
      maxWidth: columns - column - CredentialFields.codeLength - 5)
  }

  /// A one-line error, cut to the width: sign-in and unlock say what went wrong in one line.
  mutating func errorLine(_ text: String) {
    line("\(glyphs[.invalid]) \(text)", .error)
  }
}

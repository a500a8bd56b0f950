import DeskTheme
import OrderCore

/// A member of staff signs in: name, passphrase (never drawn) and the authenticator's code.
///
/// The staff desk opens on it; a customer's desk opens it with F9 from the catalog. The
/// passphrase and code are wiped as soon as they are sent, and after a failure; what went
/// wrong is said in one line, in the service's words, which never say which part was wrong.
public struct SignInScreen: Sendable {
  public enum Field: Int, CaseIterable, Sendable { case name, passphrase, code }

  public internal(set) var name = TextField(maximumLength: 32)
  var credentials = CredentialFields()
  public internal(set) var focus: Field = .name
  public internal(set) var isSigningIn = false
  /// Why the last attempt failed, in one line.
  public internal(set) var error: String?
  /// Where Esc goes back to: the customer's catalog; `nil` on a staff desk.
  var returnScreen: DeskState.Screen?

  public var passphrase: SecretTextField { credentials.passphrase }
  public var code: TextField { credentials.code }

  /// A fresh form, opened from `returnScreen` (`nil` on a staff desk).
  init(returningTo returnScreen: DeskState.Screen? = nil) {
    self.returnScreen = returnScreen
  }

  /// Wipes what was typed of the passphrase and code.
  mutating func wipeSecrets() {
    credentials.wipe()
  }

  /// The service's answer: on a failure the words are shown and the passphrase is asked for
  /// again; on success the form is emptied.
  mutating func answered(_ result: Result<StaffMember, DeskFailure>) {
    isSigningIn = false
    credentials.wipe()
    switch result {
    case .success:
      name = TextField(maximumLength: 32)
      focus = .name
      error = nil
    case .failure(let failure):
      error = failure.message
      focus = .passphrase
    }
  }
}

extension SignInScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    guard !isSigningIn else { return [] }
    switch key {
    case .escape:
      guard let returnScreen else { return [] }
      credentials.wipe()
      error = nil
      return [.go(returnScreen)]
    case .tab, .down:
      focus = Field(rawValue: (focus.rawValue + 1) % Field.allCases.count) ?? .name
    case .backTab, .up:
      focus =
        Field(rawValue: (focus.rawValue + Field.allCases.count - 1) % Field.allCases.count)
        ?? .name
    case .enter:
      if focus == .name, credentials.passphrase.isEmpty {
        focus = .passphrase
      } else if focus == .passphrase, credentials.code.isEmpty {
        focus = .code
      } else {
        return send()
      }
    default:
      let edit: TextField.Edit
      switch focus {
      case .name: edit = name.apply(key)
      case .passphrase: edit = credentials.passphrase.apply(key)
      case .code: edit = credentials.editCode(key)
      }
      if edit == .changed { error = nil }
    }
    return []
  }

  private mutating func send() -> ScreenOutcome {
    let account = name.text.trimmed.lowercased()
    guard !account.isEmpty else {
      focus = .name
      error = "Type your name."
      return []
    }
    if let problem = credentials.problem {
      focus = credentials.passphrase.isEmpty ? .passphrase : .code
      error = problem
      return []
    }
    error = nil
    isSigningIn = true
    return [.run(.signIn(credentials.take(name: account)))]
  }

  func isEditingText(_ context: ScreenContext) -> Bool { true }

  mutating func removeCardNumbers() -> Bool { name.removeCardNumbers() }

  func render(_ context: ScreenContext, into painter: inout Painter) {
    painter.line("Sign in to the staff desk", .accent)
    painter.blank()
    let column = FormLayout.labelWidth
    let width = min(FormLayout.fieldWidth(columns: painter.columns), 32)
    for field in Field.allCases {
      let focused = focus == field && !isSigningIn
      switch field {
      case .name:
        painter.label("Name", required: true)
        painter.field(name, at: column, width: width, focused: focused)
      case .passphrase:
        painter.label("Passphrase", required: true)
        painter.secretField(credentials.passphrase, at: column, width: width, focused: focused)
      case .code:
        painter.label("Code", required: true)
        painter.codeField(credentials.code, at: column, focused: focused)
      }
      painter.row += 1
    }
    painter.blank()
    if isSigningIn {
      painter.line("Signing in…", .muted)
    } else if let error {
      painter.errorLine(error)
    } else {
      painter.blank()
    }
    painter.blank()
    painter.paragraph(
      "The passphrase is never shown. The desk locks itself when no key is pressed for a "
        + "while; your passphrase and code unlock it.", .muted)
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    let back = returnScreen == nil ? "" : "  Esc Back"
    return "Tab Next  \(enter) Sign in\(back)  F1 Help  F2 Lock"
  }
}

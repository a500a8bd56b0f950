import DeskTheme
import OrderCore

/// The desk locked after a while without a key: everything else is hidden until the member
/// who was signed in types their passphrase and code.
///
/// Only that member can unlock: the name is theirs, not typed, and the service checks the
/// passphrase and code against the session it locked.
public struct LockScreen: Sendable {
  public enum Field: Int, CaseIterable, Sendable { case passphrase, code }

  /// Who was signed in, and is the only one who can unlock.
  public let member: StaffMember
  var credentials = CredentialFields()
  public internal(set) var focus: Field = .passphrase
  public internal(set) var isUnlocking = false
  /// Why the last attempt failed, in one line.
  public internal(set) var error: String?

  public var passphrase: SecretTextField { credentials.passphrase }
  public var code: TextField { credentials.code }

  init(member: StaffMember) {
    self.member = member
  }

  /// The service refused: its words are shown, the fields are empty again.
  mutating func refused(_ words: String) {
    isUnlocking = false
    credentials.wipe()
    error = words
    focus = .passphrase
  }
}

extension LockScreen: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    guard !isUnlocking else { return [] }
    switch key {
    case .tab, .backTab, .up, .down:
      focus = focus == .passphrase ? .code : .passphrase
    case .enter:
      if focus == .passphrase, credentials.code.isEmpty {
        focus = .code
        return []
      }
      if let problem = credentials.problem {
        focus = credentials.passphrase.isEmpty ? .passphrase : .code
        error = problem
        return []
      }
      error = nil
      isUnlocking = true
      return [.run(.unlockSession(credentials.take(name: member.name)))]
    default:
      let edit =
        focus == .passphrase ? credentials.passphrase.apply(key) : credentials.editCode(key)
      if edit == .changed { error = nil }
    }
    return []
  }

  func isEditingText(_ context: ScreenContext) -> Bool { true }

  func render(_ context: ScreenContext, into painter: inout Painter) {
    let glyphs = painter.glyphs
    painter.line("\(glyphs[.lockSecure]) This desk is locked", .accent)
    painter.blank()
    painter.paragraph(
      "No key was pressed for a while, so the desk hid everything on it and wiped any card "
        + "details that were half typed. The order in progress is kept.", .muted)
    painter.blank()
    painter.pair("Signed in", "\(member.name) (\(member.role.rawValue))")
    painter.blank()
    let column = FormLayout.labelWidth
    let width = min(FormLayout.fieldWidth(columns: painter.columns), 32)
    painter.label("Passphrase", required: true)
    painter.secretField(
      credentials.passphrase, at: column, width: width,
      focused: focus == .passphrase && !isUnlocking)
    painter.row += 1
    painter.label("Code", required: true)
    painter.codeField(credentials.code, at: column, focused: focus == .code && !isUnlocking)
    painter.row += 1
    painter.blank()
    if isUnlocking {
      painter.line("Unlocking…", .muted)
    } else if let error {
      painter.errorLine(error)
    } else {
      painter.line("Only \(member.name) can unlock it, with their passphrase and code.", .muted)
    }
  }

  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String {
    let enter = glyphs.unicode ? "⏎" : "Enter"
    return "Tab Next  \(enter) Unlock  F1 Help  F2 Lock"
  }
}

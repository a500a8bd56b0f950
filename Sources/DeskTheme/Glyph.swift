/// A symbol the desk draws, with the text used where the locale is not UTF-8.
public enum Glyph: String, CaseIterable, Sendable, Hashable {
  case lockSecure = "lock-secure"
  case lockUnverified = "lock-unverified"
  case lockInsecure = "lock-insecure"
  case lockUnknown = "lock-unknown"
  case horizontalRule = "horizontal-rule"
  case separator
  case pointer
  case required
  case valid
  case invalid
  case ellipsis
  case stepDone = "step-done"
  case stepCurrent = "step-current"
  case stepTodo = "step-todo"
  case up
  case down
  case enter

  /// The default glyph for a UTF-8 terminal.
  public var defaultUnicode: String {
    switch self {
    case .lockSecure: "🔒"
    case .lockUnverified: "⚠"
    case .lockInsecure: "🔓"
    case .lockUnknown: "◌"
    case .horizontalRule: "─"
    case .separator: "·"
    case .pointer: "▸"
    case .required: "*"
    case .valid: "✓"
    case .invalid: "✗"
    case .ellipsis: "…"
    case .stepDone: "●"
    case .stepCurrent: "◉"
    case .stepTodo: "○"
    case .up: "↑"
    case .down: "↓"
    case .enter: "⏎"
    }
  }

  /// The default fallback where the locale is not UTF-8: plain ASCII only.
  public var defaultASCII: String {
    switch self {
    case .lockSecure: "[#]"
    case .lockUnverified: "[!]"
    case .lockInsecure: "[ ]"
    case .lockUnknown: "[?]"
    case .horizontalRule: "-"
    case .separator: "-"
    case .pointer: ">"
    case .required: "*"
    case .valid: "ok"
    case .invalid: "x"
    case .ellipsis: "..."
    case .stepDone: "*"
    case .stepCurrent: "@"
    case .stepTodo: "."
    case .up: "Up"
    case .down: "Dn"
    case .enter: "Enter"
    }
  }
}

extension Glyph: CaseTableKey {
  public static let caseCount = 17

  public var caseIndex: Int {
    switch self {
    case .lockSecure: 0
    case .lockUnverified: 1
    case .lockInsecure: 2
    case .lockUnknown: 3
    case .horizontalRule: 4
    case .separator: 5
    case .pointer: 6
    case .required: 7
    case .valid: 8
    case .invalid: 9
    case .ellipsis: 10
    case .stepDone: 11
    case .stepCurrent: 12
    case .stepTodo: 13
    case .up: 14
    case .down: 15
    case .enter: 16
    }
  }
}

import OrderCore

/// The lock in the bottom line: a shape and a word for each state, never colour alone.
struct LockLabel {
  let security: ChannelSecurity
  let unicode: Bool

  var text: String {
    let shape: String
    switch security {
    case .secure: shape = unicode ? "🔒" : "[#]"
    case .unverified: shape = unicode ? "⚠" : "[!]"
    case .notEncrypted: shape = unicode ? "🔓" : "[ ]"
    case .unknown, .down: shape = unicode ? "◌" : "[?]"
    }
    var words = security.word
    if let session = security.session, case .secure = security {
      words += " · " + session.protocolVersion.rawValue
    }
    return shape + " " + words
  }
}

import DeskTheme
import OrderCore

extension ChannelSecurity {
  /// The lock: a shape and a word for the channel's state, never colour alone.
  func lockLabel(glyphs: Glyphs) -> (text: String, slot: ThemeSlot) {
    switch self {
    case .secure(let session):
      return (
        "\(glyphs[.lockSecure]) Secure \(glyphs[.separator]) \(session.protocolVersion.rawValue)",
        .lockSecure
      )
    case .unverified: return ("\(glyphs[.lockUnverified]) Unverified", .lockUnverified)
    case .notEncrypted: return ("\(glyphs[.lockInsecure]) Not encrypted", .lockInsecure)
    case .unknown: return ("\(glyphs[.lockUnknown]) Connecting", .lockUnknown)
    case .down: return ("\(glyphs[.lockUnknown]) Down", .lockUnknown)
    }
  }
}

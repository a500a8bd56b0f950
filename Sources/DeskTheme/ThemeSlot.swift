/// What a cell means, not what colour it is: a theme maps each slot to colours and attributes.
public enum ThemeSlot: String, CaseIterable, Sendable, Hashable {
  /// The screen behind everything; its background is every other slot's default background.
  case background
  /// Ordinary text; its colour and attributes are the default for slots a theme leaves out.
  case text
  /// Secondary text: hints, units, counts.
  case muted
  /// Text that should catch the eye without being a warning: headings, prices.
  case accent
  /// Rules and frames.
  case border
  /// The title line.
  case title
  /// The text field being edited.
  case focus
  /// Text fields other than the one being edited.
  case field
  /// The highlighted row in lists.
  case selection
  /// What went wrong: a refused card, a failed submission.
  case error
  /// What may go wrong: a slow service, an order close to a limit.
  case warning
  /// What went right: a submitted order.
  case success
  /// The lock: the channel is encrypted and the service's certificate is verified.
  case lockSecure = "lock-secure"
  /// The lock: the channel is encrypted but the service's certificate is not verified.
  case lockUnverified = "lock-unverified"
  /// The lock: the channel is not encrypted.
  case lockInsecure = "lock-insecure"
  /// The lock: the channel's security is not known yet.
  case lockUnknown = "lock-unknown"
  /// The key bar at the bottom.
  case keyHint = "key-hint"
}

extension ThemeSlot: CaseTableKey {
  public static let caseCount = 17

  public var caseIndex: Int {
    switch self {
    case .background: 0
    case .text: 1
    case .muted: 2
    case .accent: 3
    case .border: 4
    case .title: 5
    case .focus: 6
    case .field: 7
    case .selection: 8
    case .error: 9
    case .warning: 10
    case .success: 11
    case .lockSecure: 12
    case .lockUnverified: 13
    case .lockInsecure: 14
    case .lockUnknown: 15
    case .keyHint: 16
    }
  }
}

/// What a cell means, not what colour it is: a theme maps each slot to colours and attributes.
public enum ThemeSlot: String, CaseIterable, Sendable, Hashable {
  case background
  case text
  case muted
  case accent
  case border
  case title
  case focus
  case field
  case selection
  case error
  case warning
  case success
  case lockSecure = "lock-secure"
  case lockUnverified = "lock-unverified"
  case lockInsecure = "lock-insecure"
  case lockUnknown = "lock-unknown"
  case keyHint = "key-hint"
}

/// A key as the desk understands it, whatever terminal it came from.
public enum Key: Hashable, Sendable {
  /// A printable character.
  case character(Character)
  /// A letter typed with Control held: `.control("a")` is Ctrl-A.
  case control(Character)
  case enter
  case tab
  case backTab
  case escape
  case backspace
  case delete
  case up
  case down
  case left
  case right
  case home
  case end
  case pageUp
  case pageDown
  /// F1 to F12.
  case function(Int)
}

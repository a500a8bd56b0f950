import OrderCore

/// A screen of the desk: its own model, what its keys do and how it is drawn.
///
/// A screen sees the rest of the desk only through a ``ScreenContext`` and changes it only by
/// what it asks for in a ``ScreenOutcome``, so that a screen can be added, changed or tested
/// without reading another. ``DeskState`` holds one model per screen and routes keys to the
/// one shown.
protocol DeskScreen: Sendable {
  /// Applies a key meant for this screen.
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome

  /// Draws the screen's content between the step trail and the status line.
  func render(_ context: ScreenContext, into painter: inout Painter)

  /// The keys that matter on this screen, most important first, two spaces between entries.
  func keyBar(_ context: ScreenContext, glyphs: Glyphs) -> String

  /// Whether keys go into a text field, so `?`, `q` and letters are typed, not commands.
  func isEditingText(_ context: ScreenContext) -> Bool

  /// Whether the screen waits for an answer that decides what its next key means (the
  /// catalog, a seal, the totals, a submit, a search); its keys are kept until it has come.
  func awaitsAnswer(_ context: ScreenContext) -> Bool

  /// Takes whole card numbers out of the screen's text fields that are not for one; returns
  /// whether there was one.
  mutating func removeCardNumbers() -> Bool

  /// Measures what the screen keeps of the desk's size, such as how many lines its text
  /// wraps to; called whenever the layout is made anew.
  mutating func layoutChanged(_ layout: DeskLayout)
}

extension DeskScreen {
  func isEditingText(_ context: ScreenContext) -> Bool { false }
  func awaitsAnswer(_ context: ScreenContext) -> Bool { false }
  mutating func removeCardNumbers() -> Bool { false }
  mutating func layoutChanged(_ layout: DeskLayout) {}
}

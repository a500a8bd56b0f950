import OrderCore

/// One line of editable text with a cursor, and the editing keys every field supports.
///
/// Home/Ctrl-A and End/Ctrl-E move to the ends, Ctrl-K deletes to the end, Ctrl-U to the
/// start, Ctrl-W the word before the cursor; Backspace and Delete remove one character.
/// Control characters are never inserted, and the field never grows past `maximumLength`.
public struct TextField: Hashable, Sendable {
  public internal(set) var characters: [Character]
  /// The cursor, as the number of characters before it.
  public private(set) var cursor: Int
  public let maximumLength: Int

  public init(_ text: String = "", maximumLength: Int = 200) {
    self.maximumLength = maximumLength
    characters = Array(text.prefix(maximumLength))
    cursor = characters.count
  }

  public var text: String { String(characters) }
  public var isEmpty: Bool { characters.isEmpty }

  /// What applying a key did to the field.
  public enum Edit: Equatable, Sendable {
    /// The text changed.
    case changed
    /// Only the cursor moved.
    case moved
    /// The key is an editing key, but there was nothing to do (or the field is full).
    case refused
    /// The key is not an editing key; the caller may use it.
    case ignored
  }

  /// Applies an editing key.
  public mutating func apply(_ key: Key) -> Edit {
    switch key {
    case .character(let character): return insert(character)
    case .backspace:
      guard cursor > 0 else { return .refused }
      cursor -= 1
      characters.remove(at: cursor)
      return .changed
    case .delete, .control("d"):
      guard cursor < characters.count else { return .refused }
      characters.remove(at: cursor)
      return .changed
    case .left, .control("b"): return move(to: cursor - 1)
    case .right, .control("f"): return move(to: cursor + 1)
    case .home, .control("a"): return move(to: 0)
    case .end, .control("e"): return move(to: characters.count)
    case .control("k"):
      guard cursor < characters.count else { return .refused }
      characters.removeSubrange(cursor...)
      return .changed
    case .control("u"):
      guard cursor > 0 else { return .refused }
      characters.removeSubrange(..<cursor)
      cursor = 0
      return .changed
    case .control("w"):
      guard cursor > 0 else { return .refused }
      var start = cursor
      while start > 0, characters[start - 1].isWhitespace { start -= 1 }
      while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
      characters.removeSubrange(start..<cursor)
      cursor = start
      return .changed
    default: return .ignored
    }
  }

  /// Takes out every card number in the text (see `CardNumberScanner.cardNumbers(in:)`),
  /// leaving the rest and the cursor where the first one began; returns whether there was one.
  public mutating func removeCardNumbers() -> Bool {
    var digitCount = 0
    for character in characters {
      for scalar in character.unicodeScalars where CardNumberScanner.digitValue(scalar) != nil {
        digitCount += 1
      }
    }
    guard digitCount >= CardNumberScanner.fewestDigits else { return false }
    let text = self.text
    let ranges = CardNumberScanner.cardNumbers(in: text)
    guard let first = ranges.first else { return false }
    var kept = ""
    var rest = text.startIndex
    for range in ranges {
      kept += text[rest..<range.lowerBound]
      rest = range.upperBound
    }
    kept += text[rest...]
    characters = Array(kept)
    cursor = min(text.distance(from: text.startIndex, to: first.lowerBound), characters.count)
    return true
  }

  /// Replaces the whole text, with the cursor at its end.
  public mutating func set(_ text: String) {
    characters = Array(text.prefix(maximumLength))
    cursor = characters.count
  }

  private mutating func insert(_ character: Character) -> Edit {
    guard !character.unicodeScalars.contains(where: TerminalText.isControl) else {
      return .refused
    }
    guard characters.count < maximumLength else { return .refused }
    characters.insert(character, at: cursor)
    cursor += 1
    return .changed
  }

  private mutating func move(to position: Int) -> Edit {
    let target = min(max(0, position), characters.count)
    guard target != cursor else { return .refused }
    cursor = target
    return .moved
  }

  /// The part of the text to show in `width` cells so that the cursor is visible, and the
  /// cursor's column within it.
  public func window(width: Int) -> (text: String, cursorColumn: Int) {
    guard width > 0 else { return ("", 0) }
    var start = 0
    var widthBeforeCursor = characters[..<cursor].reduce(0) {
      $0 + TerminalText.displayWidth(of: $1)
    }
    // Keep one cell free after the cursor so it sits on a blank at the end of the text.
    while widthBeforeCursor > width - 1, start < cursor {
      widthBeforeCursor -= TerminalText.displayWidth(of: characters[start])
      start += 1
    }
    var shown = ""
    var used = 0
    for character in characters[start...] {
      let cells = TerminalText.displayWidth(of: character)
      if used + cells > width { break }
      shown.append(character)
      used += cells
    }
    return (shown, widthBeforeCursor)
  }
}

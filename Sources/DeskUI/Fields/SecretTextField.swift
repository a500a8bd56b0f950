import OrderCore

/// One line of text that is never drawn and never kept in an ordinary string: a passphrase.
///
/// Its UTF-8 bytes live in ``SecretBytes`` (wiped when removed); the cursor stays at the end,
/// so the only edits are typing, Backspace and clearing, and a screen draws one bullet per
/// character, never the text. Control characters are refused, and the field never grows past
/// `maximumBytes`.
public struct SecretTextField: Sendable {
  /// The bytes; shared by reference, so copies of the desk's state see the same buffer.
  private var bytes: SecretBytes
  /// How many bytes each character took, so that Backspace removes a whole character.
  private var characterLengths: [Int] = []
  public let maximumBytes: Int

  public init(maximumBytes: Int = 256) {
    self.maximumBytes = maximumBytes
    bytes = SecretBytes(capacity: maximumBytes)
  }

  /// How many characters were typed: what the bullets show.
  public var count: Int { characterLengths.count }
  public var isEmpty: Bool { characterLengths.isEmpty }

  /// Applies an editing key: a character is added at the end, Backspace removes the last,
  /// Ctrl-U and Ctrl-W clear; keys that would move a cursor do nothing.
  public mutating func apply(_ key: Key) -> TextField.Edit {
    switch key {
    case .character(let character):
      guard !character.unicodeScalars.contains(where: TerminalText.isControl) else {
        return .refused
      }
      let utf8 = Array(String(character).utf8)
      guard bytes.count + utf8.count <= maximumBytes else { return .refused }
      for byte in utf8 { bytes.append(byte) }
      characterLengths.append(utf8.count)
      return .changed
    case .backspace:
      guard let last = characterLengths.popLast() else { return .refused }
      for _ in 0..<last { bytes.removeLast() }
      return .changed
    case .control("u"), .control("w"):
      guard !isEmpty else { return .refused }
      wipe()
      return .changed
    case .left, .right, .home, .end, .delete, .control("a"), .control("e"), .control("b"),
      .control("f"), .control("d"), .control("k"):
      return .refused
    default:
      return .ignored
    }
  }

  /// Overwrites the bytes and empties the field.
  public mutating func wipe() {
    bytes.wipe()
    characterLengths = []
  }

  /// The text, for the one request that sends it; the field is wiped right after.
  func text() -> String {
    bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
  }
}

extension StringProtocol {
  /// The text without whitespace at either end.
  var trimmed: String {
    let start = drop { $0.isWhitespace }
    var end = start.endIndex
    while end > start.startIndex, start[start.index(before: end)].isWhitespace {
      end = start.index(before: end)
    }
    return String(start[start.startIndex..<end])
  }
}

import OrderCore

/// A field for digits that must not be kept in ordinary strings: the card number and CVC.
///
/// The digits live in ``SecretBytes`` (wiped when removed), the same editing keys as
/// ``TextField`` work, separators a caller may type or paste (spaces, dashes) are skipped,
/// and nothing but digits is ever stored.
public struct SecretDigitsField: Sendable {
  /// The digits; shared by reference, so copies of the desk's state see the same buffer.
  public private(set) var digits: SecretBytes
  public private(set) var cursor = 0
  public let maximumDigits: Int

  public init(maximumDigits: Int) {
    self.maximumDigits = maximumDigits
    digits = SecretBytes(capacity: maximumDigits)
  }

  public var count: Int { digits.count }
  public var isEmpty: Bool { digits.isEmpty }

  /// Applies an editing key; a digit is stored, separators are skipped, anything else refused.
  public mutating func apply(_ key: Key) -> TextField.Edit {
    switch key {
    case .character(let character):
      if character == " " || character == "-" { return .refused }
      guard let ascii = character.asciiValue, (0x30...0x39).contains(ascii) else {
        return .refused
      }
      guard digits.count < maximumDigits, digits.insert(ascii, at: cursor) else { return .refused }
      cursor += 1
      return .changed
    case .backspace:
      guard cursor > 0 else { return .refused }
      cursor -= 1
      digits.remove(at: cursor)
      return .changed
    case .delete, .control("d"):
      guard cursor < digits.count else { return .refused }
      digits.remove(at: cursor)
      return .changed
    case .left, .control("b"): return move(to: cursor - 1)
    case .right, .control("f"): return move(to: cursor + 1)
    case .home, .control("a"): return move(to: 0)
    case .end, .control("e"): return move(to: digits.count)
    case .control("k"):
      guard cursor < digits.count else { return .refused }
      while digits.count > cursor { digits.remove(at: cursor) }
      return .changed
    case .control("u"), .control("w"):
      guard cursor > 0 else { return .refused }
      for _ in 0..<cursor { digits.remove(at: 0) }
      cursor = 0
      return .changed
    default: return .ignored
    }
  }

  /// Wipes the digits and gives the field a fresh buffer.
  public mutating func wipe() {
    digits.wipe()
    digits = SecretBytes(capacity: maximumDigits)
    cursor = 0
  }

  /// A copy of the digits in a buffer of its own, for sealing; the caller wipes it.
  public func copy() -> SecretBytes {
    digits.withUnsafeBytes { SecretBytes(copying: $0) }
  }

  private mutating func move(to position: Int) -> TextField.Edit {
    let target = min(max(0, position), digits.count)
    guard target != cursor else { return .refused }
    cursor = target
    return .moved
  }
}

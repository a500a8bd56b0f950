import DeskTheme
import OrderCore

/// A card number drawn from its secret bytes straight into grid cells, in the groups its
/// brand prints it in: each digit a bullet, or, where it may be seen, its own cell.
///
/// Nothing here makes a `String` or an array of the digits: the layout needs only how many
/// there are, and each shown digit goes from the buffer into a cell of its own
/// (``Grid/putSecretDigit(_:row:column:slot:)``).
struct CardNumberCells {
  /// How much of the number may be seen.
  enum Showing: Sendable, Hashable {
    /// Bullets only: the number is being typed.
    case nothing
    /// The last four digits: the number is whole.
    case lastFour
    /// Every digit: the number is being read back to a caller.
    case everything
  }

  let digitCount: Int
  /// Where each group starts, as a digit index; the first group starts at 0.
  private let groupStarts: [Int]

  /// The layout of `digitCount` digits of `brand`, as ``CardNumberRules/groupStarts(digitCount:brand:)``
  /// gives it.
  init(digitCount: Int, brand: CardBrand?) {
    self.digitCount = digitCount
    groupStarts = CardNumberRules.groupStarts(digitCount: digitCount, brand: brand)
  }

  /// The column, from the field's first cell, of the digit at `index`.
  func column(ofDigit index: Int) -> Int {
    index + groupStarts.count { $0 > 0 && $0 <= index }
  }

  /// The column of a cursor before digit `position`; after the last digit, right after it.
  func cursorColumn(before position: Int) -> Int {
    guard position >= digitCount, digitCount > 0 else { return column(ofDigit: position) }
    return column(ofDigit: digitCount - 1) + 1
  }

  /// How many cells the number takes, spaces between groups included.
  var width: Int { digitCount == 0 ? 0 : column(ofDigit: digitCount - 1) + 1 }

  /// Draws `number` from (`row`, `column`) on, at most `maxWidth` cells, with `mask` for each
  /// digit not shown.
  func draw(
    _ number: SecretBytes, showing: Showing, mask: String, into grid: inout Grid,
    row: Int, column: Int, maxWidth: Int, slot: ThemeSlot
  ) {
    let firstShown: Int
    switch showing {
    case .nothing: firstShown = digitCount
    case .lastFour:
      firstShown =
        digitCount > CardNumberRules.revealedDigits
        ? digitCount - CardNumberRules.revealedDigits : digitCount
    case .everything: firstShown = 0
    }
    number.withUnsafeBytes { bytes in
      for (index, byte) in bytes.prefix(digitCount).enumerated() {
        let offset = self.column(ofDigit: index)
        guard offset < maxWidth else { return }
        if index >= firstShown {
          grid.putSecretDigit(byte, row: row, column: column + offset, slot: slot)
        } else {
          grid.put(mask, row: row, column: column + offset, slot: slot, maxWidth: 1)
        }
      }
    }
  }
}

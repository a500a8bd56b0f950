/// The rules for card numbers, working on ASCII digit bytes.
///
/// Everything here reads bytes rather than `String`s so it can run over a `SecretBytes`
/// without making a copy of the number that nobody can wipe. Working copies live in a small
/// stack buffer that is zeroed before returning.
public enum CardNumberRules {
  /// No card brand issues numbers longer than this.
  public static let maximumDigits = 19

  /// The longest input, digits and separators together, that is looked at.
  ///
  /// 19 digits with a separator between each pair fit easily; anything longer is not a card
  /// number, and refusing it at this length keeps a pasted 10 MB string from costing time.
  public static let maximumInputLength = 64

  /// The digits of `input` without the spaces and dashes people type between groups, or
  /// `nil` when it contains anything else or is longer than `maximumInputLength`.
  ///
  /// The array cannot be wiped; the desk uses `normalisedSecret(_:)` instead.
  public static func normalise(_ input: some Collection<UInt8>) -> [UInt8]? {
    var digits: [UInt8] = []
    let problem = forEachDigit(in: input) { digits.append($0) }
    return problem == nil ? digits : nil
  }

  /// The digits of `text` without spaces and dashes, or `nil`; for tests and tools.
  public static func normalise(_ text: String) -> [UInt8]? {
    normalise(text.utf8)
  }

  /// The digits of `input` without spaces and dashes, in a new secret, or `nil` when it
  /// contains anything else or is longer than `maximumInputLength`.
  public static func normalisedSecret(_ input: some Collection<UInt8>) -> SecretBytes? {
    let secret = SecretBytes(capacity: maximumInputLength)
    let problem = forEachDigit(in: input) { secret.append($0) }
    guard problem == nil else {
      secret.wipe()
      return nil
    }
    return secret
  }

  /// Whether `digits` pass the Luhn checksum that every card number's last digit completes.
  ///
  /// `false` for an empty input or one with a byte that is not an ASCII digit.
  public static func luhnIsValid(_ digits: some Collection<UInt8>) -> Bool {
    var sums = LuhnSums()
    for byte in digits {
      guard let value = digitValue(byte) else { return false }
      sums.append(value)
    }
    return sums.isValid
  }

  /// Judges a card number given as ASCII digits only.
  ///
  /// Any other byte, spaces included, makes it `.invalid(.notDigits)`. Stops reading after
  /// `maximumDigits + 1` bytes, so a huge input is judged as fast as a short one.
  public static func evaluate(digits: some Collection<UInt8>) -> CardNumberCheck {
    evaluate(digits, allowingSeparators: false)
  }

  /// Judges a card number as typed or pasted, with spaces and dashes between digits allowed.
  public static func evaluate(input: some Collection<UInt8>) -> CardNumberCheck {
    evaluate(input, allowingSeparators: true)
  }

  /// Judges a card number held in a secret, with spaces and dashes allowed.
  public static func evaluate(_ number: SecretBytes) -> CardNumberCheck {
    number.withUnsafeBytes { evaluate(input: $0) }
  }

  /// Judges a card number given as text; for tests and tools.
  public static func evaluate(_ text: String) -> CardNumberCheck {
    evaluate(input: text.utf8)
  }

  /// The value 0–9 of an ASCII digit byte, or `nil` for any other byte.
  static func digitValue(_ byte: UInt8) -> Int? {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte &- UInt8(ascii: "0")) : nil
  }

  /// Whether `byte` is one of the separators people type between digit groups.
  static func isSeparator(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-")
  }

  /// Calls `body` with each digit of `input`, skipping separators; returns the first problem.
  static func forEachDigit(
    in input: some Collection<UInt8>, _ body: (UInt8) -> Void
  ) -> CardNumberProblem? {
    var length = 0
    for byte in input {
      length += 1
      if length > maximumInputLength { return .tooLong }
      if digitValue(byte) != nil {
        body(byte)
      } else if !isSeparator(byte) {
        return .notDigits
      }
    }
    return nil
  }
}

/// The Luhn checksum of digits read from the left, one at a time, without knowing how many
/// will come: the sum is kept for both possible parities and the right one picked at the end.
struct LuhnSums {
  private var sumDoublingEven = 0
  private var sumDoublingOdd = 0
  /// How many digits have been added.
  private(set) var count = 0

  /// Adds the next digit, 0–9.
  mutating func append(_ value: Int) {
    let doubled = value * 2 > 9 ? value * 2 - 9 : value * 2
    if count.isMultiple(of: 2) {
      sumDoublingEven += doubled
      sumDoublingOdd += value
    } else {
      sumDoublingEven += value
      sumDoublingOdd += doubled
    }
    count += 1
  }

  /// Whether the digits so far pass: the check digit is the last one and is never doubled,
  /// so the doubled positions are those of the other parity than the last index.
  var isValid: Bool {
    guard count > 0 else { return false }
    return (count.isMultiple(of: 2) ? sumDoublingEven : sumDoublingOdd).isMultiple(of: 10)
  }
}

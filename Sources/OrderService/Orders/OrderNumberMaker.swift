import OrderCore

/// New order numbers: `OD-` and eight characters of Crockford's base 32, which has no I, L,
/// O or U, so a number read out over the phone cannot be misheard as another.
enum OrderNumberMaker {
  private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

  static func make() -> OrderNumber {
    var generator = SystemRandomNumberGenerator()
    return make(using: &generator)
  }

  static func make(using generator: inout some RandomNumberGenerator) -> OrderNumber {
    var text = "OD-"
    for _ in 0..<8 {
      text.unicodeScalars.append(
        Unicode.Scalar(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))]))
    }
    // The alphabet and length always make a valid number.
    guard let number = OrderNumber(text) else { preconditionFailure("bad order number \(text)") }
    return number
  }
}

import Crypto
import OrderCore

/// New order numbers: `OD-` and eight characters of Crockford's base 32, which has no I, L,
/// O or U, so a number read out over the phone cannot be misheard as another.
enum OrderNumberMaker {
  private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

  static func make() -> OrderNumber {
    var generator = ReadAheadRandom()
    return make(using: &generator)
  }

  /// The number for the submit with `key`, the same for every retry of it.
  ///
  /// The vault binds its answer to the order's reference, so a retry after a lost answer must
  /// name the same number to be answered as the first was. Keyed by a secret of the service,
  /// so a client cannot choose the number its key gives.
  static func make(for key: IdempotencyKey, secret: SymmetricKey) -> OrderNumber {
    let code = HMAC<SHA256>.authenticationCode(for: Array(key.rawValue.utf8), using: secret)
    // Five bytes are 40 bits: eight characters of five bits each.
    let bits = Array(code).prefix(5).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let indices = (0..<8).reversed().map { Int((bits >> (5 * UInt64($0))) & 31) }
    return number(from: indices)
  }

  static func make(using generator: inout some RandomNumberGenerator) -> OrderNumber {
    number(
      from: (0..<8).map { _ in Int(generator.next(upperBound: UInt64(alphabet.count))) })
  }

  private static func number(from indices: [Int]) -> OrderNumber {
    var text = "OD-"
    for index in indices {
      text.unicodeScalars.append(Unicode.Scalar(alphabet[index]))
    }
    // The alphabet and length always make a valid number.
    guard let number = OrderNumber(text) else { preconditionFailure("bad order number \(text)") }
    return number
  }
}

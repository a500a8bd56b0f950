import OrderCore

/// Writes a card's plaintext JSON into a `PlaintextBuffer`, byte by byte.
///
/// The number and CVC go straight from their `SecretBytes` into the buffer, so no `String` or
/// array ever holds them.
enum CardPlaintextWriter {
  /// The JSON around the values, generously counted, and the widest four years and months.
  private static let fixedCapacity = 128

  /// The bytes needed for a card with this name: a name byte escapes to at most six bytes.
  static func capacity(number: SecretBytes, cvc: SecretBytes, name: String) -> Int {
    fixedCapacity + number.count + cvc.count + 6 * name.utf8.count
  }

  /// `{"number":"…","expMonth":M,"expYear":YYYY,"cvc":"…","name":"…"}`, with only the digits
  /// of the number (spaces and dashes typed between groups are left out).
  ///
  /// Returns `false` when the buffer was too small, which `capacity` rules out.
  static func write(
    number: SecretBytes, expiry: YearMonth, cvc: SecretBytes, name: String,
    into buffer: inout PlaintextBuffer
  ) -> Bool {
    var fits = buffer.append(contentsOf: #"{"number":""#.utf8)
    number.withUnsafeBytes { digits in
      for byte in digits where isDigit(byte) { fits = fits && buffer.append(byte) }
    }
    fits = fits && buffer.append(contentsOf: #"","expMonth":"#.utf8)
    fits = fits && buffer.append(contentsOf: String(expiry.month).utf8)
    fits = fits && buffer.append(contentsOf: #","expYear":"#.utf8)
    fits = fits && buffer.append(contentsOf: String(expiry.year).utf8)
    fits = fits && buffer.append(contentsOf: #","cvc":""#.utf8)
    cvc.withUnsafeBytes { digits in
      for byte in digits { fits = fits && buffer.append(byte) }
    }
    fits = fits && buffer.append(contentsOf: #"","name":""#.utf8)
    for byte in name.utf8 { fits = fits && appendEscaped(byte, to: &buffer) }
    fits = fits && buffer.append(contentsOf: #""}"#.utf8)
    return fits
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  /// One byte of a JSON string: quote, backslash and control characters escaped, the rest
  /// (UTF-8 included) as is.
  private static func appendEscaped(_ byte: UInt8, to buffer: inout PlaintextBuffer) -> Bool {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
      return buffer.append(UInt8(ascii: "\\")) && buffer.append(byte)
    case 0..<0x20:
      let hex = Array("0123456789abcdef".utf8)
      return buffer.append(contentsOf: #"\u00"#.utf8) && buffer.append(hex[Int(byte >> 4)])
        && buffer.append(hex[Int(byte & 0x0F)])
    default:
      return buffer.append(byte)
    }
  }
}

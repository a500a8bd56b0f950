import ExtrasBase64
import Foundation
import HummingbirdOTP
import OrderCore

/// A member's second factor: a TOTP key (RFC 6238 with HMAC-SHA-1, 6 digits, 30-second
/// steps), computed by HummingbirdOTP.
///
/// HummingbirdOTP takes the key as a `String` and uses its UTF-8 bytes. The key is 20
/// random bytes each below 0x80, which are their own UTF-8, so the HMAC key is exactly the 20
/// bytes an authenticator app gets in base32: 140 random bits, above RFC 4226's minimum of
/// 128.
struct TOTPKey: Sendable, Hashable {
  /// The key's length in bytes.
  static let byteCount = 20
  /// Seconds per step.
  static let stepSeconds: Int64 = 30
  /// Digits per code.
  static let digits = 6
  /// Steps either side of the current one whose codes are still taken, for a phone's clock
  /// a little off and a code typed as the step turned.
  static let tolerance: Int64 = 1

  let bytes: [UInt8]

  init?(bytes: [UInt8]) {
    guard bytes.count == Self.byteCount, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    self.bytes = bytes
  }

  /// A new key from the system's random source.
  static func random() -> TOTPKey {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<byteCount).map { _ in UInt8.random(in: 0...0x7F, using: &generator) }
    // 20 bytes below 0x80 always make a key.
    return TOTPKey(bytes: bytes)!
  }

  /// The key in base32, and the URI authenticator apps read, for the account `name`.
  func enrolment(for name: StaffName) -> SecondFactorEnrolment {
    let secret = String(base32Encoding: bytes, options: .omitPaddingCharacter)
    let uri =
      "otpauth://totp/OrderDesk:\(name.rawValue)?secret=\(secret)&issuer=OrderDesk"
      + "&algorithm=SHA1&digits=\(Self.digits)&period=\(Self.stepSeconds)"
    return SecondFactorEnrolment(secret: secret, uri: uri)
  }

  /// The step `time` falls in: seconds since 1970 divided by 30, rounded down.
  static func step(at time: Date) -> Int64 {
    StaffTime.seconds(time).quotientRoundedDown(by: stepSeconds)
  }

  /// The code for `step`, six digits with leading zeros.
  func code(atStep step: Int64) -> String {
    let totp = TOTP(
      secret: String(decoding: bytes, as: UTF8.self), length: Self.digits,
      timeStep: Int(Self.stepSeconds), hashFunction: .sha1)
    let value = totp.compute(date: Date(timeIntervalSince1970: Double(step * Self.stepSeconds)))
    let text = String(value)
    return String(repeating: "0", count: max(0, Self.digits - text.count)) + text
  }

  /// The step whose code `typed` is, among the current step and one either side, if that
  /// step comes after `lastUsed`: a code is good once.
  ///
  /// Spaces are ignored (apps show `123 456`); anything but six digits matches nothing. All
  /// three codes are computed and compared in constant time whatever is typed.
  func freshStep(of typed: String, at time: Date, after lastUsed: Int64?) -> Int64? {
    let given = Array(typed.utf8.filter { $0 != UInt8(ascii: " ") })
    let wellFormed =
      given.count == Self.digits
      && given.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    let now = Self.step(at: time)
    var found: Int64?
    for step in (now - Self.tolerance)...(now + Self.tolerance) {
      let matches = ConstantTime.equal(Array(code(atStep: step).utf8), given)
      if wellFormed, matches, step > (lastUsed ?? Int64.min), found == nil { found = step }
    }
    return found
  }
}

extension Int64 {
  /// The quotient rounded towards minus infinity, for times before 1970 too.
  fileprivate func quotientRoundedDown(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}

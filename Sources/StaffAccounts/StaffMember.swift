import Foundation
import OrderCore

/// An account as `list()` shows it: never its passphrase hash or second-factor key.
public struct StaffAccount: Sendable, Hashable {
  /// The account's name, in lower case.
  public let name: String
  /// What the member may do.
  public let role: StaffRole
  /// When the account was added.
  public let createdAt: Date
  /// Whether an administrator disabled it (a reset enables it again).
  public let isDisabled: Bool
  /// Failed sign-ins since the last success or lock.
  public let failedAttempts: Int
  /// Until when sign-ins are refused after too many failures, if it was ever locked.
  public let lockedUntil: Date?
  /// The last successful sign-in, if any.
  public let lastSignInAt: Date?

  /// Whether the account can sign in at `time`.
  public func status(at time: Date) -> StaffAccountStatus {
    if isDisabled { return .disabled }
    if let lockedUntil, lockedUntil > time { return .locked(until: lockedUntil) }
    return .active
  }
}

/// Whether an account can sign in.
public enum StaffAccountStatus: Sendable, Hashable, CustomStringConvertible {
  /// It can.
  case active
  /// An administrator disabled it.
  case disabled
  /// Too many failed sign-ins: refused until then.
  case locked(until: Date)

  public var description: String {
    switch self {
    case .active: "active"
    case .disabled: "disabled"
    case .locked(let until): "locked until \(StaffTime.text(until))"
    }
  }
}

/// What a new or reset account's owner puts in an authenticator app: the TOTP key in base32
/// and as an `otpauth://` URI (RFC 6238: SHA-1, 6 digits, 30-second steps).
public struct SecondFactorEnrolment: Sendable, Hashable {
  /// The key in base32 (RFC 4648), 32 characters, for typing into an app.
  public let secret: String
  /// `otpauth://totp/OrderDesk:NAME?secret=…&issuer=OrderDesk&algorithm=SHA1&digits=6&period=30`,
  /// for a QR code or a link.
  public let uri: String
}

import Foundation
import OrderCore

/// How long sessions last and how many there may be.
public struct StaffSessionLimits: Sendable, Hashable {
  /// A session unused this long (seconds) has expired.
  public var idleSeconds: TimeInterval
  /// A session this old (seconds since sign-in) has expired, however busy.
  public var lifetimeSeconds: TimeInterval
  /// The most live sessions; a sign-in beyond them is refused.
  public var maximumSessions: Int

  /// 30 minutes idle, 8 hours at most, 1,000 sessions.
  public static let standard = StaffSessionLimits(
    idleSeconds: 30 * 60, lifetimeSeconds: 8 * 3600, maximumSessions: 1000)

  /// Limits of your own.
  public init(idleSeconds: TimeInterval, lifetimeSeconds: TimeInterval, maximumSessions: Int) {
    self.idleSeconds = idleSeconds
    self.lifetimeSeconds = lifetimeSeconds
    self.maximumSessions = maximumSessions
  }
}

/// A session just opened: the token to present with each request, once; only its hash is
/// kept.
public struct StaffSessionGrant: Sendable, Hashable {
  /// 32 random bytes in base64url without padding (43 characters).
  public let token: String
  /// Who signed in.
  public let member: StaffMember
  /// When the session ends at the latest, however busy.
  public let expiresAt: Date
}

/// Why a token does not authenticate a request.
public enum SessionRefusal: Error, Sendable, Hashable, CustomStringConvertible {
  /// No such session: never opened, signed out, or ended by a disable or reset.
  case unknown
  /// Idle too long, or older than its lifetime; the member signs in again.
  case expired
  /// The desk was locked; only its member's passphrase and code unlock it.
  case locked

  public var description: String {
    switch self {
    case .unknown: "There is no such session; sign in."
    case .expired: "The session has expired; sign in again."
    case .locked: "The session is locked; unlock it with your passphrase and code."
    }
  }
}

/// Why a session operation was refused.
public enum StaffSessionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The directory refused the credentials.
  case signIn(SignInError)
  /// The token does not name a live session.
  case session(SessionRefusal)
  /// As many sessions are live as the limits allow.
  case tooManySessions
  /// The audit record could not be written, so nothing was done (or, for sign-out and
  /// lock, it was done but not recorded).
  case audit(AuditTrailError)

  public var description: String {
    switch self {
    case .signIn(let error): error.description
    case .session(let refusal): refusal.description
    case .tooManySessions: "Too many staff sessions are open; try again later."
    case .audit(let error): error.description
    }
  }
}

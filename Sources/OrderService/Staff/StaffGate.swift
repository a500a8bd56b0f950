import HTTPTypes
import Hummingbird
import OrderAPI
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Who may use a staff route: a member of staff with an open, unlocked session, over TLS.
///
/// Each person signs in with an account of their own (`orderdesk staff add`); the session's
/// token comes as `Authorization: Bearer <token>`. Over plain HTTP (`--insecure-http`) every
/// staff route is refused before anything is read, since a passphrase or a session token
/// would cross the network readable.
struct StaffGate: Sendable {
  let authority: any StaffAuthority
  /// Whether the service speaks TLS; staff routes are refused when it does not.
  let tls: Bool
  let clock: @Sendable () -> Date

  /// Refuses the request unless the service speaks TLS.
  func requireTLS() throws(ServiceError) {
    guard tls else {
      throw ServiceError(
        .forbidden, .staffNeedsTLS,
        "Staff routes need TLS, and this service runs with --insecure-http. Run it with TLS.")
    }
  }

  /// The member whose session the request carries.
  func member(of request: Request) async throws(ServiceError) -> StaffMember {
    try await member(forToken: try token(of: request))
  }

  /// The member a session token belongs to.
  func member(forToken token: String) async throws(ServiceError) -> StaffMember {
    do {
      return try await authority.member(forToken: token)
    } catch {
      throw refusal(error)
    }
  }

  /// The session token the request carries, or a 401 naming the scheme to use.
  ///
  /// The scheme is matched whatever its case (`bearer`, `BEARER`), as RFC 9110 says schemes
  /// are; the token exactly.
  func token(of request: Request) throws(ServiceError) -> String {
    try requireTLS()
    guard let header = request.headers[.authorization] else {
      throw Self.unauthorized(
        "Sign in first: send the session's token as 'Authorization: Bearer …'.")
    }
    let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else {
      throw Self.unauthorized(
        "Sign in first: send the session's token as 'Authorization: Bearer …'.")
    }
    let token = parts[1].trimmingCharacters(in: .whitespaces)
    guard (1...200).contains(token.utf8.count) else {
      throw Self.unauthorized("That session is not open; sign in again.", tokenGiven: true)
    }
    return token
  }

  /// Refuses a member whose role may not refund.
  static func requireRefunder(_ member: StaffMember) throws(ServiceError) {
    guard member.role.mayRefund else {
      throw ServiceError(
        .forbidden, .forbidden,
        "Refunds need a supervisor; \(member.name) signed in as an agent.")
    }
  }

  func refusal(_ error: StaffAuthorityError) -> ServiceError {
    switch error {
    case .wrongCredentials:
      return ServiceError(
        .unauthorized, .signInFailed,
        "The name, passphrase or code is not right. After 10 failures in a row the account "
          + "is locked for 30 minutes.")
    case .locked(let until):
      var refused = ServiceError(
        .init(code: 423, reasonPhrase: "Locked"), .accountLocked,
        "This account is locked after too many failed sign-ins, until "
          + "\(Date(timeIntervalSince1970: TimeInterval(until)).formatted(.iso8601)); a "
          + "supervisor can reset it sooner.")
      refused.headers[.retryAfter] = String(max(1, until - Int64(clock().timeIntervalSince1970)))
      return refused
    case .disabled:
      return ServiceError(
        .init(code: 423, reasonPhrase: "Locked"), .accountLocked,
        "This account is disabled; ask whoever runs the service to reset it.")
    case .noSession:
      return Self.unauthorized(
        "That session has ended or expired; sign in again.", tokenGiven: true)
    case .sessionLocked:
      var refused = ServiceError(
        .unauthorized, .sessionLocked,
        "This session is locked; unlock it with your passphrase and code.")
      refused.headers[.wwwAuthenticate] = #"Bearer realm="orderdesk-staff", error="invalid_token""#
      return refused
    case .unavailable:
      return ServiceError(
        .serviceUnavailable, .internalError,
        "The staff accounts or the audit trail could not be read or written, so nothing was "
          + "done; try again.")
    case .tooManySessions:
      var refused = ServiceError(
        .serviceUnavailable, .internalError,
        "Too many staff sessions are open; try again in a minute.")
      refused.headers[.retryAfter] = "60"
      return refused
    }
  }

  private static func unauthorized(_ message: String, tokenGiven: Bool = false) -> ServiceError {
    var error = ServiceError(.unauthorized, .unauthorized, message)
    error.headers[.wwwAuthenticate] =
      tokenGiven
      ? #"Bearer realm="orderdesk-staff", error="invalid_token""#
      : #"Bearer realm="orderdesk-staff""#
    return error
  }
}

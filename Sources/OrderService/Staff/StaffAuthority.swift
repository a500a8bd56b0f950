import OrderCore

/// What the service asks of staff accounts, their sessions and the audit trail.
///
/// An authority checks credentials, keeps sessions and appends to the hash-chained trail;
/// it puts signing in and out, locking and unlocking on record itself, so no route can forget
/// one, and the routes record everything else they do. The composition
/// root gives the service the one made from the data directory's `staff.sqlite` and
/// `audit.sqlite`.
public protocol StaffAuthority: Sendable {
  /// Checks the name, passphrase and code, and opens a session; `origin` is the peer.
  func signIn(
    _ credentials: StaffCredentials, origin: String
  ) async throws(StaffAuthorityError)
    -> OpenedStaffSession

  /// The member a session token belongs to, if the session is open, unlocked and unexpired;
  /// each use keeps it alive.
  func member(forToken token: String) async throws(StaffAuthorityError) -> StaffMember

  /// Suspends the session until the same person unlocks it.
  func lock(token: String, origin: String) async throws(StaffAuthorityError)

  /// Resumes a locked session when the passphrase and code are its member's.
  func unlock(
    token: String, passphrase: String, code: String, origin: String
  ) async throws(StaffAuthorityError)
    -> StaffMember

  /// Ends the session, if there is one.
  func signOut(token: String, origin: String) async throws(StaffAuthorityError)

  /// Appends a record to the audit trail.
  func record(_ entry: StaffAuditEntry) async throws
}

/// A session just opened.
public struct OpenedStaffSession: Sendable, Hashable {
  public var member: StaffMember
  public var token: String
  /// The latest moment the session lasts, as seconds since 1970 (UTC).
  public var expiresAt: Int64

  public init(member: StaffMember, token: String, expiresAt: Int64) {
    self.member = member
    self.token = token
    self.expiresAt = expiresAt
  }
}

/// Why an authority refused.
public enum StaffAuthorityError: Error, Sendable, Hashable {
  /// The name, passphrase or code was wrong.
  case wrongCredentials
  /// The account is locked after repeated failures, until then (seconds since 1970, UTC).
  case locked(until: Int64)
  /// The account was disabled.
  case disabled
  /// No open session has this token (never opened, ended, or expired).
  case noSession
  /// The session is locked until its member unlocks it.
  case sessionLocked
  /// Too many sessions are open to open another.
  case tooManySessions
  /// The accounts or the audit trail could not be read or written, so nothing was done.
  case unavailable
}

/// One audit record as the service writes it: who, what, when, with what outcome, from where,
/// about which order.
public struct StaffAuditEntry: Sendable, Hashable {
  public enum Outcome: String, Sendable, Hashable { case success, failure }

  /// Who: the member's name, or `unknown:<name typed>` for a failed sign-in.
  public var actor: String
  public var role: StaffRole?
  /// What, such as `sign-in`, `search`, `order-viewed`, `refund`.
  public var action: String
  public var outcome: Outcome
  /// From where: the peer's address and port.
  public var origin: String
  public var order: OrderNumber?
  /// More words, such as the search text or a refund's amount and reason.
  public var detail: String

  public init(
    actor: String, role: StaffRole?, action: String, outcome: Outcome, origin: String,
    order: OrderNumber? = nil, detail: String = ""
  ) {
    self.actor = actor
    self.role = role
    self.action = action
    self.outcome = outcome
    self.origin = origin
    self.order = order
    self.detail = detail
  }
}

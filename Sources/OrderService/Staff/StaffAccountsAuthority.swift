import OrderCore
import StaffAccounts

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The staff authority made from the data directory: accounts in `staff.sqlite` (managed by
/// `orderdesk staff`), sessions in this process, the audit trail in `audit.sqlite`.
public struct StaffAccountsAuthority: StaffAuthority {
  let directory: StaffDirectory
  let sessions: StaffSessions
  let trail: AuditTrail
  let clock: @Sendable () -> Date

  public init(
    directory: StaffDirectory, sessions: StaffSessions, trail: AuditTrail,
    clock: @escaping @Sendable () -> Date
  ) {
    self.directory = directory
    self.sessions = sessions
    self.trail = trail
    self.clock = clock
  }

  /// Opens (creating if missing) the accounts and the trail in the service's data directory.
  static func open(
    in files: DataDirectory, clock: @escaping @Sendable () -> Date
  ) throws
    -> StaffAccountsAuthority
  {
    try open(directory: files.path, clock: clock)
  }

  /// Opens (creating if missing) the accounts and the trail in `directory`.
  public static func open(
    directory path: String, clock: @escaping @Sendable () -> Date = { Date() }
  ) throws -> StaffAccountsAuthority {
    let directory = try StaffDirectory(directory: path, clock: clock)
    let trail = try AuditTrail(directory: path, clock: clock)
    return StaffAccountsAuthority(
      directory: directory, sessions: StaffSessions(directory: directory, audit: trail),
      trail: trail, clock: clock)
  }

  public func signIn(
    _ credentials: StaffCredentials, origin: String
  ) async throws(StaffAuthorityError) -> OpenedStaffSession {
    do {
      let grant = try await sessions.signIn(
        name: credentials.name, passphrase: credentials.passphrase, code: credentials.code,
        origin: origin, at: clock())
      return OpenedStaffSession(
        member: grant.member, token: grant.token,
        expiresAt: Int64(grant.expiresAt.timeIntervalSince1970))
    } catch {
      throw Self.refusal(error)
    }
  }

  public func member(forToken token: String) async throws(StaffAuthorityError) -> StaffMember {
    do {
      return try await sessions.authenticate(token: token, at: clock())
    } catch {
      throw Self.refusal(.session(error))
    }
  }

  public func lock(token: String, origin: String) async throws(StaffAuthorityError) {
    do {
      try await sessions.lock(token: token, origin: origin, at: clock())
    } catch {
      throw Self.refusal(error)
    }
  }

  public func unlock(
    token: String, passphrase: String, code: String, origin: String
  ) async throws(StaffAuthorityError) -> StaffMember {
    do {
      return try await sessions.unlock(
        token: token, passphrase: passphrase, code: code, origin: origin, at: clock())
    } catch {
      throw Self.refusal(error)
    }
  }

  public func signOut(token: String, origin: String) async throws(StaffAuthorityError) {
    do {
      try await sessions.signOut(token: token, origin: origin, at: clock())
    } catch {
      throw Self.refusal(error)
    }
  }

  public func record(_ entry: StaffAuditEntry) async throws {
    guard let action = AuditAction(rawValue: entry.action) else {
      throw StaffAuthorityError.unavailable
    }
    try await trail.append(
      AuditEntry(
        actor: entry.actor.hasPrefix("unknown:")
          ? .unknown(typed: String(entry.actor.dropFirst(8))) : .staff(entry.actor),
        role: entry.role, action: action,
        outcome: entry.outcome == .success ? .success : .failure, origin: entry.origin,
        order: entry.order, detail: entry.detail))
  }

  private static func refusal(_ error: StaffSessionError) -> StaffAuthorityError {
    switch error {
    case .signIn(.wrongCredentials): .wrongCredentials
    case .signIn(.locked(let until)): .locked(until: Int64(until.timeIntervalSince1970))
    case .signIn(.disabled): .disabled
    case .signIn(.unavailable): .unavailable
    case .session(.locked): .sessionLocked
    case .session: .noSession
    case .tooManySessions: .tooManySessions
    case .audit: .unavailable
    }
  }
}

import Crypto
import ExtrasBase64
import Foundation
import OrderCore

/// The signed-in staff of one service process, in memory.
///
/// A sign-in gives a token of 32 random bytes; only its SHA-256 is kept, so the table of
/// sessions holds nothing that authenticates. A session expires after 30 minutes unused and 8
/// hours after sign-in at the latest (``StaffSessionLimits``); it can be locked (the desk
/// stepped away from) and unlocked only with its member's passphrase and code, and ended.
/// Each request reads the account's standing, so a disable or a reset made by another
/// process (`orderdesk staff disable`) ends its sessions at their next use.
///
/// Sign-in, sign-out, lock and unlock are written to the audit trail here, so no caller can
/// forget one. A sign-in or unlock whose record cannot be written does not happen.
public actor StaffSessions {
  private struct Session {
    let member: StaffMember
    let generation: Int64
    let signedInAt: Date
    var lastUsedAt: Date
    var isLocked = false
  }

  private let directory: StaffDirectory
  private let audit: AuditTrail
  private let limits: StaffSessionLimits
  private var sessions: [[UInt8]: Session] = [:]

  /// Sessions checked against `directory` and recorded in `audit`.
  public init(
    directory: StaffDirectory, audit: AuditTrail, limits: StaffSessionLimits = .standard
  ) {
    self.directory = directory
    self.audit = audit
    self.limits = limits
  }

  /// How many sessions are held, expired ones not yet dropped included.
  public var count: Int { sessions.count }

  /// Signs a member in from `origin` (the peer's address) and opens a session.
  ///
  /// A refusal is recorded with the actor `unknown:<typed name>`: who typed it is not known.
  public func signIn(
    name: String, passphrase: String, code: String, origin: String, at time: Date
  ) async throws(StaffSessionError) -> StaffSessionGrant {
    guard makeRoom(at: time) else {
      try await recordRefusedSignIn(name, "too many sessions are open", origin: origin)
      throw .tooManySessions
    }
    let proof: StaffDirectory.Proof
    do {
      proof = try await directory.check(
        name: name, passphrase: passphrase, code: code, at: time, signingIn: true)
    } catch {
      try await recordRefusedSignIn(name, Self.reason(error), origin: origin)
      throw .signIn(error)
    }
    // Sessions may have opened while the passphrase was being checked.
    guard makeRoom(at: time) else {
      try await recordRefusedSignIn(name, "too many sessions are open", origin: origin)
      throw .tooManySessions
    }
    let token = Self.newToken()
    let key = Self.key(token)
    sessions[key] = Session(
      member: proof.member, generation: proof.generation, signedInAt: time, lastUsedAt: time)
    do {
      try await audit.append(
        AuditEntry(
          actor: .staff(proof.member.name), role: proof.member.role, action: .signIn,
          outcome: .success, origin: origin))
    } catch {
      sessions[key] = nil
      throw .audit(error)
    }
    return StaffSessionGrant(
      token: token, member: proof.member,
      expiresAt: time.addingTimeInterval(limits.lifetimeSeconds))
  }

  /// The member whose live, unlocked session `token` names; marks it used at `time`.
  public func authenticate(token: String, at time: Date) throws(SessionRefusal) -> StaffMember {
    let key = Self.key(token)
    let session = try live(key, at: time)
    guard !session.isLocked else { throw .locked }
    sessions[key]?.lastUsedAt = time
    return session.member
  }

  /// Locks the session: requests are refused until its member unlocks it.
  ///
  /// Locking a locked session changes nothing.
  public func lock(token: String, origin: String, at time: Date) async throws(StaffSessionError) {
    let key = Self.key(token)
    let session: Session
    do {
      session = try live(key, at: time)
    } catch {
      throw .session(error)
    }
    guard !session.isLocked else { return }
    sessions[key]?.isLocked = true
    sessions[key]?.lastUsedAt = time
    try await record(session.member, .lock, .success, origin: origin)
  }

  /// Unlocks a locked session with its member's passphrase and code, checked and counted as
  /// a sign-in is (``StaffDirectory/verify(name:passphrase:code:at:)``): someone else's
  /// credentials do not unlock it.
  @discardableResult
  public func unlock(
    token: String, passphrase: String, code: String, origin: String, at time: Date
  ) async throws(StaffSessionError) -> StaffMember {
    let key = Self.key(token)
    let session: Session
    do {
      session = try live(key, at: time)
    } catch {
      throw .session(error)
    }
    let proof: StaffDirectory.Proof
    do {
      proof = try await directory.check(
        name: session.member.name, passphrase: passphrase, code: code, at: time,
        signingIn: false)
    } catch {
      try await record(session.member, .unlock, .failure, origin: origin, Self.reason(error))
      throw .signIn(error)
    }
    // The session may have ended, or the account been reset, while the hash was checked.
    guard sessions[key] != nil, proof.generation == session.generation else {
      sessions[key] = nil
      try await record(session.member, .unlock, .failure, origin: origin, "the session ended")
      throw .session(.unknown)
    }
    sessions[key]?.isLocked = false
    sessions[key]?.lastUsedAt = time
    try await record(session.member, .unlock, .success, origin: origin)
    return session.member
  }

  /// Ends the session (signs out).
  ///
  /// An unknown or expired token ends nothing and is not recorded.
  public func signOut(token: String, origin: String, at time: Date) async throws(StaffSessionError)
  {
    let key = Self.key(token)
    guard let session = sessions.removeValue(forKey: key) else { return }
    guard !isExpired(session, at: time) else { return }
    try await record(session.member, .signOut, .success, origin: origin)
  }

  /// Ends every session of the account `name` (after it was disabled or reset in this
  /// process); returns how many ended.
  @discardableResult
  public func endSessions(of name: String) -> Int {
    let ended = sessions.filter { $0.value.member.name == name.lowercased() }.map(\.key)
    for key in ended { sessions[key] = nil }
    return ended.count
  }

  /// The session `key` names if it is live at `time` and its account still stands; drops it
  /// otherwise.
  private func live(_ key: [UInt8], at time: Date) throws(SessionRefusal) -> Session {
    guard let session = sessions[key] else { throw .unknown }
    if isExpired(session, at: time) {
      sessions[key] = nil
      throw .expired
    }
    let standing: (disabled: Bool, generation: Int64)?
    do {
      standing = try directory.standing(of: session.member.name)
    } catch {
      // The directory cannot be read: refuse, but keep the session for when it can.
      throw .unknown
    }
    guard let standing, !standing.disabled, standing.generation == session.generation else {
      sessions[key] = nil
      throw .unknown
    }
    return session
  }

  private func isExpired(_ session: Session, at time: Date) -> Bool {
    time.timeIntervalSince(session.lastUsedAt) >= limits.idleSeconds
      || time.timeIntervalSince(session.signedInAt) >= limits.lifetimeSeconds
  }

  /// Whether a new session fits, after dropping expired ones, the oldest first, until one
  /// does.
  private func makeRoom(at time: Date) -> Bool {
    guard sessions.count >= limits.maximumSessions else { return true }
    let expired = sessions.filter { isExpired($0.value, at: time) }
      .sorted { $0.value.signedInAt < $1.value.signedInAt }
    for (key, _) in expired {
      sessions[key] = nil
      if sessions.count < limits.maximumSessions { return true }
    }
    return sessions.count < limits.maximumSessions
  }

  private func record(
    _ member: StaffMember, _ action: AuditAction, _ outcome: AuditOutcome, origin: String,
    _ detail: String = ""
  ) async throws(StaffSessionError) {
    do {
      try await audit.append(
        AuditEntry(
          actor: .staff(member.name), role: member.role, action: action, outcome: outcome,
          origin: origin, detail: detail))
    } catch {
      throw .audit(error)
    }
  }

  private func recordRefusedSignIn(
    _ typed: String, _ reason: String, origin: String
  ) async throws(StaffSessionError) {
    do {
      try await audit.append(
        AuditEntry(
          actor: .unknown(typed: typed), action: .signIn, outcome: .failure, origin: origin,
          detail: reason))
    } catch {
      throw .audit(error)
    }
  }

  private static func reason(_ error: SignInError) -> String {
    switch error {
    case .wrongCredentials: "wrong name, passphrase or code"
    case .locked(let until): "account locked until \(StaffTime.text(until))"
    case .disabled: "account disabled"
    case .unavailable: "the staff database could not be used"
    }
  }

  private static func newToken() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return String(base64Encoding: bytes, options: [.base64UrlAlphabet, .omitPaddingCharacter])
  }

  private static func key(_ token: String) -> [UInt8] {
    Array(SHA256.hash(data: Array(token.utf8)))
  }
}

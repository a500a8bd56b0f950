import Foundation
import GRDB
import OrderCore

extension StaffDirectory {
  /// What a sign-in proved: the member, and the account's generation for their session.
  struct Proof: Sendable {
    let member: StaffMember
    let generation: Int64
  }

  /// What the write transaction of a check decided; thrown only after it commits, so a
  /// failure is counted even though the check fails.
  private enum Decision: Sendable {
    case accepted(Proof)
    case refused(SignInError)
  }

  /// The checks and counting shared by ``signIn(name:passphrase:code:at:)`` and
  /// ``verify(name:passphrase:code:at:)``.
  func check(
    name typed: String, passphrase: String, code: String, at time: Date, signingIn: Bool
  ) async throws(SignInError) -> Proof {
    let now = StaffTime.seconds(time)
    let name = try? StaffName(typed)
    let row: StaffMemberRow?
    do {
      row = try name.flatMap { name in
        try pool.read { db in try StaffMemberRow.fetch(db, name: name) }
      }
    } catch {
      throw .unavailable("The staff database could not be read: \(error)")
    }
    if let row, row.isLocked(at: now), let until = row.lockedUntil {
      throw .locked(until: Date(timeIntervalSince1970: Double(until)))
    }
    let passphraseMatches = await hasher.verify(passphrase, against: row?.passphraseHash)
    guard let row, let name, let key = row.key else { throw .wrongCredentials }
    let step = key.freshStep(of: code, at: time, after: row.lastTOTPStep)
    let decision: Decision
    do {
      decision = try await pool.write { db -> Decision in
        guard var current = try StaffMemberRow.fetch(db, name: name) else {
          return .refused(.wrongCredentials)
        }
        if current.isLocked(at: now), let until = current.lockedUntil {
          return .refused(.locked(until: Date(timeIntervalSince1970: Double(until))))
        }
        // Reset while the hash was being checked: what was checked is no longer the account's.
        guard current.passphraseHash == row.passphraseHash, current.totpKey == row.totpKey else {
          return .refused(.wrongCredentials)
        }
        let proven = passphraseMatches && step != nil
        if current.disabled { return .refused(proven ? .disabled : .wrongCredentials) }
        // Checked again here: two sign-ins with one code may have raced.
        if proven, let step, step > (current.lastTOTPStep ?? Int64.min) {
          current.lastTOTPStep = step
          current.failedAttempts = 0
          current.lockedUntil = nil
          if signingIn { current.lastSignInAt = now }
          try current.update(db)
          return .accepted(Proof(member: current.member, generation: current.generation))
        }
        current.failedAttempts += 1
        if current.failedAttempts >= Self.failuresBeforeLock {
          current.failedAttempts = 0
          current.lockedUntil = now + Self.lockSeconds
        }
        try current.update(db)
        return .refused(.wrongCredentials)
      }
    } catch {
      throw .unavailable("The staff database could not be written: \(error)")
    }
    switch decision {
    case .accepted(let proof): return proof
    case .refused(let error): throw error
    }
  }
}

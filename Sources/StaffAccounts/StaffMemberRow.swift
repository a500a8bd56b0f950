import Foundation
import GRDB
import OrderCore

/// One account as the `staff_member` table keeps it.
struct StaffMemberRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "staff_member"

  var name: String
  var role: StaffRole
  /// bcrypt (`$2b$…`) of the prepared passphrase (see ``PassphraseHasher``).
  var passphraseHash: String
  /// The TOTP key's 20 bytes.
  var totpKey: Data
  /// The last TOTP step whose code signed in; a code of it or an earlier one is refused.
  var lastTOTPStep: Int64?
  var disabled: Bool
  var failedAttempts: Int
  /// Seconds since 1970 (UTC).
  var lockedUntil: Int64?
  /// Counts resets and disables, so a session opened before one of them ends.
  var generation: Int64
  var createdAt: Int64
  var lastSignInAt: Int64?

  enum CodingKeys: String, CodingKey {
    case name, role, disabled, generation
    case passphraseHash = "passphrase_hash"
    case totpKey = "totp_key"
    case lastTOTPStep = "last_totp_step"
    case failedAttempts = "failed_attempts"
    case lockedUntil = "locked_until"
    case createdAt = "created_at"
    case lastSignInAt = "last_sign_in_at"
  }

  enum Columns {
    static let name = Column(CodingKeys.name)
  }

  var member: StaffMember { StaffMember(name: name, role: role) }

  var key: TOTPKey? { TOTPKey(bytes: Array(totpKey)) }

  var account: StaffAccount {
    StaffAccount(
      name: name, role: role, createdAt: Date(timeIntervalSince1970: Double(createdAt)),
      isDisabled: disabled, failedAttempts: failedAttempts,
      lockedUntil: lockedUntil.map { Date(timeIntervalSince1970: Double($0)) },
      lastSignInAt: lastSignInAt.map { Date(timeIntervalSince1970: Double($0)) })
  }

  /// Whether sign-ins are refused at `now` (seconds) for failures.
  func isLocked(at now: Int64) -> Bool { (lockedUntil ?? Int64.min) > now }

  static func fetch(_ db: Database, name: StaffName) throws -> StaffMemberRow? {
    try StaffMemberRow.filter(Columns.name == name.rawValue).fetchOne(db)
  }

  /// The staff database's migrations.
  ///
  /// Once shipped, a migration is never edited.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: staff members") { db in
      try db.execute(
        sql: """
          CREATE TABLE staff_member (
            name TEXT PRIMARY KEY NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
            passphrase_hash TEXT NOT NULL CHECK (passphrase_hash LIKE '$2%'),
            totp_key BLOB NOT NULL CHECK (length(totp_key) = 20),
            last_totp_step INTEGER,
            disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
            failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
            locked_until INTEGER,
            generation INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL,
            last_sign_in_at INTEGER
          ) STRICT
          """)
    }
    return migrator
  }
}

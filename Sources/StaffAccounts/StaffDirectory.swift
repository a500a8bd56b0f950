import Foundation
import GRDB
import OrderCore

/// The staff's personal accounts (PCI DSS 8): a name, a role, a passphrase kept only as a
/// bcrypt hash, a TOTP second factor, and the lock that follows repeated failures.
///
/// The accounts live in `staff.sqlite` in the service's data directory, mode 0600. Every
/// time comes from the caller (`at:`) or from the clock given at creation, so tests move
/// time instead of waiting.
public final class StaffDirectory: Sendable {
  /// The database's file name inside the data directory.
  public static let fileName = "staff.sqlite"
  /// The bcrypt cost used unless another is given.
  public static let defaultBcryptCost: UInt8 = 12
  /// Failed sign-ins in a row that lock an account.
  public static let failuresBeforeLock = 10
  /// How long a lock lasts, in seconds.
  public static let lockSeconds: Int64 = 30 * 60

  /// The database file.
  public let path: String
  let pool: DatabasePool
  let hasher: PassphraseHasher
  private let clock: @Sendable () -> Date

  /// Opens, or creates, the directory in `directory/staff.sqlite`.
  ///
  /// - Parameters:
  ///   - bcryptCost: log2 of bcrypt's rounds for new passphrases, 4 to 31; tests may lower
  ///     it, each step down halves the work.
  ///   - clock: the time new and reset accounts are stamped with.
  public init(
    directory: String, bcryptCost: UInt8 = defaultBcryptCost,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) throws(StaffDirectoryError) {
    guard (4...31).contains(bcryptCost) else { throw .unsupportedCost(Int(bcryptCost)) }
    path = directory + "/" + Self.fileName
    do {
      pool = try PrivateDatabase.open(
        path: path, label: "staff", migrator: StaffMemberRow.migrator)
    } catch {
      throw .storage(error.description)
    }
    hasher = PassphraseHasher(cost: bcryptCost)
    self.clock = clock
  }

  /// Adds an account and returns its second factor for the owner's authenticator app.
  ///
  /// The name is lowered and checked (``StaffName``), the passphrase checked
  /// (``PassphrasePolicy``) and hashed; the TOTP key is new and random.
  public func add(
    name: String, role: StaffRole, passphrase: String
  ) async throws(StaffDirectoryError) -> SecondFactorEnrolment {
    let name = try StaffName(name)
    if let problem = PassphrasePolicy.problem(passphrase, name: name) {
      throw .weakPassphrase(problem)
    }
    // Before the bcrypt, so a duplicate is refused at once.
    if try reading({ db in try StaffMemberRow.fetch(db, name: name) }) != nil {
      throw .duplicateName(name)
    }
    let hash = await hasher.hash(passphrase)
    let key = TOTPKey.random()
    let row = StaffMemberRow(
      name: name.rawValue, role: role, passphraseHash: hash, totpKey: Data(key.bytes),
      lastTOTPStep: nil, disabled: false, failedAttempts: 0, lockedUntil: nil, generation: 1,
      createdAt: StaffTime.seconds(clock()), lastSignInAt: nil)
    do {
      try await pool.write { db in try row.insert(db) }
    } catch let error as DatabaseError
      where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    {
      throw .duplicateName(name)
    } catch {
      throw .storage("The account could not be stored: \(error)")
    }
    return key.enrolment(for: name)
  }

  /// Every account, by name.
  public func list() throws(StaffDirectoryError) -> [StaffAccount] {
    try reading { db in
      try StaffMemberRow.order(StaffMemberRow.Columns.name).fetchAll(db).map(\.account)
    }
  }

  /// The account named `name`, if there is one.
  public func account(named name: String) throws(StaffDirectoryError) -> StaffAccount? {
    let name = try StaffName(name)
    return try reading { db in try StaffMemberRow.fetch(db, name: name)?.account }
  }

  /// Disables an account: it cannot sign in, and its sessions end.
  ///
  /// Disabling a disabled account changes nothing.
  public func disable(name: String) throws(StaffDirectoryError) {
    let name = try StaffName(name)
    let found: Bool
    do {
      found = try pool.write { db in
        guard var row = try StaffMemberRow.fetch(db, name: name) else { return false }
        guard !row.disabled else { return true }
        row.disabled = true
        row.generation += 1
        try row.update(db)
        return true
      }
    } catch {
      throw .storage("The account could not be disabled: \(error)")
    }
    guard found else { throw .unknownName(name) }
  }

  /// Gives an account a new passphrase and a new TOTP key, clears its lock and failure
  /// count, and enables it; sessions opened before end.
  public func reset(
    name: String, passphrase: String
  ) async throws(StaffDirectoryError) -> SecondFactorEnrolment {
    let name = try StaffName(name)
    guard try reading({ db in try StaffMemberRow.fetch(db, name: name) }) != nil else {
      throw .unknownName(name)
    }
    if let problem = PassphrasePolicy.problem(passphrase, name: name) {
      throw .weakPassphrase(problem)
    }
    let hash = await hasher.hash(passphrase)
    let key = TOTPKey.random()
    let found: Bool
    do {
      found = try await pool.write { db in
        guard var row = try StaffMemberRow.fetch(db, name: name) else { return false }
        row.passphraseHash = hash
        row.totpKey = Data(key.bytes)
        row.lastTOTPStep = nil
        row.disabled = false
        row.failedAttempts = 0
        row.lockedUntil = nil
        row.generation += 1
        try row.update(db)
        return true
      }
    } catch {
      throw .storage("The account could not be reset: \(error)")
    }
    guard found else { throw .unknownName(name) }
    return key.enrolment(for: name)
  }

  /// Signs a member in with passphrase and code at `time`, or says why not.
  ///
  /// A locked account is refused before anything is checked. Otherwise the passphrase is
  /// checked (against a dummy hash when the name has no account, so that costs the same),
  /// then the code: the current step's or a neighbour's, later than the last code used. A
  /// failure counts towards the lock; a success clears the count.
  public func signIn(
    name: String, passphrase: String, code: String, at time: Date
  ) async throws(SignInError) -> StaffMember {
    try await check(name: name, passphrase: passphrase, code: code, at: time, signingIn: true)
      .member
  }

  /// The checks and counting of ``signIn(name:passphrase:code:at:)``, for unlocking a locked
  /// desk: the same person proves again who they are.
  public func verify(
    name: String, passphrase: String, code: String, at time: Date
  ) async throws(SignInError) -> StaffMember {
    try await check(name: name, passphrase: passphrase, code: code, at: time, signingIn: false)
      .member
  }

  /// Whether the account can still use sessions opened at `generation`, read for every
  /// authenticated request.
  func standing(of name: String) throws -> (disabled: Bool, generation: Int64)? {
    let name = try StaffName(name)
    return try pool.read { db in
      try StaffMemberRow.fetch(db, name: name).map { ($0.disabled, $0.generation) }
    }
  }

  private func reading<T>(_ read: (Database) throws -> T) throws(StaffDirectoryError) -> T {
    do {
      return try pool.read(read)
    } catch {
      throw .storage("The staff database could not be read: \(error)")
    }
  }
}

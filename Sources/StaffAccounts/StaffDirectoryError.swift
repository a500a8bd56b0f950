import Foundation

/// Why an administration of the staff directory (add, disable, reset, list) was refused.
public enum StaffDirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The name breaks a rule of ``StaffName``; the message says which.
  case invalidName(String)
  /// The passphrase breaks a rule of ``PassphrasePolicy``.
  case weakPassphrase(PassphraseProblem)
  /// No account has this name.
  case unknownName(StaffName)
  /// An account already has this name.
  case duplicateName(StaffName)
  /// The bcrypt cost is outside 4...31.
  case unsupportedCost(Int)
  /// The staff database could not be opened, read or written.
  case storage(String)

  public var description: String {
    switch self {
    case .invalidName(let message): message
    case .weakPassphrase(let problem): problem.description
    case .unknownName(let name): "There is no staff account named '\(name)'."
    case .duplicateName(let name): "There is already a staff account named '\(name)'."
    case .unsupportedCost(let cost): "A bcrypt cost must be from 4 to 31, not \(cost)."
    case .storage(let message): message
    }
  }
}

/// Why a sign-in, or the check that unlocks a locked desk, was refused.
///
/// A wrong passphrase, a wrong, stale or replayed code and a name that has no account are
/// one answer, so the answer does not tell which names exist.
public enum SignInError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The name, the passphrase or the code is wrong.
  case wrongCredentials
  /// Too many failures in a row: nothing is checked until `until`.
  case locked(until: Date)
  /// The account is disabled; said only to someone who gave its right passphrase and code.
  case disabled
  /// The staff database could not be read or written.
  case unavailable(String)

  public var description: String {
    switch self {
    case .wrongCredentials: "The name, passphrase or code is wrong."
    case .locked(let until):
      "The account is locked after too many failed sign-ins, until \(StaffTime.text(until))."
    case .disabled: "The account is disabled."
    case .unavailable(let message): message
    }
  }
}

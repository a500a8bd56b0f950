import ExtrasBase64
import Foundation
import HummingbirdOTP
import OrderCore
import StaffAccounts

/// Staff accounts for tests, made in a service's data directory as `orderdesk staff add`
/// makes them (with a cheaper bcrypt cost), and the codes their authenticator app would show.
public enum StaffTestAccounts {
  /// A passphrase the policy accepts.
  public static let passphrase = "correct horse 42 staple"

  /// Adds the account and returns its TOTP secret in base32.
  public static func add(
    _ name: String, role: StaffRole, in directory: String, passphrase: String = passphrase
  ) async throws -> String {
    let accounts = try StaffDirectory(directory: directory, bcryptCost: 4)
    return try await accounts.add(name: name, role: role, passphrase: passphrase).secret
  }

  /// The six digits an authenticator shows for `secret` (base32) at `date`.
  public static func code(secret: String, at date: Date = Date()) throws -> String {
    let key = try secret.base32decoded()
    let totp = TOTP(
      secret: String(decoding: key, as: UTF8.self), length: 6, timeStep: 30, hashFunction: .sha1)
    let value = String(totp.compute(date: date))
    return String(repeating: "0", count: max(0, 6 - value.count)) + value
  }
}

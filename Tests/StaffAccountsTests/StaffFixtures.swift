import ExtrasBase64
import Foundation
import HummingbirdOTP
import StaffAccounts

/// A moment on a TOTP step boundary plus ten seconds, far from any other step change.
let startOfTest = Date(timeIntervalSince1970: 1_796_000_010)

/// A passphrase every rule accepts.
let goodPassphrase = "correct horse 42 battery"

/// Runs `body` with a new private directory, removed after.
func withStaffDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("staff-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(
    at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  defer { try? FileManager.default.removeItem(at: url) }
  return try await body(url.path)
}

/// The code an authenticator app shows at `time` for the base32 `secret`, computed with
/// HummingbirdOTP as an app would, not with the library's own code.
func authenticatorCode(_ secret: String, at time: Date) throws -> String {
  let key = try secret.base32decoded()
  let value = TOTP(secret: String(decoding: key, as: UTF8.self)).compute(date: time)
  return String(format: "%06d", value)
}

/// A directory with cheap bcrypt (cost 4: each step down from 12 halves the work).
func cheapDirectory(
  _ path: String, clock: @escaping @Sendable () -> Date = { startOfTest }
)
  throws -> StaffDirectory
{
  try StaffDirectory(directory: path, bcryptCost: 4, clock: clock)
}

/// Every byte of the files in `directory` (the database, its WAL and shared memory).
func allBytes(in directory: String) throws -> [UInt8] {
  var bytes: [UInt8] = []
  for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
    if let data = FileManager.default.contents(atPath: directory + "/" + name) {
      bytes += data
    }
  }
  return bytes
}

/// Whether `haystack` holds `needle`.
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
  guard !needle.isEmpty, haystack.count >= needle.count else { return false }
  for start in 0...(haystack.count - needle.count)
  where haystack[start] == needle[0] && Array(haystack[start..<start + needle.count]) == needle {
    return true
  }
  return false
}

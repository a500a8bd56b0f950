import Crypto
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where the service keeps its files.
///
/// No vault key and no card data is ever among them: the vault keeps its own directory, in
/// its own process.
struct DataDirectory {
  let path: String

  var ordersDatabase: String { path + "/orders.sqlite" }
  var tls: String { path + "/tls" }
  var logs: String { path + "/logs" }
  /// Staff accounts: names, roles, bcrypt hashes, second-factor secrets, lock-outs.
  var staffDatabase: String { path + "/staff.sqlite" }
  /// The hash-chained audit trail of every staff action.
  var auditDatabase: String { path + "/audit.sqlite" }
  /// The shared token staff used before they had accounts; no longer read.
  var retiredStaffToken: String { path + "/staff-token" }
  private var signingKeyFile: String { path + "/download-signing.key" }

  /// Creates the directory 0700 if it is missing, then refuses it if it, or anything in it,
  /// is open to other users (see ``PrivateFiles``), and creates the orders database 0600 so
  /// that SQLite gives its WAL and shared-memory files the same mode.
  func create() throws {
    do throws(PrivateFiles.Problem) {
      try PrivateFiles.createDirectory(path)
      if let problem = PrivateFiles.problem(under: path) { throw problem }
      try PrivateFiles.createFile(ordersDatabase)
    } catch {
      throw DataDirectoryError("The data directory \(path) is not private: \(error.description)")
    }
  }

  /// The key download links are signed with: made once, kept readable by the owner only.
  func downloadSigningKey() throws -> SymmetricKey {
    if let existing = FileManager.default.contents(atPath: signingKeyFile) {
      guard existing.count == 32 else {
        throw DataDirectoryError(
          "\(signingKeyFile) should hold 32 bytes but holds \(existing.count); remove it to make a new one."
        )
      }
      return SymmetricKey(data: existing)
    }
    let key = SymmetricKey(size: .bits256)
    let bytes = key.withUnsafeBytes { Data($0) }
    do {
      try PrivateFiles.writeNewFile(signingKeyFile, Array(bytes))
    } catch {
      throw DataDirectoryError("could not write \(signingKeyFile): \(error.description)")
    }
    return key
  }
}

/// A problem with the data directory, naming the file.
struct DataDirectoryError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) { self.description = description }
}

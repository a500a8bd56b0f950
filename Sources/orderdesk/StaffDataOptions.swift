import ArgumentParser
import Foundation
import OrderCore
import StaffAccounts

#if canImport(Glibc)
  import Glibc
#endif

/// Where `orderdesk staff` and `orderdesk audit` find the service's files: the same
/// `--data-dir` the service uses, and the desk's default for its embedded service.
struct StaffDataOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The order service's data directory (default: $XDG_DATA_HOME/orderdesk).",
      discussion: "The one given to 'orderdesk serve --data-dir'; run as the service's user."))
  var dataDir: String?

  /// `--data-dir`, or the desk's default.
  var path: String {
    DeskConnectionSettings(dataDir: dataDir).resolvedDataDirectory(
      environment: ProcessInfo.processInfo.environment, home: { NSHomeDirectory() })
  }

  /// The directory, made 0700 if it is missing, and refused if anything in it is open to
  /// other users, as the service refuses it.
  func privateDirectory() throws -> String {
    let path = path
    do throws(PrivateFiles.Problem) {
      try PrivateFiles.createDirectory(path)
      if let problem = PrivateFiles.problem(under: path) { throw problem }
    } catch {
      throw AdministrationError("The data directory \(path) is not private: \(error.description)")
    }
    return path
  }

  func directory() throws -> StaffDirectory {
    do {
      return try StaffDirectory(directory: try privateDirectory())
    } catch let error as StaffDirectoryError {
      throw AdministrationError(error.description)
    }
  }

  /// The audit trail; for a command that changes what it must record (`appending`), only
  /// if it takes records now, so nothing changes unrecorded.
  func auditTrail(appending: Bool = false) throws -> AuditTrail {
    do {
      let trail = try AuditTrail(directory: try privateDirectory())
      if appending { try trail.checkAppendable() }
      return trail
    } catch let error as AuditTrailError {
      throw AdministrationError(error.description)
    }
  }

  /// The actor administration commands are recorded as: `admin:<system user>`.
  static var administrator: AuditActor {
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
      return .admin(systemUser: String(cString: name))
    }
    return .admin(systemUser: "uid-\(geteuid())")
  }
}

/// A refusal of an administration command: printed as `Error: …`, exit status 1.
struct AdministrationError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) { self.description = description }
}

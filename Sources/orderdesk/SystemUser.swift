import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A system account a vault started as root drops to: its files become that account's, and
/// the process gives up root once it listens.
struct SystemUser {
  let name: String
  let uid: uid_t
  let gid: gid_t

  init(named name: String) throws {
    guard let entry = getpwnam(name) else {
      throw ValidationError("There is no user named \(name) on this system.")
    }
    self.name = name
    uid = entry.pointee.pw_uid
    gid = entry.pointee.pw_gid
  }

  /// Makes everything under `paths` this user's, keeping each file's mode.
  func own(_ paths: String...) throws {
    for path in paths where FileManager.default.fileExists(atPath: path) {
      try Self.changeOwner(path, uid: uid, gid: gid)
    }
  }

  /// Gives up root for this user, for good: supplementary groups first, then group, then user.
  func become() throws {
    guard setgroups(0, nil) == 0, setgid(gid) == 0, setuid(uid) == 0 else {
      throw ValidationError(
        "The vault could not become user \(name): \(String(cString: strerror(errno))).")
    }
    // Root must not be reachable again.
    guard setuid(0) != 0 else {
      throw ValidationError("The vault could still become root after dropping to \(name).")
    }
  }

  /// Run as root on a vault's directory owned by another user: gives what a command just
  /// wrote under `paths` back to that user, so the vault can still read it.
  static func giveToOwner(of directory: String, _ paths: String...) throws {
    guard geteuid() == 0 else { return }
    var status = stat()
    guard stat(directory, &status) == 0, status.st_uid != 0 else { return }
    for path in paths where FileManager.default.fileExists(atPath: path) {
      try changeOwner(path, uid: status.st_uid, gid: status.st_gid)
    }
  }

  private static func changeOwner(_ path: String, uid: uid_t, gid: gid_t) throws {
    guard lchown(path, uid, gid) == 0 else {
      throw ValidationError(
        "\(path) could not be given to user \(uid): \(String(cString: strerror(errno))).")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { return }
    for entry in try FileManager.default.contentsOfDirectory(atPath: path) {
      try changeOwner(path + "/" + entry, uid: uid, gid: gid)
    }
  }
}

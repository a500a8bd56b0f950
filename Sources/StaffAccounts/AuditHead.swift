import Foundation
import OrderCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The last record's sequence number and hash, kept in `audit.head` beside the database, so
/// that deleting the last records (which leaves a chain that is whole) is found too.
///
/// It is written after each append commits, by a new file renamed over the old one (mode
/// 0600, flushed, the directory flushed after), so it is always whole. It may lag behind the
/// database, after a crash between commit and rename or when two processes append at once,
/// but never run ahead of it unless records were removed.
struct AuditHead: Sendable, Hashable {
  static let fileName = "audit.head"
  private static let firstLine = "orderdesk audit head v1"

  let sequence: Int64
  let hash: [UInt8]

  /// The head of an empty trail.
  static let empty = AuditHead(sequence: 0, hash: AuditChain.origin)

  /// What the file holds: `orderdesk audit head v1`, then `SEQUENCE HASH-IN-HEX`.
  var text: String { "\(Self.firstLine)\n\(sequence) \(hash.hexadecimal)\n" }

  /// The head in `path`, `nil` when there is no such file; throws when it cannot be read.
  static func read(_ path: String) throws(AuditTrailError) -> AuditHead? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .storage("\(path) cannot be read.")
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    let fields = lines.count == 2 ? lines[1].split(separator: " ") : []
    guard lines.first == Substring(firstLine), fields.count == 2,
      let sequence = Int64(fields[0]), sequence >= 0,
      let hash = [UInt8](hexadecimal: fields[1]), hash.count == 32
    else {
      throw .storage("\(path) is not an audit head file.")
    }
    return AuditHead(sequence: sequence, hash: hash)
  }

  /// Replaces the file at `path` with this head, atomically.
  func write(to path: String) throws(AuditTrailError) {
    let directory = PrivateDatabase.directory(of: path)
    let temporary = path + ".\(UUID().uuidString).new"
    do {
      try PrivateFiles.writeNewFile(temporary, Array(text.utf8))
    } catch {
      throw .storage("The audit head could not be written: \(error.description)")
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .storage("The audit head could not be replaced (\(reason)).")
    }
    let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if descriptor >= 0 {
      fsync(descriptor)
      close(descriptor)
    }
  }
}

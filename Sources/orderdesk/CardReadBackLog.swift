import DeskRuntime
import DeskUI
import Foundation
import OrderCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The desk's audit log of card numbers shown to be read back to a caller: one JSON line per
/// read-back in `audit/card-read-backs.jsonl` of the desk's data directory, never a digit.
///
/// Each line says when, which desk (an id made once and kept in `desk-id` beside the log), the
/// order in progress (its idempotency key, which the order service keeps with the order) and
/// who was at the desk (the signed-in member of staff's name, `null` at a customer's desk). Lines are appended with
/// `O_APPEND` and synced before the desk shows the number, so two desks on one directory
/// never interleave and a crash right after cannot lose the line. Nothing is read or made
/// before the first read-back.
struct CardReadBackLog: CardReadBackJournal {
  /// The desk's data directory.
  let directory: String

  var auditDirectory: String { directory + "/audit" }
  var path: String { auditDirectory + "/card-read-backs.jsonl" }
  var deskIDPath: String { auditDirectory + "/desk-id" }

  /// One line of the log.
  struct Entry: Encodable {
    let event = "card_number_read_back"
    let at: Date
    let desk: String
    let orderInProgress: String
    /// The member of staff signed in at the desk; `nil` at a customer's desk.
    let staff: String?

    private enum CodingKeys: String, CodingKey {
      case event, at, desk, orderInProgress, staff
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(event, forKey: .event)
      try container.encode(at, forKey: .at)
      try container.encode(desk, forKey: .desk)
      try container.encode(orderInProgress, forKey: .orderInProgress)
      // Written as `null` rather than left out, so every line has the same fields.
      try container.encode(staff, forKey: .staff)
    }
  }

  /// Appends a read-back made `at` and waits until it is on disk.
  func record(_ readBack: CardReadBackRecord, at date: Date) throws {
    try PrivateFiles.createDirectory(auditDirectory)
    let entry = Entry(
      at: date, desk: try deskID(), orderInProgress: readBack.orderInProgress.rawValue,
      staff: readBack.staff?.name)
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    try append(try encoder.encode(entry) + Data("\n".utf8), to: path)
  }

  /// This desk's id: made once, at random, and kept; desks sharing the directory share it.
  func deskID() throws -> String {
    if let kept = keptDeskID() { return kept }
    let id = "desk-" + UUID().uuidString.lowercased()
    // Written whole under a name of its own, then linked into place: a desk starting at the
    // same moment either wins the link or reads the winner's id, never a half-written file.
    let draft = deskIDPath + "." + UUID().uuidString
    try append(Data((id + "\n").utf8), to: draft)
    defer { unlink(draft) }
    if link(draft, deskIDPath) == 0 { return id }
    let code = errno
    if code == EEXIST, let kept = keptDeskID() { return kept }
    throw CardReadBackLogError(path: deskIDPath, code: code)
  }

  private func keptDeskID() -> String? {
    guard let data = FileManager.default.contents(atPath: deskIDPath) else { return nil }
    let id = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return id.isEmpty ? nil : id
  }

  /// Appends `data` to the file at `path` (made 0600 if missing) in one write, and syncs it.
  private func append(_ data: Data, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw CardReadBackLogError(path: path, code: errno) }
    defer { close(descriptor) }
    let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == data.count, fsync(descriptor) == 0 else {
      throw CardReadBackLogError(path: path, code: errno)
    }
  }
}

/// Why the audit log could not be written, with the file and the system's reason.
struct CardReadBackLogError: Error, CustomStringConvertible {
  let path: String
  let code: Int32

  var description: String { "\(path): \(String(cString: strerror(code)))" }
}

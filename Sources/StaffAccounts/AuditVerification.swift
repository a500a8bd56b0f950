/// What ``AuditTrail/verify()`` found.
public enum AuditVerification: Sendable, Hashable, CustomStringConvertible {
  /// Every record chains to the one before, none is missing, and the head file names the
  /// last one (or one before it, when an append had not yet written it).
  case intact(records: Int)
  /// The first place where the trail is not what was written.
  case broken(AuditBreak)

  public var description: String {
    switch self {
    case .intact(let count): "audit trail intact: \(count) records"
    case .broken(let problem): "audit trail broken: \(problem)"
    }
  }
}

/// The first broken place in the audit trail.
public struct AuditBreak: Sendable, Hashable, CustomStringConvertible {
  /// What is wrong there.
  public enum Problem: Sendable, Hashable {
    /// The record's fields no longer give its stored hash: a field was changed (or the
    /// record moved to another sequence number).
    case altered
    /// The record does not name the hash of the record before it: one before it was changed
    /// and re-hashed, or the records were reordered.
    case doesNotFollow
    /// The record with this sequence number is missing (deleted).
    case missing
    /// The head file names this record, but the trail ends before it: the last records were
    /// deleted.
    case truncated(lastPresent: Int64)
    /// The head file's hash differs from the hash of the record it names.
    case headMismatch
    /// The trail has records but its head file is gone.
    case headMissing
  }

  /// The sequence number of the broken record (for the head file's problems, the one the
  /// head file names, or the last record).
  public let sequence: Int64
  /// What is wrong.
  public let problem: Problem

  public var description: String {
    switch problem {
    case .altered:
      "record \(sequence) was altered: its fields do not give its hash"
    case .doesNotFollow:
      "record \(sequence) does not follow the record before it: the chain is broken there"
    case .missing:
      "record \(sequence) is missing: it was deleted"
    case .truncated(let last):
      "records after \(last) were deleted: the head file names record \(sequence)"
    case .headMismatch:
      "the head file names record \(sequence) with another hash"
    case .headMissing:
      "the head file \(AuditHead.fileName) is missing; the trail's last record is \(sequence)"
    }
  }
}

/// Why the audit trail could not be opened, written or read.
public enum AuditTrailError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The database or head file could not be opened, read or written.
  case storage(String)
  /// An append was refused because the trail is not whole (its last records were deleted):
  /// appending would hide that.
  case broken(AuditBreak)

  public var description: String {
    switch self {
    case .storage(let message): message
    case .broken(let problem):
      "The audit trail is broken (\(problem)); nothing more is recorded until it is looked "
        + "into: run 'orderdesk audit verify'."
    }
  }
}

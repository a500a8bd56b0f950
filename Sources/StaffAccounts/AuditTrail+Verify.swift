import GRDB

extension AuditTrail {
  /// Walks the whole chain and reports the first broken place, or how many records it
  /// checked.
  ///
  /// Each record must have the next sequence number, its fields must give its stored hash,
  /// and its previous hash must be the hash of the record before; then the head file must
  /// name the last record, or an earlier one with that record's hash (a head written after
  /// the walk began, or lagging after a crash), never a record that is not there. The head
  /// file is read before the walk, so an append during the walk cannot make it run ahead.
  ///
  /// It reads and hashes every record on the calling thread: a service calls it off the
  /// cooperative pool, as it does bcrypt.
  public func verify() throws(AuditTrailError) -> AuditVerification {
    let head = try AuditHead.read(headPath)
    do {
      return try pool.read { db in
        var expected: Int64 = 1
        var previous = AuditChain.origin
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_record ORDER BY sequence")
        while let row = try rows.next() {
          let sequence = Int64.fromDatabaseValue(row["sequence"]) ?? expected
          guard sequence <= expected else {
            return .broken(AuditBreak(sequence: expected, problem: .missing))
          }
          guard sequence == expected, let fields = AuditChain.Fields(row: row),
            let previousHash = Self.bytes(row, "previous_hash"),
            let hash = Self.bytes(row, "hash"),
            AuditChain.hash(fields, previousHash: previousHash) == hash
          else {
            return .broken(AuditBreak(sequence: sequence, problem: .altered))
          }
          guard previousHash == previous else {
            return .broken(AuditBreak(sequence: sequence, problem: .doesNotFollow))
          }
          previous = hash
          expected += 1
        }
        let last = AuditHead(sequence: expected - 1, hash: previous)
        if let problem = try Self.headProblem(head, last: last, db: db) {
          return .broken(problem)
        }
        return .intact(records: Int(last.sequence))
      }
    } catch let error as AuditTrailError {
      throw error
    } catch {
      throw .storage("The audit trail could not be read: \(error)")
    }
  }

  /// Throws ``AuditTrailError/broken(_:)`` when an append would be refused now (the last
  /// records were removed, or the head file is gone): a command checks this before it
  /// changes anything it must record.
  public func checkAppendable() throws(AuditTrailError) {
    let head = try AuditHead.read(headPath)
    let problem: AuditBreak?
    do {
      problem = try pool.read { db in try Self.headProblem(head, last: Self.lastLink(db), db: db) }
    } catch let error as AuditTrailError {
      throw error
    } catch {
      throw .storage("The audit trail could not be read: \(error)")
    }
    if let problem { throw .broken(problem) }
  }

  /// What is wrong between the head file's `head` and the trail whose last record is
  /// `last`, or `nil`.
  static func headProblem(
    _ head: AuditHead?, last: AuditHead, db: Database
  ) throws
    -> AuditBreak?
  {
    guard let head else {
      return last.sequence == 0 ? nil : AuditBreak(sequence: last.sequence, problem: .headMissing)
    }
    if head.sequence > last.sequence {
      return AuditBreak(sequence: head.sequence, problem: .truncated(lastPresent: last.sequence))
    }
    if head.sequence == last.sequence {
      return head.hash == last.hash
        ? nil : AuditBreak(sequence: head.sequence, problem: .headMismatch)
    }
    let named =
      head.sequence == 0
      ? AuditChain.origin
      : try Row.fetchOne(
        db, sql: "SELECT hash FROM audit_record WHERE sequence = ?", arguments: [head.sequence]
      ).flatMap { bytes($0, "hash") }
    return named == head.hash ? nil : AuditBreak(sequence: head.sequence, problem: .headMismatch)
  }
}

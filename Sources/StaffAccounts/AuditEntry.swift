import Foundation
import OrderCore

/// What a caller asks the trail to record; the trail adds the sequence number, the time and
/// the hashes.
public struct AuditEntry: Sendable, Hashable {
  /// Who acted.
  public var actor: AuditActor
  /// Their role, when known (not for a failed sign-in or an administrator).
  public var role: StaffRole?
  /// What was done.
  public var action: AuditAction
  /// Whether it succeeded.
  public var outcome: AuditOutcome
  /// Where from: the peer's address, or `cli` for administration commands.
  public var origin: String
  /// The order concerned, if any.
  public var order: OrderNumber?
  /// Free text, at most 500 characters; a card number in it is replaced before it is written.
  public var detail: String

  /// An entry; `detail` may be empty.
  public init(
    actor: AuditActor, role: StaffRole? = nil, action: AuditAction, outcome: AuditOutcome,
    origin: String, order: OrderNumber? = nil, detail: String = ""
  ) {
    self.actor = actor
    self.role = role
    self.action = action
    self.outcome = outcome
    self.origin = origin
    self.order = order
    self.detail = detail
  }
}

/// A record of the trail as stored (PCI DSS 10.2.2: who, what, when, outcome, from where,
/// which order), with the hash that chains it to the one before.
public struct AuditRecord: Sendable, Hashable {
  /// Its place in the chain, from 1, without gaps.
  public let sequence: Int64
  /// When it was recorded, in milliseconds since 1970 (UTC).
  public let milliseconds: Int64
  /// Who: an account name, `unknown:<typed name>` or `admin:<system user>`.
  public let actor: String
  /// The actor's role, when known.
  public let role: StaffRole?
  /// What was done.
  public let action: AuditAction
  /// Whether it succeeded.
  public let outcome: AuditOutcome
  /// Where from.
  public let origin: String
  /// The order number, if one was concerned.
  public let order: String?
  /// Free text with card numbers replaced.
  public let detail: String
  /// The previous record's hash; 32 zero bytes for the first.
  public let previousHash: [UInt8]
  /// SHA-256 over this record's fields and the previous hash (see ``AuditChain``).
  public let hash: [UInt8]

  /// When it was recorded.
  public var time: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}

/// Which records ``AuditTrail/records(_:)`` lists; every field left `nil` matches all.
public struct AuditFilter: Sendable, Hashable {
  /// The actor field exactly: `alice`, `unknown:bob`, `admin:root`.
  public var actor: String?
  public var action: AuditAction?
  public var order: OrderNumber?
  public var outcome: AuditOutcome?
  /// Records at or after this time.
  public var since: Date?
  /// Records before this time.
  public var until: Date?
  /// The newest this many of those that match (still listed oldest first).
  public var limit: Int?

  /// A filter; with no arguments, every record.
  public init(
    actor: String? = nil, action: AuditAction? = nil, order: OrderNumber? = nil,
    outcome: AuditOutcome? = nil, since: Date? = nil, until: Date? = nil, limit: Int? = nil
  ) {
    self.actor = actor
    self.action = action
    self.order = order
    self.outcome = outcome
    self.since = since
    self.until = until
    self.limit = limit
  }
}

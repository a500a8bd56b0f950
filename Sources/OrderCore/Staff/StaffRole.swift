/// What a member of staff may do: an agent takes and looks up orders, a supervisor also
/// refunds them.
///
/// The raw values are the words stored in the staff database, written in the audit trail and
/// sent over the wire, so they never change.
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable {
  /// Types in phone, fax and mail orders, searches and views orders.
  case agent
  /// What an agent does, and refunds.
  case supervisor

  /// Whether this role may refund a charge.
  public var mayRefund: Bool { self == .supervisor }
}

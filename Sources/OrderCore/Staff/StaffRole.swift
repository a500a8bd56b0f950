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

/// A signed-in member of staff, as the desk and the service name them.
public struct StaffMember: Sendable, Hashable, Codable {
  /// The account's name: 1 to 32 of `a-z`, `0-9`, `.`, `_` and `-`.
  public var name: String
  public var role: StaffRole

  public init(name: String, role: StaffRole) {
    self.name = name
    self.role = role
  }
}

/// What a member of staff types to sign in or to unlock a locked desk.
///
/// The passphrase never appears in a description, a dump or a log line.
public struct StaffCredentials: Sendable, Hashable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  public var name: String
  public var passphrase: String
  /// The six digits of the authenticator app's current code.
  public var code: String

  public init(name: String, passphrase: String, code: String) {
    self.name = name
    self.passphrase = passphrase
    self.code = code
  }

  public var description: String { "StaffCredentials(name: \(name), passphrase: •••, code: •••)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: ["name": name]) }
}

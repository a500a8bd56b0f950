/// What an audit record says was done (PCI DSS 10.2.1 and 10.2.2's "type of event").
///
/// The raw values are stored, hashed into the chain and shown, so they never change.
public enum AuditAction: String, Sendable, Hashable, Codable, CaseIterable {
  case signIn = "sign-in"
  case signOut = "sign-out"
  case lock = "lock"
  case unlock = "unlock"
  case search = "search"
  case orderViewed = "order-viewed"
  case customerSearch = "customer-search"
  case cardRevealed = "card-revealed"
  case orderEntered = "order-entered"
  case refund = "refund"
  case accountAdded = "account-added"
  case accountDisabled = "account-disabled"
  case accountReset = "account-reset"
  /// The accounts were listed (who has access, and its state).
  case accountsListed = "accounts-listed"
  /// The audit trail itself was read (PCI DSS 10.2.1.3).
  case auditViewed = "audit-viewed"
}

/// Whether what was tried succeeded.
public enum AuditOutcome: String, Sendable, Hashable, Codable, CaseIterable {
  case success
  case failure
}

/// Who acted, as the audit record names them.
public enum AuditActor: Sendable, Hashable, CustomStringConvertible {
  /// A signed-in member of staff, by account name.
  case staff(String)
  /// Someone who failed to sign in, by the name they typed: `unknown:<typed>`.
  case unknown(typed: String)
  /// An operator running `orderdesk` administration commands, by system user:
  /// `admin:<user>`.
  case admin(systemUser: String)

  /// The text stored in the record's actor field.
  public var description: String {
    switch self {
    case .staff(let name): name
    case .unknown(let typed): "unknown:" + typed
    case .admin(let user): "admin:" + user
    }
  }
}

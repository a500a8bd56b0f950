/// A key rotation, a purge, an attempt refused by a limit or a decline that suggests fraud, as
/// the vault's append-only audit table records it.
///
/// The detail names key ids, generations, counts, limits, references and client addresses; it
/// never holds card data.
public struct VaultAuditEvent: Sendable, Hashable {
  /// What happened.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A new HPKE key became current; the previous one is accepted for a grace period.
    case keyRotation = "key-rotation"
    /// A new data key replaced the old one and every stored number was re-encrypted.
    case dataKeyRotation = "data-key-rotation"
    /// The data key was wrapped by a new key-encryption key and the old one deleted.
    case keyEncryptionKeyRotation = "kek-rotation"
    /// Card numbers past the retention period were deleted.
    case purge = "purge"
    /// An authorization was refused because an attempt limit was reached.
    case velocityLimited = "velocity-limited"
    /// The issuer declined a card as lost, stolen, to be picked up or fraudulent; the customer
    /// was told only that it was declined, and this keeps the real reason for staff.
    case fraudSignalDecline = "fraud-signal-decline"
  }

  /// When, as seconds since 1970 (UTC).
  public let at: Int64
  /// What happened.
  public let kind: Kind
  /// Key ids or counts, in words.
  public let detail: String

  /// An audit event as recorded.
  public init(at: Int64, kind: Kind, detail: String) {
    self.at = at
    self.kind = kind
    self.detail = detail
  }
}

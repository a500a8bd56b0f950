import DeskUI
import Foundation

/// The desk's port to the audit log of card numbers read back to a caller: a read-back is
/// shown only once it is on record.
public protocol CardReadBackJournal: Sendable {
  /// Appends `readBack`, made at `date`; throws if it could not be kept.
  func record(_ readBack: CardReadBackRecord, at date: Date) throws
}

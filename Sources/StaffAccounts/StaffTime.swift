import Foundation

/// How the staff library turns times into the whole seconds and milliseconds it stores, and
/// into text for people.
enum StaffTime {
  /// Whole seconds since 1970 (UTC), rounded down.
  static func seconds(_ date: Date) -> Int64 {
    Int64(date.timeIntervalSince1970.rounded(.down))
  }

  /// Whole milliseconds since 1970 (UTC), rounded down.
  static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
  }

  /// `date` as ISO 8601 in UTC, to the second: `2026-12-07T14:30:00Z`.
  static func text(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}

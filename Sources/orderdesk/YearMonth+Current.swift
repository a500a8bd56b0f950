import ArgumentParser
import Foundation
import OrderCore

extension YearMonth {
  /// This month in UTC, which card expiries are checked against.
  static func current(_ now: Date = Date()) throws -> YearMonth {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let parts = calendar.dateComponents([.year, .month], from: now)
    guard let year = parts.year, let month = parts.month,
      let current = YearMonth(year: year, month: month)
    else { throw ValidationError("the system clock does not give a valid date") }
    return current
  }
}

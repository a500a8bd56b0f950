/// A day typed as `YYYY-MM-DD`, checked against the calendar.
enum CalendarDay {
  /// What is wrong with `text` as a day, in words for the field; `nil` when it is one, or
  /// empty.
  static func problem(_ text: String) -> String? {
    let text = text.trimmed
    guard !text.isEmpty else { return nil }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else {
      return "Type a day as YYYY-MM-DD, such as 2026-12-07."
    }
    guard (1...12).contains(month), (1...days(inMonth: month, of: year)).contains(day),
      year >= 1970
    else {
      return "\(text) is not a day of the calendar."
    }
    return nil
  }

  static func days(inMonth month: Int, of year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

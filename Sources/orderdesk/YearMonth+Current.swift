import OrderCore

#if canImport(Glibc)
  import Glibc
#endif

extension YearMonth {
  /// The month in UTC at `time` (seconds since 1970), which card expiries are checked against.
  static func current(at time: time_t = time(nil)) -> YearMonth? {
    var time = time
    var parts = tm()
    guard gmtime_r(&time, &parts) != nil else { return nil }
    return YearMonth(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1)
  }
}

import OrderCore

#if canImport(Glibc)
  import Glibc
#endif

extension YearMonth {
  /// The month in UTC at `time` (seconds since 1970), which card expiries are checked against.
  static func current(at time: time_t = time(nil)) -> YearMonth {
    YearMonth(utcSecondsSince1970: Int(time))
  }
}

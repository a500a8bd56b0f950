extension TextLayout {
  /// A moment (UTC) for seconds since 1970, as `YYYY-MM-DD HH:MM`.
  static func dateTime(epochSeconds: Int64) -> String {
    var seconds = epochSeconds % 86_400
    if seconds < 0 { seconds += 86_400 }
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return date(epochSeconds: epochSeconds) + " " + two(seconds / 3_600) + ":"
      + two(seconds % 3_600 / 60)
  }
}

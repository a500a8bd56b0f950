extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  ///
  /// Works on Unicode scalars so that it never splits a grapheme cluster.
  func trimmingASCIIWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return String(scalars[first...last])
  }
}

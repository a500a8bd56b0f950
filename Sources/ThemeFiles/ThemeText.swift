/// Checks on the text a theme file holds, which ends up on the terminal.
enum ThemeText {
  /// Whether the terminal would act on `scalar` instead of drawing it, or draw what follows
  /// it elsewhere: C0 and C1 controls, DEL, line and paragraph separators, and the bidi
  /// marks, embeddings, overrides and isolates.
  static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
      true
    default: false
    }
  }

  /// The first forbidden scalar in `text`, if any.
  static func firstForbidden(in text: String) -> Unicode.Scalar? {
    text.unicodeScalars.first(where: isForbidden)
  }

  /// `text` in double quotes for an error message, as ``escaped(_:limit:quotes:)`` shows it.
  static func quoted(_ text: String) -> String {
    "\"" + escaped(text, limit: 40, quotes: true) + "\""
  }

  /// `text` with controls (and with `quotes`, quotes and backslashes) shown as `\u{…}`
  /// escapes and cut after `limit` scalars, so a hostile file cannot drive the terminal
  /// through an error message.
  static func escaped(_ text: String, limit: Int = 200, quotes: Bool = false) -> String {
    var result = ""
    for (offset, scalar) in text.unicodeScalars.enumerated() {
      if offset == limit {
        result += "…"
        break
      }
      if isForbidden(scalar) || (quotes && (scalar == "\"" || scalar == "\\")) {
        result += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The candidate nearest to `text`, if it is near enough to be a likely typo.
  static func suggestion(for text: String, among candidates: [String]) -> String? {
    let typed = Array(text.lowercased().unicodeScalars.prefix(64))
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(typed, Array(candidate.unicodeScalars))
      if distance < best?.distance ?? Int.max { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(2, best.name.count / 3) else { return nil }
    return best.name
  }

  /// `" (did you mean "x"?)"` when there is a likely candidate, or nothing.
  static func didYouMean(_ text: String, among candidates: [String]) -> String {
    suggestion(for: text, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
  }

  private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}

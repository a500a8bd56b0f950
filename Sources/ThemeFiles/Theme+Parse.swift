import DeskTheme
import OrderCore
import TOMLKit

extension Theme {
  /// The largest theme file read: far more than any theme needs.
  public static let maximumFileSize = 64 * 1024

  /// The longest theme name, in Unicode scalars.
  public static let maximumNameLength = 64

  /// The longest description, in Unicode scalars.
  public static let maximumDescriptionLength = 200

  /// Reads a theme from the text of a TOML theme file; `source` names the file in errors.
  ///
  /// The format:
  ///
  /// ```toml
  /// name = "default"                  # required; the file is <name>.toml
  /// description = "Dark: light text on the terminal's dark background"
  ///
  /// [slots]                           # any of the ThemeSlot names
  /// text = { fg = "#d0d0d0", bg = "default" }
  /// focus = { fg = "black", bg = "#5fafff", attrs = ["bold"] }
  /// lock-secure = { fg = "green", attrs = ["bold"] }
  ///
  /// [glyphs]                          # any of the Glyph names; either string may be left out
  /// lock-secure = { unicode = "🔒", ascii = "[#]" }
  /// ```
  ///
  /// - A slot has `fg` (text colour), `bg` (background) and `attrs` (any of `bold`, `dim`,
  ///   `underline`, `reverse`); each may be left out, and so may a slot, see
  ///   ``style(for:)``.
  /// - A colour is `"#rrggbb"`, one of the 16 names `black` … `white` and `bright-black` …
  ///   `bright-white`, `"default"` (the terminal's own colour) or a palette index 0–255.
  /// - A glyph's `unicode` text may be any printable text, its `ascii` text printable ASCII
  ///   only; neither may be empty or wider than 3 cells (or the built-in glyph's width,
  ///   if that is more: `Enter`).
  /// - `name` (at most 64 characters, no `/`) and `description` (at most 200) are plain
  ///   text. No text may hold control characters, escape sequences or bidi controls.
  /// - The file is at most 64 KiB of UTF-8.
  ///
  /// - Throws: ``ThemeError`` listing every problem found, each with its line: TOML syntax,
  ///   unknown keys, slot, glyph or attribute names (with the nearest valid name), colours,
  ///   types, glyph text, a missing name.
  public static func parse(_ text: String, source: String) throws(ThemeError) -> Theme {
    let size = text.utf8.count
    guard size <= maximumFileSize else {
      throw ThemeError(
        source: source,
        "the file is \(size) bytes; a theme file may be at most \(maximumFileSize / 1024) KiB")
    }
    if let problem = nulProblem(in: text) { throw ThemeError(source: source, problems: [problem]) }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ThemeError(
        source: source, line: error.source.begin.line, column: error.source.begin.column,
        "not valid TOML: \(ThemeText.escaped(error.description))")
    } catch {
      throw ThemeError(source: source, "not valid TOML: \(ThemeText.escaped("\(error)"))")
    }
    var reader = ThemeReader(source: source, lines: TOMLKeyLines(text))
    return try reader.read(table)
  }

  /// A NUL byte, raw or escaped: TOMLKit hands strings over as C strings and would cut
  /// them there, so what is checked would not be what the file says.
  private static func nulProblem(in text: String) -> ThemeError.Problem? {
    var line = 1
    for (number, content) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      line = number + 1
      if content.utf8.contains(0) {
        return ThemeError.Problem(line: line, message: "the file holds a NUL byte")
      }
      if content.contains("\\u0000") || content.contains("\\U00000000") {
        return ThemeError.Problem(
          line: line, message: "a string holds a NUL character, which a theme never needs")
      }
    }
    return nil
  }
}

/// Turns a parsed TOML table into a theme, collecting every problem on the way.
private struct ThemeReader {
  let source: String
  let lines: TOMLKeyLines
  var problems: [ThemeError.Problem] = []

  static let topLevelKeys = ["name", "description", "slots", "glyphs"]
  static let styleKeys = ["fg", "bg", "attrs"]
  static let glyphKeys = ["unicode", "ascii"]
  static let maximumProblems = 50

  init(source: String, lines: TOMLKeyLines) {
    self.source = source
    self.lines = lines
  }

  mutating func read(_ root: TOMLTable) throws(ThemeError) -> Theme {
    var name: String?
    var description = ""
    var slots: CaseTable<ThemeSlot, SlotStyle> = [:]
    var glyphs: CaseTable<Glyph, GlyphText> = [:]
    var nameReported = false
    for (key, value) in root {
      switch key {
      case "name":
        nameReported = true
        name = text(value, at: [key], limit: Theme.maximumNameLength, isName: true)
      case "description":
        description =
          text(value, at: [key], limit: Theme.maximumDescriptionLength, isName: false) ?? ""
      case "slots":
        guard let table = table(value, at: [key], shape: "a table of slots") else { continue }
        for (slotName, slotValue) in table {
          let path = [key, slotName]
          guard let slot = ThemeSlot(rawValue: slotName) else {
            let names = ThemeSlot.allCases.map(\.rawValue)
            report(
              path,
              "unknown slot \(ThemeText.quoted(slotName))"
                + ThemeText.didYouMean(slotName, among: names))
            continue
          }
          if let style = style(slotValue, at: path) { slots[slot] = style }
        }
      case "glyphs":
        guard let table = table(value, at: [key], shape: "a table of glyphs") else { continue }
        for (glyphName, glyphValue) in table {
          let path = [key, glyphName]
          guard let glyph = Glyph(rawValue: glyphName) else {
            let names = Glyph.allCases.map(\.rawValue)
            report(
              path,
              "unknown glyph \(ThemeText.quoted(glyphName))"
                + ThemeText.didYouMean(glyphName, among: names))
            continue
          }
          if let text = glyphText(glyphValue, for: glyph, at: path) { glyphs[glyph] = text }
        }
      default:
        report(
          [key],
          "unknown key \(ThemeText.quoted(key))"
            + ThemeText.didYouMean(key, among: Self.topLevelKeys)
            + "; a theme has name, description, [slots] and [glyphs]")
      }
    }
    if !nameReported {
      problems.append(ThemeError.Problem(message: "missing name = \"…\": every theme has a name"))
    }
    guard problems.isEmpty, let name else { throw error() }
    return Theme(name: name, description: description, slots: slots, glyphs: glyphs)
  }

  /// The problems so far, by line, at most ``maximumProblems`` of them.
  private func error() -> ThemeError {
    var sorted = problems.enumerated()
      .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
      .map(\.element)
    if sorted.count > Self.maximumProblems {
      let more = sorted.count - Self.maximumProblems
      sorted = Array(sorted.prefix(Self.maximumProblems))
      sorted.append(ThemeError.Problem(message: "and \(more) more problems"))
    }
    return ThemeError(source: source, problems: sorted)
  }

  private mutating func report(_ path: [String], _ message: String) {
    problems.append(ThemeError.Problem(line: lines.line(of: path), message: message))
  }

  private func label(_ path: [String]) -> String {
    ThemeText.escaped(path.joined(separator: "."), limit: 80)
  }

  private mutating func wrongType(
    _ value: TOMLValueConvertible, at path: [String], expected: String
  ) {
    report(path, "\(label(path)) should be \(expected), not a \(value.type)")
  }

  private mutating func table(
    _ value: TOMLValueConvertible, at path: [String], shape: String
  ) -> TOMLTable? {
    guard let table = value.table else {
      wrongType(value, at: path, expected: shape)
      return nil
    }
    return table
  }

  private mutating func text(
    _ value: TOMLValueConvertible, at path: [String], limit: Int, isName: Bool
  ) -> String? {
    guard let text = value.string else {
      wrongType(value, at: path, expected: "a string")
      return nil
    }
    if let scalar = ThemeText.firstForbidden(in: text) {
      report(path, "\(label(path)) holds a control character (\(hex(scalar)))")
    } else if text.unicodeScalars.count > limit {
      report(path, "\(label(path)) is longer than \(limit) characters")
    } else if isName && text.isEmpty {
      report(path, "name is empty")
    } else if isName && text.contains("/") {
      report(path, "name \(ThemeText.quoted(text)) holds a \"/\"; it is a file name too")
    } else {
      return text
    }
    return nil
  }

  private mutating func style(_ value: TOMLValueConvertible, at path: [String]) -> SlotStyle? {
    let shape = "a style like { fg = \"white\", bg = \"blue\", attrs = [\"bold\"] }"
    guard let table = table(value, at: path, shape: shape) else { return nil }
    var style = SlotStyle()
    var valid = true
    for (key, value) in table {
      switch key {
      case "fg": style.foreground = color(value, at: path + [key], valid: &valid)
      case "bg": style.background = color(value, at: path + [key], valid: &valid)
      case "attrs": style.attributes = attributes(value, at: path + [key], valid: &valid)
      default:
        valid = false
        report(
          path + [key],
          "unknown key \(ThemeText.quoted(key)) in \(label(path))"
            + ThemeText.didYouMean(key, among: Self.styleKeys) + "; a slot has fg, bg and attrs")
      }
    }
    return valid ? style : nil
  }

  private mutating func color(
    _ value: TOMLValueConvertible, at path: [String], valid: inout Bool
  ) -> ThemeColor? {
    if let text = value.string {
      if let color = ThemeColor(text) { return color }
      report(
        path,
        "invalid colour \(ThemeText.quoted(text)) for \(label(path))"
          + ThemeText.didYouMean(text, among: ThemeColor.names)
          + "; a colour is \"#rrggbb\", a name such as \"red\" or \"bright-red\", \"default\""
          + " or a palette index 0–255")
    } else if let index = value.int {
      if let color = ThemeColor(paletteIndex: index) { return color }
      report(path, "invalid colour \(index) for \(label(path)); a palette index is 0–255")
    } else {
      wrongType(value, at: path, expected: "a colour (a string, or a palette index 0–255)")
    }
    valid = false
    return nil
  }

  private mutating func attributes(
    _ value: TOMLValueConvertible, at path: [String], valid: inout Bool
  ) -> TextAttributes {
    guard let array = value.array else {
      valid = false
      wrongType(value, at: path, expected: "a list like [\"bold\", \"underline\"]")
      return []
    }
    var attributes: TextAttributes = []
    let names = TextAttributes.named.map(\.name)
    for element in array {
      guard let name = element.string else {
        valid = false
        report(path, "\(label(path)) should hold strings, not a \(element.type)")
        continue
      }
      guard let attribute = TextAttributes.named.first(where: { $0.name == name })?.attribute
      else {
        valid = false
        report(
          path,
          "unknown attribute \(ThemeText.quoted(name)) in \(label(path))"
            + ThemeText.didYouMean(name, among: names) + "; use bold, dim, underline or reverse")
        continue
      }
      attributes.insert(attribute)
    }
    return attributes
  }

  private mutating func glyphText(
    _ value: TOMLValueConvertible, for glyph: Glyph, at path: [String]
  ) -> GlyphText? {
    let shape = "a glyph like { unicode = \"▸\", ascii = \">\" }"
    guard let table = table(value, at: path, shape: shape) else { return nil }
    var text = GlyphText(defaultFor: glyph)
    var valid = true
    let width = max(
      3, TerminalText.displayWidth(glyph.defaultUnicode),
      TerminalText.displayWidth(glyph.defaultASCII))
    for (key, value) in table {
      let keyPath = path + [key]
      guard Self.glyphKeys.contains(key) else {
        valid = false
        report(
          keyPath,
          "unknown key \(ThemeText.quoted(key)) in \(label(path))"
            + ThemeText.didYouMean(key, among: Self.glyphKeys) + "; a glyph has unicode and ascii")
        continue
      }
      guard let string = value.string else {
        valid = false
        wrongType(value, at: keyPath, expected: "a string")
        continue
      }
      let ascii = key == "ascii"
      if let problem = glyphProblem(string, ascii: ascii, maximumWidth: width) {
        valid = false
        report(keyPath, "\(label(keyPath)) \(problem)")
      } else if ascii {
        text.ascii = string
      } else {
        text.unicode = string
      }
    }
    return valid ? text : nil
  }

  private func glyphProblem(_ text: String, ascii: Bool, maximumWidth: Int) -> String? {
    if text.isEmpty { return "is empty" }
    if let scalar = ThemeText.firstForbidden(in: text) {
      return "holds a control character (\(hex(scalar))); glyphs are drawn on the terminal"
    }
    if ascii, let scalar = text.unicodeScalars.first(where: { !(0x20...0x7E).contains($0.value) }) {
      return "holds \(hex(scalar)), which is not printable ASCII"
    }
    let width = TerminalText.displayWidth(text)
    if width > maximumWidth {
      return "\(ThemeText.quoted(text)) is \(width) cells wide; at most \(maximumWidth) fit"
    }
    if width == 0 { return "\(ThemeText.quoted(text)) takes no room on the screen" }
    return nil
  }

  private func hex(_ scalar: Unicode.Scalar) -> String {
    let digits = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}

extension ThemeColor {
  /// Every name a theme file may use for a colour, for suggestions.
  static let names = ["default"] + ANSIColor.allCases.map(\.name)
}

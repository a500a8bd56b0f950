/// One of the 16 colours every colour terminal names, in their palette order (0–15).
public enum ANSIColor: Int, CaseIterable, Sendable, Hashable {
  case black, red, green, yellow, blue, magenta, cyan, white
  case brightBlack, brightRed, brightGreen, brightYellow
  case brightBlue, brightMagenta, brightCyan, brightWhite

  /// The name a theme file uses: `red`, `bright-red`.
  public var name: String {
    let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
    return rawValue < 8 ? base[rawValue] : "bright-" + base[rawValue - 8]
  }

  /// The colour a theme file names `name`, or `nil` for any other name.
  public init?(name: String) {
    guard let color = ANSIColor.allCases.first(where: { $0.name == name }) else { return nil }
    self = color
  }
}

/// A colour as a theme file gives it: a name, a palette index, an RGB value or the
/// terminal's own colour.
///
/// In a theme file a colour is one of:
/// - `"#rrggbb"`: red, green and blue in hexadecimal (upper or lower case);
/// - one of the 16 ANSI names, `"black"` … `"white"` and `"bright-black"` …
///   `"bright-white"`, which the terminal's own palette decides;
/// - `"default"`: the terminal's own foreground or background;
/// - an integer 0–255: an index into the xterm 256-colour palette.
///
/// ``index(forTerminalColors:)`` maps a colour to what a terminal can show.
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
  /// The terminal's own foreground or background colour.
  case terminalDefault
  /// One of the 16 named colours.
  case ansi(ANSIColor)
  /// An index into the xterm 256-colour palette.
  case palette(UInt8)
  /// A colour by its red, green and blue components.
  case rgb(red: UInt8, green: UInt8, blue: UInt8)

  /// The colour a theme file's string stands for, or `nil` if it is not a colour.
  public init?(_ text: String) {
    if text == "default" {
      self = .terminalDefault
    } else if let color = ANSIColor(name: text) {
      self = .ansi(color)
    } else if let rgb = ThemeColor.parseHex(text) {
      self = rgb
    } else {
      return nil
    }
  }

  /// The colour at `paletteIndex` in the xterm palette, or `nil` outside 0–255.
  public init?(paletteIndex: Int) {
    guard let index = UInt8(exactly: paletteIndex) else { return nil }
    self = .palette(index)
  }

  /// The colour as a theme file writes it.
  public var description: String {
    switch self {
    case .terminalDefault: "default"
    case .ansi(let color): color.name
    case .palette(let index): "\(index)"
    case .rgb(let red, let green, let blue):
      "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
  }

  private static func parseHex(_ text: String) -> ThemeColor? {
    let digits = Array(text.utf8)
    guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
    var components: [UInt8] = []
    for offset in stride(from: 1, to: 7, by: 2) {
      guard let high = hexValue(digits[offset]), let low = hexValue(digits[offset + 1]) else {
        return nil
      }
      components.append(high << 4 | low)
    }
    return .rgb(red: components[0], green: components[1], blue: components[2])
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

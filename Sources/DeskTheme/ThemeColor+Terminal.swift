extension ThemeColor {
  /// The colour number to ask a terminal with `count` colours for, or `nil` for the
  /// terminal's own colour.
  ///
  /// - 256 colours or more: an RGB value becomes the nearest colour of the xterm 6×6×6 cube
  ///   (16–231) or grey ramp (232–255); named colours are 0–15; palette indexes are kept.
  /// - 16 to 255 colours (88-colour terminals are treated as 16): RGB values and palette
  ///   indexes above 15 become the nearest of the 16 named colours, by xterm's RGB values.
  /// - 8 to 15 colours: the nearest of the first 8; a bright colour becomes its plain one
  ///   (`bright-white` is 7, `white`).
  /// - Fewer than 8, or monochrome: `nil`; the theme's attributes must carry the meaning.
  ///
  /// Nearness is the squared distance in RGB, except that a grey (a colour whose components
  /// differ by at most 32) maps to the nearest grey named colour (black, bright-black,
  /// white, bright-white): by distance alone mid-grey would be yellow.
  public func index(forTerminalColors count: Int) -> Int? {
    guard count >= 8 else { return nil }
    switch self {
    case .terminalDefault:
      return nil
    case .ansi(let color):
      return count >= 16 ? color.rawValue : color.rawValue % 8
    case .palette(let index):
      let index = Int(index)
      if count >= 256 || index < 8 { return index }
      if index < 16 { return count >= 16 ? index : index - 8 }
      return XtermPalette.nearest(to: XtermPalette.rgb(of: index), among: count >= 16 ? 16 : 8)
    case .rgb(let red, let green, let blue):
      let rgb = RGB(Int(red), Int(green), Int(blue))
      if count >= 256 { return XtermPalette.nearestIn256(to: rgb) }
      return XtermPalette.nearest(to: rgb, among: count >= 16 ? 16 : 8)
    }
  }
}

/// An RGB triple with room for arithmetic.
struct RGB: Hashable, Sendable {
  var red: Int
  var green: Int
  var blue: Int

  init(_ red: Int, _ green: Int, _ blue: Int) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  func distance(to other: RGB) -> Int {
    let (dr, dg, db) = (red - other.red, green - other.green, blue - other.blue)
    return dr * dr + dg * dg + db * db
  }
}

/// The colours of xterm's 256-colour palette.
enum XtermPalette {
  /// xterm's default values for the 16 named colours.
  static let named: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
    RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
    RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
    RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
  ]

  /// The six levels of each component in the 6×6×6 cube.
  static let cubeLevels = [0, 95, 135, 175, 215, 255]

  /// The RGB value of palette entry `index` (0–255).
  static func rgb(of index: Int) -> RGB {
    switch index {
    case ..<16:
      return named[max(0, index)]
    case 16..<232:
      let cube = index - 16
      return RGB(cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
    default:
      let level = 8 + 10 * (min(index, 255) - 232)
      return RGB(level, level, level)
    }
  }

  /// The nearest of the first `count` named colours (8 or 16); for a grey, the nearest grey.
  static func nearest(to rgb: RGB, among count: Int) -> Int {
    let candidates = isGrey(rgb) ? [0, 7, 8, 15].filter { $0 < count } : Array(0..<count)
    var best = candidates[0]
    for index in candidates where rgb.distance(to: named[index]) < rgb.distance(to: named[best]) {
      best = index
    }
    return best
  }

  /// Whether `rgb` is close enough to grey that a hue would be worse than black or white.
  static func isGrey(_ rgb: RGB) -> Bool {
    let components = [rgb.red, rgb.green, rgb.blue]
    return (components.max() ?? 0) - (components.min() ?? 0) <= 32
  }

  /// The nearest colour of the cube or the grey ramp (16–255); the cube wins a tie.
  static func nearestIn256(to rgb: RGB) -> Int {
    func level(_ component: Int) -> Int {
      var best = 0
      for index in 1..<6
      where abs(cubeLevels[index] - component) < abs(cubeLevels[best] - component) {
        best = index
      }
      return best
    }
    let cube = 16 + 36 * level(rgb.red) + 6 * level(rgb.green) + level(rgb.blue)
    let average = (rgb.red + rgb.green + rgb.blue) / 3
    let grey = 232 + min(23, max(0, (average - 8 + 5) / 10))
    return rgb.distance(to: self.rgb(of: grey)) < rgb.distance(to: self.rgb(of: cube)) ? grey : cube
  }
}

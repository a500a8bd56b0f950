extension Theme {
  /// The default theme: light text on the terminal's own dark background.
  ///
  /// The same as `themes/default.toml`; a test keeps the two from drifting apart.
  public static let `default` = Theme(
    name: "default",
    description: "Dark: light text on the terminal's dark background",
    slots: [
      .background: SlotStyle(background: .terminalDefault),
      .text: SlotStyle(foreground: .rgb(red: 0xd0, green: 0xd0, blue: 0xd0)),
      .muted: SlotStyle(foreground: .rgb(red: 0x8a, green: 0x8a, blue: 0x8a)),
      .accent: SlotStyle(foreground: .rgb(red: 0x5f, green: 0xaf, blue: 0xff)),
      .border: SlotStyle(foreground: .rgb(red: 0x58, green: 0x58, blue: 0x58)),
      .title: SlotStyle(foreground: .rgb(red: 0xff, green: 0xff, blue: 0xff), attributes: [.bold]),
      // The field being typed in uses two of the terminal's own 16 colours: the shortest
      // escape sequences, so each keystroke costs no more bytes than dialog's form field.
      .focus: SlotStyle(
        foreground: .ansi(.brightWhite), background: .ansi(.blue), attributes: [.bold]),
      .field: SlotStyle(
        foreground: .rgb(red: 0xd0, green: 0xd0, blue: 0xd0),
        background: .rgb(red: 0x30, green: 0x30, blue: 0x30), attributes: [.underline]),
      .selection: SlotStyle(
        foreground: .rgb(red: 0xff, green: 0xff, blue: 0xff),
        background: .rgb(red: 0x00, green: 0x5f, blue: 0x87), attributes: [.bold]),
      .error: SlotStyle(foreground: .rgb(red: 0xff, green: 0x5f, blue: 0x5f), attributes: [.bold]),
      .warning: SlotStyle(foreground: .rgb(red: 0xff, green: 0xaf, blue: 0x00)),
      .success: SlotStyle(foreground: .rgb(red: 0x5f, green: 0xd7, blue: 0x5f)),
      .lockSecure: SlotStyle(foreground: .ansi(.green), attributes: [.bold]),
      .lockUnverified: SlotStyle(foreground: .ansi(.yellow), attributes: [.bold]),
      .lockInsecure: SlotStyle(
        foreground: .ansi(.brightWhite), background: .ansi(.red), attributes: [.bold]),
      .lockUnknown: SlotStyle(foreground: .rgb(red: 0x8a, green: 0x8a, blue: 0x8a)),
      .keyHint: SlotStyle(
        foreground: .ansi(.black), background: .rgb(red: 0x8a, green: 0x8a, blue: 0x8a)),
    ]
  )

  /// No colour at all: bold, dim, underline and reverse video carry every meaning.
  ///
  /// For terminals without colour and for `NO_COLOR`. The same as `themes/monochrome.toml`;
  /// a test keeps the two from drifting apart.
  public static let monochrome = Theme(
    name: "monochrome",
    description: "No colour: bold, underline and reverse video only",
    slots: [
      .background: SlotStyle(),
      .text: SlotStyle(),
      .muted: SlotStyle(attributes: [.dim]),
      .accent: SlotStyle(attributes: [.bold]),
      .border: SlotStyle(attributes: [.dim]),
      .title: SlotStyle(attributes: [.bold]),
      .focus: SlotStyle(attributes: [.bold, .reverse]),
      .field: SlotStyle(attributes: [.underline]),
      .selection: SlotStyle(attributes: [.reverse]),
      .error: SlotStyle(attributes: [.bold, .underline]),
      .warning: SlotStyle(attributes: [.underline]),
      .success: SlotStyle(attributes: [.bold]),
      .lockSecure: SlotStyle(attributes: [.bold]),
      .lockUnverified: SlotStyle(attributes: [.underline]),
      .lockInsecure: SlotStyle(attributes: [.bold, .reverse]),
      .lockUnknown: SlotStyle(attributes: [.dim]),
      .keyHint: SlotStyle(attributes: [.reverse]),
    ]
  )
}

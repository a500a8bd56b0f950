import DeskTheme
import OrderCore

extension DeskState {
  /// Every key of the desk, for the help window: everywhere first, then this screen's.
  public static var helpLines: [(String, ThemeSlot)] {
    var lines: [(String, ThemeSlot)] = [
      ("Everywhere", .accent),
      ("F1, ?       this help (? outside text fields)", .text),
      ("F2          the connection: protocol, certificate, how it was verified", .text),
      ("F3, f       find an order by number and email (f outside text fields)", .text),
      ("Esc         back one step; closes a window", .text),
      ("Ctrl-C      quit; asks first when something typed would be lost", .text),
      ("", .text),
      ("Lists (catalog, cart, receipt)", .accent),
      ("Up/Down, j/k, PgUp/PgDn, Home/End   move", .text),
      ("/           filter the catalog; Enter keeps it, Esc clears it", .text),
      ("+ / -       change the quantity; digits type it (1 to 99)", .text),
      ("Enter       add to the cart / go on to the next step", .text),
      ("c, Tab      open the cart (catalog)", .text),
      ("Del, x      remove the line (cart)", .text),
      ("n           start a new order (receipt)", .text),
      ("PgUp/PgDn   scroll a found order (find an order)", .text),
      ("", .text),
      ("Fields", .accent),
      ("Tab, Down, Enter   next field; Enter on the last field continues", .text),
      ("Shift-Tab, Up      previous field", .text),
      ("Left/Right         move in the field", .text),
      ("Home, Ctrl-A       start of the field", .text),
      ("End, Ctrl-E        end of the field", .text),
      ("Backspace, Delete  delete before / at the cursor", .text),
      ("Ctrl-K             delete to the end", .text),
      ("Ctrl-U             delete to the start", .text),
      ("Ctrl-W             delete the word before the cursor", .text),
      ("Up/Down, Enter     pick a country from the suggestions", .text),
      ("", .text),
      ("Payment", .accent),
      ("Ctrl-R      show the card number for 5 seconds, to read it back", .text),
      ("Delete      discard a sealed card and enter another", .text),
      ("", .text),
      ("Staff desk", .accent),
      ("F9          sign in as staff (customer catalog)", .text),
      ("F10         the staff menu: 1 phone, 2 fax, 3 mail order, 4 find, 9 sign out", .text),
      ("F3          find orders by number, email, name, last four and days", .text),
      ("F6          a new customer (customer finder)", .text),
      ("r           repeat the customer's last order (finder); refund (order page)", .text),
      ("Typing      finds products by SKU or name (catalog, signed in)", .text),
      ("F4          list the products that fit; a digit or Enter picks", .text),
      ("Right/Left  more or fewer of the product (catalog, signed in)", .text),
      ("F5          load the order page again", .text),
      ("Idle        the desk locks itself; your passphrase and code unlock it", .text),
      ("", .text),
      ("The lock", .accent),
    ]
    for (glyph, text) in [
      (Glyph.lockSecure, "Secure: TLS 1.2 or 1.3 and a verified certificate; cards allowed"),
      (.lockUnverified, "Unverified: TLS, but the certificate is not trusted; no cards"),
      (.lockInsecure, "Not encrypted: plain HTTP; card entry is refused"),
      (.lockUnknown, "Connecting or Down: no answer yet; orders wait"),
    ] {
      lines.append(("\(glyph.rawValue): \(text)", .text))
    }
    return lines
  }

  func drawHelp(_ painter: inout Painter) {
    var lines = Self.helpLines
    for index in lines.indices {
      let text = lines[index].0
      for glyph in [Glyph.lockSecure, .lockUnverified, .lockInsecure, .lockUnknown]
      where text.hasPrefix(glyph.rawValue + ":") {
        lines[index].0 = painter.glyphs[glyph] + String(text.dropFirst(glyph.rawValue.count))
      }
    }
    let room = layout.helpRows
    let first = min(helpScroll, layout.helpScrollLimit)
    var shown = Array(lines.dropFirst(first).prefix(room))
    if lines.count > room {
      shown.append(
        (
          "\(painter.glyphs[.up])\(painter.glyphs[.down]) more (\(first + 1)–"
            + "\(min(lines.count, first + room)) of \(lines.count))  Esc closes", .muted
        ))
    }
    painter.box(title: "Help: keys", lines: shown, width: 76)
  }

  /// How many lines of help the help window shows at once.
  public var helpRows: Int { layout.helpRows }

  /// How far the help scrolls before its last line is at the bottom.
  public var helpScrollLimit: Int { layout.helpScrollLimit }

  func drawChannelDetails(_ painter: inout Painter) {
    let lock = security.lockLabel(glyphs: painter.glyphs)
    var lines: [(String, ThemeSlot)] = [(lock.text, lock.slot), ("", .text)]
    if let session = security.session {
      lines += [
        ("Protocol:   \(session.protocolVersion.rawValue)", .text),
        ("Server:     \(session.host)", .text),
        ("Subject:    \(session.peerSubject)", .text),
        ("Issuer:     \(session.issuer)", .text),
        (
          "Valid:      \(TextLayout.date(epochSeconds: Int64(session.validFrom.timeIntervalSince1970))) to "
            + "\(TextLayout.date(epochSeconds: Int64(session.validUntil.timeIntervalSince1970)))",
          .text
        ),
        (
          "SHA-256:    \(Self.fingerprintGroups(String(session.fingerprintSHA256.prefix(32))))",
          .text
        ),
        (
          "            \(Self.fingerprintGroups(String(session.fingerprintSHA256.dropFirst(32))))",
          .text
        ),
      ]
      if !session.publicKeySHA256.isEmpty {
        lines.append(("Key pin:    sha256//\(session.publicKeySHA256)", .text))
      }
      if case .secure = security {
        lines.append(("Verified:   \(session.verification.summary)", .success))
      }
    }
    if let reason = security.reason {
      lines.append(("Why:        \(reason)", .warning))
    }
    lines.append(("", .text))
    lines.append(
      (
        security.allowsCardData
          ? "Card details may be sent: they are sealed for the vault and travel over this channel."
          : "Card details are not sent over this channel.", .muted
      ))
    painter.box(title: "Connection to the order service", lines: lines, width: 76)
  }

  static func fingerprintGroups(_ hex: String) -> String {
    var result = ""
    for (index, character) in hex.uppercased().enumerated() {
      if index > 0 && index % 2 == 0 { result += ":" }
      result.append(character)
    }
    return result
  }

  func drawConfirmQuit(_ painter: inout Painter) {
    let text =
      screen == .submitting
      ? "An order is being submitted and its answer has not arrived. If you quit now you will "
        + "not see the receipt, and the order may still be placed."
      : "Quit OrderDesk? What you typed for this order will be lost."
    painter.box(
      title: "Quit?",
      lines: [(text, .warning), ("", .text), ("y  quit     n, Esc  stay", .accent)],
      width: 60)
  }
}

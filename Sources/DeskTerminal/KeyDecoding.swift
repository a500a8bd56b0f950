import CNCurses
import DeskUI

/// What `get_wch` reported, before it means anything to the desk.
enum RawKey: Hashable, Sendable {
  /// A character code (`get_wch` returned `OK`), including control codes such as 13 and 27.
  case character(UInt32)
  /// One of ncurses' key codes (`get_wch` returned `KEY_CODE_YES`): `KEY_UP`, `KEY_F0 + n`, ….
  case keyCode(Int32)
}

/// A raw key decoded: a key, a resize, or something the desk does not use.
enum DecodedKey: Hashable, Sendable {
  case key(Key)
  case resize
  case ignored
}

/// Turns ncurses' raw key codes into the desk's keys; pure, so every mapping can be tested.
enum KeyDecoder {
  /// Decodes one raw key.
  static func decode(_ raw: RawKey) -> DecodedKey {
    switch raw {
    case .character(let code): decodeCharacter(code)
    case .keyCode(let code): decodeKeyCode(code)
    }
  }

  /// Control codes and printable characters.
  static func decodeCharacter(_ code: UInt32) -> DecodedKey {
    switch code {
    case 9: return .key(.tab)
    case 10, 13: return .key(.enter)
    case 8, 127: return .key(.backspace)
    case 27: return .key(.escape)
    // Ctrl-A … Ctrl-Z, except the ones above that terminals send for Tab, Enter and Backspace.
    case 1...26:
      guard let letter = Unicode.Scalar(0x60 + code) else { return .ignored }
      return .key(.control(Character(letter)))
    // Ctrl-@ (Ctrl-Space), Ctrl-\, Ctrl-], Ctrl-^, Ctrl-_: the symbol the code stands for.
    case 0, 28...31:
      guard let symbol = Unicode.Scalar(0x40 + code) else { return .ignored }
      return .key(.control(Character(symbol)))
    // C1 controls would act on the terminal, never print: ignore them.
    case 0x80...0x9F: return .ignored
    default:
      guard let scalar = Unicode.Scalar(code) else { return .ignored }
      return .key(.character(Character(scalar)))
    }
  }

  /// Named keys: arrows, paging, function keys and the resize event.
  static func decodeKeyCode(_ code: Int32) -> DecodedKey {
    switch code {
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_HOME, KEY_A1: return .key(.home)
    case KEY_END, KEY_C1: return .key(.end)
    case KEY_PPAGE, KEY_A3: return .key(.pageUp)
    case KEY_NPAGE, KEY_C3: return .key(.pageDown)
    case KEY_DC: return .key(.delete)
    case KEY_BACKSPACE: return .key(.backspace)
    case KEY_BTAB: return .key(.backTab)
    case KEY_ENTER: return .key(.enter)
    case KEY_RESIZE: return .resize
    case (KEY_F0 + 1)...(KEY_F0 + 12): return .key(.function(Int(code - KEY_F0)))
    default: return .ignored
    }
  }

  /// Whether `scalar` continues the grapheme `character` instead of starting a new one.
  ///
  /// A combining accent typed after a letter arrives as its own code; it belongs to that letter.
  static func extends(_ character: Character, with scalar: Unicode.Scalar) -> Bool {
    var text = String(character)
    text.unicodeScalars.append(scalar)
    return text.count == 1
  }

  /// Escape sequences for Home and End that some terminals send but their terminfo entry does
  /// not name, so ncurses would report them as Esc and the rest would arrive as typed characters.
  static let extraSequences: [(sequence: String, code: Int32)] = [
    ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END),
    ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
    ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
    ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
    ("\u{1B}[3~", KEY_DC), ("\u{1B}[Z", KEY_BTAB),
  ]
}

import CNCurses
import DeskUI
import Testing

@testable import DeskTerminal

@Suite("Key decoding")
struct KeyDecoderTests {
  private func character(_ code: UInt32) -> DecodedKey { KeyDecoder.decode(.character(code)) }
  private func keyCode(_ code: Int32) -> DecodedKey { KeyDecoder.decode(.keyCode(code)) }

  @Test func namedKeys() {
    let expected: [(Int32, Key)] = [
      (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
      (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
      (KEY_DC, .delete), (KEY_BACKSPACE, .backspace), (KEY_BTAB, .backTab), (KEY_ENTER, .enter),
    ]
    for (code, key) in expected {
      #expect(keyCode(code) == .key(key), "key code \(code)")
    }
  }

  @Test func functionKeysOneToTwelve() {
    for n in 1...12 {
      #expect(keyCode(KEY_F0 + Int32(n)) == .key(.function(n)))
    }
    #expect(keyCode(KEY_F0) == .ignored)
    #expect(keyCode(KEY_F0 + 13) == .ignored)
  }

  @Test func resizeAndUnknownCodes() {
    #expect(keyCode(KEY_RESIZE) == .resize)
    #expect(keyCode(KEY_MOUSE) == .ignored)
    #expect(keyCode(KEY_IC) == .ignored)
  }

  @Test func enterTabBackspaceAndEscapeCodes() {
    #expect(character(13) == .key(.enter))
    #expect(character(10) == .key(.enter))
    #expect(character(9) == .key(.tab))
    #expect(character(8) == .key(.backspace))
    #expect(character(127) == .key(.backspace))
    #expect(character(27) == .key(.escape))
  }

  @Test func controlLetters() {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    for code in UInt32(1)...26 where ![8, 9, 10, 13].contains(code) {
      #expect(character(code) == .key(.control(letters[Int(code) - 1])), "code \(code)")
    }
    #expect(character(3) == .key(.control("c")))
    #expect(character(26) == .key(.control("z")))
  }

  @Test func controlSymbols() {
    #expect(character(0) == .key(.control("@")))
    #expect(character(28) == .key(.control("\\")))
    #expect(character(29) == .key(.control("]")))
    #expect(character(31) == .key(.control("_")))
  }

  @Test func printableAndWideCharacters() {
    #expect(character(0x20) == .key(.character(" ")))
    #expect(character(0x61) == .key(.character("a")))
    #expect(character(0x7E) == .key(.character("~")))
    #expect(character(0xE9) == .key(.character("é")))
    #expect(character(0xFC) == .key(.character("ü")))
    #expect(character(0x4E2D) == .key(.character("中")))
    #expect(character(0x1F512) == .key(.character("🔒")))
  }

  @Test func c1ControlsAndInvalidScalarsAreIgnored() {
    #expect(character(0x9B) == .ignored)
    #expect(character(0x85) == .ignored)
    #expect(character(0xD800) == .ignored)
    #expect(character(0x11_0000) == .ignored)
  }

  @Test func combiningMarkExtendsTheCharacterBeforeIt() {
    #expect(KeyDecoder.extends("e", with: "\u{301}"))
    #expect(!KeyDecoder.extends("e", with: "f"))
    #expect(!KeyDecoder.extends("中", with: "文"))
  }

  @Test func extraHomeAndEndSequences() {
    let codes = Dictionary(
      KeyDecoder.extraSequences.map { ($0.sequence, $0.code) }, uniquingKeysWith: { $1 })
    #expect(codes["\u{1B}[1~"] == KEY_HOME)
    #expect(codes["\u{1B}[4~"] == KEY_END)
    #expect(codes["\u{1B}OH"] == KEY_HOME)
    #expect(codes["\u{1B}OF"] == KEY_END)
  }
}

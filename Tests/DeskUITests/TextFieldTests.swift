import DeskUI
import Testing

@Suite struct TextFieldTests {
  private func field(_ text: String, cursor: Int? = nil) -> TextField {
    var field = TextField(text)
    if let cursor {
      _ = field.apply(.home)
      for _ in 0..<cursor { _ = field.apply(.right) }
    }
    return field
  }

  @Test func typingInsertsAtTheCursor() {
    var value = field("helo", cursor: 3)
    #expect(value.apply(.character("l")) == .changed)
    #expect(value.text == "hello")
    #expect(value.cursor == 4)
  }

  @Test func homeEndAndTheirControlKeys() {
    var value = field("hello")
    #expect(value.apply(.home) == .moved)
    #expect(value.cursor == 0)
    #expect(value.apply(.control("e")) == .moved)
    #expect(value.cursor == 5)
    #expect(value.apply(.control("a")) == .moved)
    #expect(value.apply(.end) == .moved)
    #expect(value.apply(.end) == .refused)
  }

  @Test func deletionKeys() {
    var value = field("hello big world", cursor: 9)
    #expect(value.apply(.control("w")) == .changed)
    #expect(value.text == "hello  world")
    #expect(value.apply(.control("k")) == .changed)
    #expect(value.text == "hello ")
    #expect(value.apply(.backspace) == .changed)
    #expect(value.text == "hello")
    _ = value.apply(.left)
    _ = value.apply(.left)
    #expect(value.apply(.delete) == .changed)
    #expect(value.text == "helo")
    #expect(value.apply(.control("u")) == .changed)
    #expect(value.text == "o")
    #expect(value.cursor == 0)
    #expect(value.apply(.backspace) == .refused)
  }

  @Test func controlCharactersAndEscapesAreNeverInserted() {
    var value = TextField()
    #expect(value.apply(.character("\u{1B}")) == .refused)
    #expect(value.apply(.character("\u{07}")) == .refused)
    #expect(value.apply(.character("\u{9B}")) == .refused)
    #expect(value.text.isEmpty)
  }

  @Test func anOversizedPasteStopsAtTheLimit() {
    var value = TextField(maximumLength: 10)
    for character in String(repeating: "x", count: 10_000) {
      _ = value.apply(.character(character))
    }
    #expect(value.text.count == 10)
    #expect(value.apply(.character("y")) == .refused)
  }

  @Test func theWindowKeepsTheCursorVisible() {
    let value = TextField(String(repeating: "a", count: 50) + "Z")
    let window = value.window(width: 10)
    #expect(window.text.hasSuffix("Z"))
    #expect(window.cursorColumn == 9)
    let wide = TextField("日本語の名前")
    #expect(wide.window(width: 8).cursorColumn <= 7)
  }

  @Test func secretDigitsKeepOnlyDigits() {
    var value = SecretDigitsField(maximumDigits: 4)
    for character in "4-2 a4\u{1B}29" { _ = value.apply(.character(character)) }
    #expect(value.count == 4)
    let digits = value.digits.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    #expect(digits == "4242")
    _ = value.apply(.home)
    #expect(value.apply(.delete) == .changed)
    #expect(value.count == 3)
    #expect(value.apply(.control("k")) == .changed)
    #expect(value.isEmpty)
  }
}

import OrderCore
import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// Wrapping by display width: no line wider than asked, nothing lost, links cut between parts.
@Suite struct TextLayoutTests {
  @Test func wordsWrapAtSpacesAndIndentationCarriesOver() {
    #expect(TextLayout.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
    #expect(
      TextLayout.wrap("   Licence key: INKW-7Q2M", width: 16) == [
        "   Licence key:", "   INKW-7Q2M",
      ])
    #expect(TextLayout.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
    #expect(TextLayout.wrap("anything", width: 0) == [])
  }

  @Test func aLinkIsCutAfterItsLastSlashQueryOrAmpersandThatFits() {
    let link =
      "https://127.0.0.1:8443/v1/downloads/INKWELL-STD?order=OD-7K3F9Q2M&expires=1764547200"
    #expect(
      TextLayout.wrap(link, width: 60) == [
        "https://127.0.0.1:8443/v1/downloads/INKWELL-STD?",
        "order=OD-7K3F9Q2M&expires=1764547200",
      ])
    // A link that is cut anyway starts beside its label when half a line is left for it…
    #expect(
      TextLayout.wrap("  Download: " + link, width: 60) == [
        "  Download: https://127.0.0.1:8443/v1/downloads/INKWELL-STD?",
        "  order=OD-7K3F9Q2M&expires=1764547200",
      ])
    // …and on a line of its own when less is.
    #expect(
      TextLayout.wrap("A download link for you: " + link, width: 40) == [
        "A download link for you:", "https://127.0.0.1:8443/v1/downloads/",
        "INKWELL-STD?order=OD-7K3F9Q2M&", "expires=1764547200",
      ])
    // A part that would leave less than half the line is not worth the short line.
    #expect(TextLayout.wrap("a/bcdefghijklmnop", width: 8) == ["a/bcdefg", "hijklmno", "p"])
    // A word with no place to cut is cut at the edge.
    #expect(
      TextLayout.wrap(String(repeating: "x", count: 25), width: 10).map(\.count) == [10, 10, 5])
  }

  @Test func wideCharactersCountTwoCells() {
    let lines = TextLayout.wrap("漢字漢字漢字 かな", width: 7)
    #expect(lines == ["漢字漢", "字漢字", "かな"])
  }

  /// Seeded random text of letters, spaces, URL punctuation and wide characters, at random
  /// widths: every line fits, and the characters other than spaces come back in order.
  @Test func noLineIsWiderThanAskedAndNothingIsLost() {
    var generator = SeededGenerator(seed: 0x5EED_7E47)
    let alphabet = Array("abcdefghij     /?&=.-漢字é")
    for _ in 0..<2_000 {
      let length = Int.random(in: 0...300, using: &generator)
      let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
      let width = Int.random(in: 2...90, using: &generator)
      let lines = TextLayout.wrap(text, width: width)
      for line in lines {
        #expect(TerminalText.displayWidth(line) <= width, "\(line) in \(width) cells")
      }
      #expect(
        lines.joined().filter { $0 != " " } == text.filter { $0 != " " },
        "\(text) at \(width)")
    }
  }

  @Test func aHugeUnbrokenWordIsCutIntoLines() {
    let lines = TextLayout.wrap(String(repeating: "0123456789", count: 10_000), width: 77)
    #expect(lines.count == 1_299)
    #expect(lines.allSatisfy { $0.count <= 77 })
  }

  @Test func anAmountEndsItsLineAndALongLabelWrapsAboveIt() {
    #expect(OrderText.amountLines("Total", "€58.31", width: 20) == ["Total         €58.31"])
    let lines = OrderText.amountLines(
      "2 × Harbor Backup Family, 1-Year Licence", "€138.00", width: 30)
    #expect(lines == ["2 × Harbor Backup", "Family, 1-Year Licence €138.00"])
    #expect(lines.allSatisfy { TerminalText.displayWidth($0) <= 30 })
    // A window too narrow for both keeps both, one under the other.
    #expect(OrderText.amountLines("Total", "€58.31", width: 6) == ["Total", "€58.31"])
  }

  @Test func theKeyBarDropsWholeEntriesFromItsEndWhenNarrow() {
    let bar = "⏎ Details  +/- Qty  Del Remove  Esc Back  F1 Help"
    #expect(DeskState.wholeEntries(of: bar, width: 100) == bar)
    #expect(DeskState.wholeEntries(of: bar, width: 37) == "⏎ Details  +/- Qty  Del Remove")
    #expect(DeskState.wholeEntries(of: bar, width: 5) == "⏎ De…")
    #expect(DeskState.wholeEntries(of: bar, width: 0) == "")

    var desk = DeskDriver(rows: 20, columns: 60)
    desk.press(.enter, .character("c"))
    let bottom = desk.text.split(separator: "\n").last ?? ""
    #expect(bottom.contains("Del Remove") && !bottom.contains("…"), "\(bottom)")
  }
}

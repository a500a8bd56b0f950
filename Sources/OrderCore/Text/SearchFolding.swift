/// Folds text for type-ahead search: lowercase, without diacritics, words split by one space.
///
/// "Côte d'Ivoire" folds to `cote divoire`, "Åland Islands" to `aland islands` and
/// "Türkiye" to `turkiye`, so a person can type without accents. Written by hand because
/// the domain module does not link Foundation's internationalisation: Latin letters with
/// diacritics are reduced to their base letter through their Unicode names, combining marks
/// are dropped, apostrophes vanish (so "cote div" finds "Côte d'Ivoire") and any other
/// punctuation or space separates words.
enum SearchFolding {
  /// The UTF-8 bytes of `text` folded for search.
  static func folded(_ text: some StringProtocol) -> [UInt8] {
    var output: [UInt8] = []
    var separatorPending = false
    func append(_ bytes: some Sequence<UInt8>) {
      if separatorPending && !output.isEmpty { output.append(0x20) }
      separatorPending = false
      output.append(contentsOf: bytes)
    }
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value < 0x80 {
        switch value {
        case 0x41...0x5A: append(CollectionOfOne(UInt8(value + 0x20)))
        case 0x61...0x7A, 0x30...0x39: append(CollectionOfOne(UInt8(value)))
        case 0x27: continue
        default: separatorPending = true
        }
        continue
      }
      let properties = scalar.properties
      switch properties.generalCategory {
      case .nonspacingMark, .enclosingMark:
        continue
      case .finalPunctuation where value == 0x2019, .modifierLetter where value == 0x02BC:
        continue  // typographic apostrophes, as in "Côte d’Ivoire"
      default:
        break
      }
      if let base = latinBase(of: scalar) {
        append(base.utf8)
      } else if properties.isAlphabetic || properties.numericType != nil {
        append(properties.lowercaseMapping.utf8)
      } else {
        separatorPending = true
      }
    }
    return output
  }

  /// The plain lowercase letters a Latin letter with diacritics stands for, such as `a` for
  /// `Å`, `ss` for `ß` or `oe` for `Œ`; nil for anything else.
  static func latinBase(of scalar: Unicode.Scalar) -> String? {
    let value = scalar.value
    let isLatin =
      (0x00C0...0x024F).contains(value) || (0x1E00...0x1EFF).contains(value)
      || (0xFF21...0xFF5A).contains(value)
    guard isLatin, let name = scalar.properties.name else { return nil }
    // Names read like "LATIN SMALL LETTER A WITH RING ABOVE" or "LATIN CAPITAL LIGATURE OE".
    let words = name.split(separator: " ")
    guard let kind = words.firstIndex(where: { $0 == "LETTER" || $0 == "LIGATURE" }),
      kind > 0, words[..<kind].contains("LATIN"), kind + 1 < words.count
    else { return nil }
    let letter = words[kind + 1]
    switch letter {
    case "SHARP": return "ss"
    case "DOTLESS": return "i"
    case "THORN": return "th"
    case "ETH": return "d"
    default: break
    }
    guard letter.count <= 2, letter.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
      return nil
    }
    return letter.lowercased()
  }
}

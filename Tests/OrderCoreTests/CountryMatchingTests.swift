import PropertyBased
import Testing

@testable import OrderCore

@Suite struct CountryMatchingTests {
  private func codes(_ query: String, limit: Int = 10) -> [String] {
    Countries.matching(query, limit: limit).map(\.code)
  }

  @Test func exactCodeComesFirst() {
    #expect(codes("de").first == "DE")
    #expect(codes("DE").first == "DE")
    #expect(codes(" de ").first == "DE")
    // Then the names starting with "de", alphabetically.
    #expect(codes("de").prefix(3) == ["DE", "CD", "DK"])
  }

  @Test func namesStartingWithTheQueryComeBeforeOtherWords() {
    // Algeria, Niger and Nigeria only contain "ger".
    #expect(codes("ger") == ["DE", "DZ", "NE", "NG"])
    #expect(codes("new") == ["NC", "NZ", "PG"])
    // Names before aliases: Tanzania's alias "United Republic of Tanzania" comes last.
    #expect(codes("united") == ["AE", "GB", "US", "UM", "TZ"])
  }

  @Test func laterWordsMatch() {
    #expect(codes("kingdom") == ["GB"])
    #expect(codes("zealand") == ["NZ"])
    #expect(codes("islands").contains("AX"))
  }

  @Test func tiersAreInOrder() {
    // "guinea": the exact name, then names starting with it, then later words.
    #expect(codes("guinea") == ["GN", "GW", "GQ", "PG"])
    // "sudan": exact name, then South Sudan by its second word.
    #expect(codes("sudan") == ["SD", "SS"])
    // "land": only substrings; names alphabetically, then countries found by an alias.
    let land = Countries.matching("land", limit: 50)
    let byName = land.prefix { $0.name.contains("land") }
    let folded = byName.map { SearchFolding.folded($0.name) }
    #expect(byName.first?.code == "AX")
    #expect(folded == folded.sorted { $0.lexicographicallyPrecedes($1) })
    #expect(land.dropFirst(byName.count).map(\.code) == ["SZ", "GB"])
  }

  @Test func ignoresDiacriticsAndCase() {
    #expect(codes("cote").first == "CI")
    #expect(codes("COTE D'IVOIRE") == ["CI"])
    #expect(codes("cote divoire") == ["CI"])
    #expect(codes("côte d’ivoire") == ["CI"])
    #expect(codes("aland").first == "AX")
    #expect(codes("turk").first == "TR")
    #expect(codes("turk").prefix(3) == ["TR", "TM", "TC"])
    #expect(codes("curacao") == ["CW"])
    #expect(codes("reunion") == ["RE"])
    #expect(codes("sao tome") == ["ST"])
    // Decomposed input: u followed by a combining diaeresis.
    #expect(codes("tu\u{308}rkiye") == ["TR"])
  }

  @Test func aliasesPeopleUse() {
    #expect(codes("uk").first == "GB")
    #expect(codes("UK").prefix(2) == ["GB", "UA"])
    #expect(codes("usa") == ["US"])
    #expect(codes("america").first == "US")
    #expect(codes("america").contains("AS"))
    #expect(codes("holland") == ["NL"])
    #expect(codes("england") == ["GB"])
    #expect(codes("turkey") == ["TR"])
    #expect(codes("ivory") == ["CI"])
    #expect(codes("czech").first == "CZ")
  }

  @Test func punctuationSeparatesWords() {
    #expect(codes("guinea-bissau") == ["GW"])
    #expect(codes("guinea bissau") == ["GW"])
    #expect(codes("u.s. virgin").first == "VI")
    #expect(codes("saint martin (french").first == "MF")
  }

  @Test func limitIsRespected() {
    #expect(codes("a", limit: 3).count == 3)
    #expect(codes("a", limit: 1000).count <= 249)
    #expect(codes("a", limit: 0).isEmpty)
    #expect(codes("a", limit: -1).isEmpty)
  }

  @Test(arguments: ["", " ", "\t\n", "'", "...", "-", "\u{301}", "\u{1B}", "\u{1B}[2J"])
  func nothingToMatchGivesNothing(query: String) {
    #expect(codes(query).isEmpty)
  }

  @Test(arguments: ["xyz", "qqq", "日本", "Deutschland", "🇩🇪", "de\u{1B}x", "qx"])
  func unknownTextGivesNothing(query: String) {
    #expect(codes(query).isEmpty)
  }

  @Test func hostileQueriesAreSafe() {
    // Controls and brackets separate words; what is left is matched as usual.
    #expect(codes("germany\u{1B}") == ["DE"])
    #expect(codes("\u{1B}]0;pwned\u{7}").isEmpty)
  }

  @Test(.timeLimit(.minutes(1)))
  func tenMegabyteQueryGivesNothing() {
    let huge = String(repeating: "a", count: 10_000_000)
    #expect(codes(huge).isEmpty)
    // Even when it starts with a full country name or code: too long is too long.
    #expect(codes("germany" + huge).isEmpty)
    #expect(codes("de " + String(repeating: " ", count: 10_000_000)).isEmpty)
  }

  @Test(arguments: ["United Kingdom", "Germany", "Côte d'Ivoire", "New Zealand", "Türkiye"])
  func typingANameLetterByLetterKeepsTheCountryListed(name: String) throws {
    let country = try #require(Countries.all.first { $0.name == name })
    var typed = ""
    for letter in name {
      typed.append(letter)
      let all = Countries.matching(typed, limit: 249)
      #expect(all.contains(country), "after typing \"\(typed)\"")
      // The short list shown while typing is the start of the full one.
      #expect(Countries.matching(typed, limit: 10) == Array(all.prefix(10)))
    }
    #expect(Countries.matching(typed, limit: 10).first == country)
  }

  @Test func typingUnitedKingdomKeepsItInTheShortList() throws {
    let kingdom = try #require(Countries.country(code: "GB"))
    let typed = "united kingdom"
    for length in 1...typed.count {
      let prefix = String(typed.prefix(length))
      #expect(Countries.matching(prefix, limit: 10).contains(kingdom), "after \"\(prefix)\"")
    }
    #expect(codes("united k") == ["GB"])
  }

  @Test func everyCountryIsFoundFirstByItsCode() async {
    await propertyCheck(count: 300, input: Gen<Country?>.element(of: Countries.all)) {
      country in
      #expect(Countries.matching(country!.code, limit: 1) == [country!])
      #expect(Countries.matching(country!.code.lowercased(), limit: 1) == [country!])
    }
  }

  @Test func everyCountryIsFoundFirstByItsFullName() {
    for country in Countries.all {
      #expect(Countries.matching(country.name, limit: 1) == [country])
      #expect(Countries.matching(country.name.uppercased(), limit: 1) == [country])
    }
  }

  @Test func everyPrefixOfANameFindsTheCountry() async {
    await propertyCheck(
      count: 300, input: Gen<Country?>.element(of: Countries.all), Gen.int(in: 1...40)
    ) { country, length in
      let prefix = String(country!.name.prefix(length))
      let found = Countries.matching(prefix, limit: 249)
      #expect(found.contains(country!))
    }
  }

  @Test func resultsAreStableAndWithoutDuplicates() async {
    await propertyCheck(count: 200, input: Gen.letter.string(of: 1...4)) { query in
      let first = Countries.matching(query, limit: 249)
      #expect(Set(first).count == first.count)
      #expect(Countries.matching(query, limit: 249) == first)
      // A smaller limit is a prefix of a larger one.
      #expect(Array(first.prefix(5)) == Countries.matching(query, limit: 5))
    }
  }

  @Test func matchingIgnoresCase() async {
    await propertyCheck(count: 200, input: Gen.letter.string(of: 1...5)) { query in
      #expect(
        Countries.matching(query.lowercased(), limit: 249)
          == Countries.matching(query.uppercased(), limit: 249))
    }
  }
}

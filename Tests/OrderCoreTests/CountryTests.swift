import PropertyBased
import Testing

@testable import OrderCore

@Suite struct CountryTests {
  @Test func listHasAll249ISOCountriesOnce() {
    #expect(Countries.all.count == 249)
    #expect(Set(Countries.all.map(\.code)).count == 249)
    #expect(Set(Countries.all.map(\.name)).count == 249)
  }

  @Test func listIsSortedByCode() {
    let codes = Countries.all.map(\.code)
    #expect(codes == codes.sorted())
  }

  @Test func everyCodeIsTwoCapitalLetters() {
    for country in Countries.all {
      #expect(country.code.utf8.count == 2)
      #expect(country.code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) })
      #expect(!country.name.isEmpty)
      #expect(country.name == country.name.trimmingASCIIWhitespace())
    }
  }

  @Test(arguments: [
    ("DE", "Germany"), ("GB", "United Kingdom"), ("US", "United States"), ("TR", "Türkiye"),
    ("CI", "Côte d'Ivoire"), ("AX", "Åland Islands"), ("KR", "South Korea"), ("JP", "Japan"),
    ("NL", "Netherlands"), ("CW", "Curaçao"), ("RE", "Réunion"),
  ])
  func namesPeopleType(code: String, name: String) {
    #expect(Countries.country(code: code)?.name == name)
  }

  @Test func lookupIgnoresCaseAndSurroundingSpace() {
    for text in ["de", "De", "dE", " DE ", "\tde\n"] {
      #expect(Countries.country(code: text)?.name == "Germany")
    }
  }

  @Test(arguments: [
    "", " ", "D", "DEU", "XX", "ZZ", "UK", "EU", "D E", "1A", "d\u{1B}", "\u{1B}[2J", "ＤＥ",
    "Germany", "de\u{301}", "🇩🇪",
  ])
  func unknownCodesAreNil(text: String) {
    #expect(Countries.country(code: text) == nil)
    #expect(!Countries.isKnown(code: text))
  }

  @Test(.timeLimit(.minutes(1)))
  func tenMegabyteCodeIsRefused() {
    let huge = String(repeating: "D", count: 10_000_000)
    #expect(Countries.country(code: huge) == nil)
    #expect(!Countries.isKnown(code: huge))
    // A real code padded with 10 MB of spaces is refused too, rather than trimmed.
    let padded = "DE" + String(repeating: " ", count: 10_000_000)
    #expect(Countries.country(code: padded) == nil)
    #expect(Countries.country(code: "DE ") != nil)
  }

  @Test func everyCountryIsFoundByItsOwnCodeInAnyCase() async {
    await propertyCheck(count: 300, input: Gen<Country?>.element(of: Countries.all), Gen.bool) {
      country, lower in
      let country = country!
      let code = lower ? country.code.lowercased() : country.code
      #expect(Countries.country(code: code) == country)
      #expect(Countries.country(code: " \(code) ") == country)
    }
  }

  @Test func postalCodeUseFollowsTheDocumentedList() {
    let without = Countries.all.filter { !$0.usesPostalCodes }.map(\.code)
    #expect(without.count == 58)
    #expect(without.contains("AE"))
    #expect(without.contains("HK"))
    #expect(without.contains("ZW"))
    #expect(Countries.country(code: "DE")?.usesPostalCodes == true)
    #expect(Countries.country(code: "US")?.usesPostalCodes == true)
  }

  @Test func descriptionShowsNameAndCode() {
    #expect(Countries.country(code: "de")?.description == "Germany (DE)")
  }
}

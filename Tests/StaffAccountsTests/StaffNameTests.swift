import StaffAccounts
import Testing

struct StaffNameTests {
  @Test(arguments: ["alice", "a", "bob.smith", "j_doe-2", String(repeating: "x", count: 32)])
  func namesOfTheAllowedCharactersAreAccepted(_ name: String) throws {
    #expect(try StaffName(name).rawValue == name)
  }

  @Test func upperCaseIsLowered() throws {
    #expect(try StaffName("Alice.SMITH").rawValue == "alice.smith")
  }

  @Test(arguments: [
    ("", "at least one character"),
    (String(repeating: "x", count: 33), "at most 32"),
    ("alice smith", "only the letters"),
    ("alice\u{0}", "only the letters"),
    ("al\u{1B}[2Jice", "only the letters"),
    ("\u{212A}im", "only the letters"),  // the Kelvin sign lowers to an ASCII k
    ("élodie", "only the letters"),
    ("alice/../bob", "only the letters"),
    (String(repeating: "a", count: 10_000), "at most 32"),
    ("4242424242424242", "card number"),
  ])
  func badNamesSayWhichRuleTheyBreak(_ name: String, _ rule: String) {
    #expect {
      _ = try StaffName(name)
    } throws: { error in
      guard case .invalidName(let message) = error as? StaffDirectoryError else { return false }
      return message.contains(rule)
    }
  }
}

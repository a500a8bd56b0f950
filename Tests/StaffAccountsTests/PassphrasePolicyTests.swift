import StaffAccounts
import Testing

struct PassphrasePolicyTests {
  let alice = try! StaffName("alice")

  @Test(arguments: [
    "correct horse 42 battery", "abcdefghijk1", "Ünïcödé pässwörd 7",
    String(repeating: "a1", count: 64),
  ])
  func passphrasesThatFollowEveryRuleAreAccepted(_ passphrase: String) {
    #expect(PassphrasePolicy.problem(passphrase, name: alice) == nil)
  }

  @Test(arguments: [
    ("abcdefghij1", PassphraseProblem.tooShort),
    ("", .tooShort),
    (String(repeating: "a1", count: 64) + "x", .tooLong),
    (String(repeating: "a", count: 10_000), .tooLong),
    (String(repeating: "7", count: 10_000), .tooLong),
    ("abcdefghijklmnop", .noDigit),
    ("1234567890123456", .noLetter),
    ("my name is alice 2024", .containsName(try! StaffName("alice"))),
    ("my name is ALICE 2024", .containsName(try! StaffName("alice"))),
    ("correct horse\u{0} 42 battery", .controlCharacter),
    ("correct horse\t42 battery", .controlCharacter),
    ("correct horse 42 battery\n", .controlCharacter),
    ("correct \u{1B}[31mhorse 42", .controlCharacter),
    ("correct \u{202E}horse 42 battery", .controlCharacter),
  ])
  func eachRuleIsEnforcedAndNamed(_ passphrase: String, _ expected: PassphraseProblem) {
    #expect(PassphrasePolicy.problem(passphrase, name: alice) == expected)
  }

  @Test func stackedCombiningMarksCountAsTooLong() {
    // 20 characters on screen, 4,000 scalars underneath.
    let zalgo = String(repeating: "a1" + String(repeating: "\u{301}", count: 200), count: 10)
    #expect(PassphrasePolicy.problem(zalgo, name: alice) == .tooLong)
  }

  @Test func messagesNameTheRuleAndNeverThePassphrase() {
    let passphrase = "abcdefghij1"
    let problem = PassphrasePolicy.problem(passphrase, name: alice)
    #expect(problem?.description.contains("at least 12 characters") == true)
    #expect(problem?.description.contains(passphrase) == false)
    #expect(PassphraseProblem.noDigit.description.contains("digit"))
    #expect(PassphraseProblem.noLetter.description.contains("letter"))
    #expect(PassphraseProblem.tooLong.description.contains("at most 128"))
    #expect(PassphraseProblem.containsName(alice).description.contains("'alice'"))
  }
}

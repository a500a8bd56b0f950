import PropertyBased
import Testing

@testable import OrderCore

@Suite struct EmailTests {
  private func message(_ email: String) -> String? {
    Customer.valid.with { $0.email = email }.message(for: .customerEmail)
  }

  @Test(arguments: [
    "ada@example.com", "a.b.c@example.co.uk", "first+tag@sub.example.org", "x@a-b.io",
    "o'brien@example.ie", "user_name-1@example123.com", "!#$%&'*+-/=?^_`{|}~@example.com",
    "ada@münchen.de", "ada@例え.jp", "ada@пример.рф", "ada@xn--mnchen-3ya.de",
    "ada@उदाहरण.भारत", "  ada@example.com  ", "ADA@EXAMPLE.COM", "a@b.cd",
  ])
  func usableAddressesAreAccepted(email: String) {
    #expect(message(email) == nil)
  }

  @Test(arguments: ["", "   ", "\t"])
  func emailIsRequired(email: String) {
    #expect(
      message(email) == "Enter an email address; the receipt and licence keys are sent there.")
  }

  @Test(arguments: [
    ("ada.example.com", "Email address needs exactly one @, like name@example.com."),
    ("ada@@example.com", "Email address needs exactly one @, like name@example.com."),
    ("a@b@example.com", "Email address needs exactly one @, like name@example.com."),
    ("ada＠example.com", "Email address needs exactly one @, like name@example.com."),
    ("@example.com", "Email address needs a name before the @, like name@example.com."),
    ("ada@", "Email address needs a domain after the @, like example.com."),
    ("ada@localhost", "The domain after the @ needs a dot, like example.com."),
    (
      ".ada@example.com",
      "The part before the @ cannot start or end with a dot or have two dots in a row."
    ),
    (
      "ada.@example.com",
      "The part before the @ cannot start or end with a dot or have two dots in a row."
    ),
    (
      "a..da@example.com",
      "The part before the @ cannot start or end with a dot or have two dots in a row."
    ),
    (
      "ada@.example.com",
      "The domain after the @ cannot start or end with a dot or have two dots in a row."
    ),
    (
      "ada@example.com.",
      "The domain after the @ cannot start or end with a dot or have two dots in a row."
    ),
    (
      "ada@example..com",
      "The domain after the @ cannot start or end with a dot or have two dots in a row."
    ),
    ("ada@-example.com", "Parts of the domain cannot start or end with a hyphen."),
    ("ada@example-.com", "Parts of the domain cannot start or end with a hyphen."),
    (
      "ada@example_1.com",
      "The domain may use only letters, digits, hyphens and dots, like example.com."
    ),
    (
      "ada@exa!mple.com",
      "The domain may use only letters, digits, hyphens and dots, like example.com."
    ),
    (
      "ada@example.👍",
      "The domain may use only letters, digits, hyphens and dots, like example.com."
    ),
    (
      "ada@\u{301}x.com",
      "The domain may use only letters, digits, hyphens and dots, like example.com."
    ),
    (
      "ada@x.\u{301}com",
      "The domain may use only letters, digits, hyphens and dots, like example.com."
    ),
    ("ada@-\u{301}x.com", "Parts of the domain cannot start or end with a hyphen."),
    ("ada@x\u{301}.com", nil),
    ("ada@127.0.0.1", "The domain must end in a name like .com or .de, not a number."),
    ("ada@example.c", "The domain must end in a name of at least two letters, like .com or .de."),
  ])
  func malformedAddressesGetAPreciseMessage(email: String, expected: String?) {
    #expect(message(email) == expected)
  }

  @Test(arguments: [
    "ada lovelace@example.com", "ada@exa mple.com", "ada\u{0}@example.com",
    "ada@example.com\u{1B}[2J",
    "\u{1B}]0;pwned\u{7}@example.com", "ada\u{200B}@example.com", "ada@exam\u{202E}ple.com",
    "ada\u{A0}@example.com", "ada@example.com\u{2028}x", "ada\u{9B}@example.com",
  ])
  func spacesAndControlsAreRefused(email: String) {
    #expect(
      message(email)
        == "Email address must not contain spaces, invisible characters or control characters.")
  }

  @Test(arguments: [
    "josé@example.com", "山田@example.jp", "ada😀@example.com", "\"ada\"@example.com",
    "a(b)@example.com",
  ])
  func localPartIsASCII(email: String) {
    #expect(
      message(email)
        == "The part before the @ may use only letters a to z, digits, dots and the signs "
        + "! # $ % & ' * + - / = ? ^ _ ` { | } ~.")
  }

  @Test func lengthLimits() {
    let local64 = String(repeating: "a", count: 64)
    #expect(message("\(local64)@example.com") == nil)
    #expect(
      message("\(local64)a@example.com") == "The part before the @ must be at most 64 characters.")

    let label63 = String(repeating: "b", count: 63)
    #expect(message("ada@\(label63).com") == nil)
    #expect(
      message("ada@\(label63)b.com")
        == "Each part of the domain between dots must be at most 63 characters.")

    // 64 + 1 + 189 = 254 characters is the most an address may have.
    let domain189 = [label63, label63, String(repeating: "c", count: 58), "de"]
      .joined(separator: ".")
    #expect(domain189.count == 189)
    let longest = "\(local64)@\(domain189)"
    #expect(longest.count == 254)
    #expect(message(longest) == nil)
    #expect(message("a" + longest) == "Email address must be at most 254 characters.")
  }

  @Test func messagesNeverEchoTheAddress() async {
    let parts = Gen.letterOrNumber.string(of: 0...8)
    let glue = Gen<String?>.element(of: ["@", ".", "-", "..", "@@", " ", "\u{1B}", ""]).map { $0! }
    await propertyCheck(count: 300, input: parts, glue, parts, glue, parts) { a, g1, b, g2, c in
      let email = "zq" + a + g1 + b + g2 + c
      if let text = message(email) {
        #expect(!text.contains("zq" + a))
        #expect(CustomerMessage.isSafeSentence(text))
      }
    }
  }

  @Test func wellFormedAddressesAlwaysPass() async {
    let label = Gen.lowercaseLetter.string(of: 1...20)
    await propertyCheck(count: 300, input: label, label, Gen.lowercaseLetter.string(of: 2...6)) {
      local, domain, tld in
      #expect(message("\(local)@\(domain).\(tld)") == nil)
      #expect(message(" \(local.uppercased())@\(domain).\(tld) ") == nil)
    }
  }
}

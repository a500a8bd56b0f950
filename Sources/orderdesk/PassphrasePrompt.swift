import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a new passphrase for `orderdesk staff add` and `reset`.
///
/// From a terminal: asked twice on standard error, typed without echo, and the two must
/// match. Otherwise (a script, a test): one line of standard input.
enum PassphrasePrompt {
  static func read(for name: String) throws -> String {
    guard isatty(STDIN_FILENO) == 1 else {
      guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw AdministrationError("No passphrase was given on standard input.")
      }
      return line
    }
    let first = try SecretPrompt.read("New passphrase for \(name): ", hidden: true)
    let second = try SecretPrompt.read("The same passphrase again: ", hidden: true)
    guard first == second else { throw AdministrationError("The two passphrases differ.") }
    return first
  }
}

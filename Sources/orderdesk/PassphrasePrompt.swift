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
    let first = try readHidden("New passphrase for \(name): ")
    let second = try readHidden("The same passphrase again: ")
    guard first == second else { throw AdministrationError("The two passphrases differ.") }
    return first
  }

  /// The terminal's modes while echo is off, put back if the process is interrupted.
  nonisolated(unsafe) private static var savedModes = termios()

  private static func readHidden(_ prompt: String) throws -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    guard tcgetattr(STDIN_FILENO, &savedModes) == 0 else {
      throw AdministrationError("The terminal's echo could not be turned off.")
    }
    var quiet = savedModes
    quiet.c_lflag &= ~tcflag_t(ECHO)
    signal(SIGINT) { _ in
      tcsetattr(STDIN_FILENO, TCSANOW, &PassphrasePrompt.savedModes)
      _exit(130)
    }
    guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0 else {
      throw AdministrationError("The terminal's echo could not be turned off.")
    }
    let line = readLine(strippingNewline: true)
    tcsetattr(STDIN_FILENO, TCSANOW, &savedModes)
    signal(SIGINT, SIG_DFL)
    FileHandle.standardError.write(Data("\n".utf8))
    guard let line else { throw AdministrationError("No passphrase was typed.") }
    return line
  }
}

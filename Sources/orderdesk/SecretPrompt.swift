import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads one answer a command asks for: from a terminal after a prompt on standard error,
/// without echo when `hidden`; from a script or a test, one line of standard input.
enum SecretPrompt {
  static func read(_ prompt: String, hidden: Bool) throws -> String {
    guard isatty(STDIN_FILENO) == 1 else {
      guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw AdministrationError("Nothing was given on standard input for: \(prompt)")
      }
      return line
    }
    FileHandle.standardError.write(Data(prompt.utf8))
    guard hidden else {
      guard let line = readLine(strippingNewline: true) else {
        throw AdministrationError("Nothing was typed.")
      }
      return line
    }
    guard tcgetattr(STDIN_FILENO, &savedModes) == 0 else {
      throw AdministrationError("The terminal's echo could not be turned off.")
    }
    var quiet = savedModes
    quiet.c_lflag &= ~tcflag_t(ECHO)
    signal(SIGINT) { _ in
      tcsetattr(STDIN_FILENO, TCSANOW, &SecretPrompt.savedModes)
      _exit(130)
    }
    guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0 else {
      throw AdministrationError("The terminal's echo could not be turned off.")
    }
    let line = readLine(strippingNewline: true)
    tcsetattr(STDIN_FILENO, TCSANOW, &savedModes)
    signal(SIGINT, SIG_DFL)
    FileHandle.standardError.write(Data("\n".utf8))
    guard let line else { throw AdministrationError("Nothing was typed.") }
    return line
  }

  /// The terminal's modes while echo is off, put back if the process is interrupted.
  nonisolated(unsafe) private static var savedModes = termios()
}

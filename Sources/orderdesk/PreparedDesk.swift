import DeskTheme
import OrderCore

#if canImport(Glibc)
  import Glibc
#endif

/// The desk with everything checked that can be checked before the terminal is taken over:
/// a terminal to draw on and a theme that loads.
struct PreparedDesk {
  let options: DeskLaunchOptions
  let theme: Theme
  let currentMonth: YearMonth

  init(_ options: DeskLaunchOptions) throws(DeskLaunchProblem) {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw DeskLaunchProblem(
        "the desk needs a terminal; run it in one, or try 'orderdesk catalog'.")
    }
    let library = ThemeLibrary.standard(
      variable: environmentVariable, executablePath: ThemeLibrary.currentExecutablePath())
    let chosen = library.load(
      ThemeLibrary.choose(themeOption: options.theme, variable: environmentVariable))
    if let problem = chosen.problem {
      throw DeskLaunchProblem("the theme cannot be used: \(problem)")
    }
    self.options = options
    self.theme = chosen.theme
    self.currentMonth = YearMonth.current()
  }

  /// Runs the desk on the calling thread until the person quits.
  func runOnThisThread() throws {
    try runtime.runOnThisThread(theme: theme, currency: options.currency)
  }

  /// Runs the desk on a thread of its own, so that no task waits on the keyboard.
  func run() async throws {
    try await runtime.run(theme: theme, currency: options.currency)
  }

  private var runtime: DeskRuntime {
    DeskRuntime(connection: options.connection, currentMonth: currentMonth)
  }
}

/// Why the desk cannot open, in words for the person who started it.
struct DeskLaunchProblem: Error, CustomStringConvertible {
  let message: String

  init(_ message: String) { self.message = message }

  var description: String { message }
}

/// The value of the environment variable `name`, read on its own: collecting the whole
/// environment into a dictionary would make the first frame wait for that dictionary.
func environmentVariable(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}

import DeskTheme
import OrderCore
import ThemeFiles

#if canImport(Glibc)
  import Glibc
#endif

/// The desk with everything checked that can be checked before the terminal is taken over:
/// a terminal to draw on and a theme that loads.
struct PreparedDesk {
  let options: DeskLaunchOptions
  let theme: Theme
  let currentMonth: YearMonth

  init(_ options: DeskLaunchOptions) throws(DeskProblem) {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw DeskProblem(
        "the desk needs a terminal; run it in one, or try 'orderdesk catalog'.")
    }
    let library = ThemeLibrary.standard(
      variable: environmentVariable, executablePath: ThemeLibrary.currentExecutablePath())
    let chosen = library.load(
      ThemeLibrary.choose(themeOption: options.theme, variable: environmentVariable))
    if let problem = chosen.problem {
      throw DeskProblem("the theme cannot be used: \(problem)")
    }
    self.options = options
    self.theme = chosen.theme
    self.currentMonth = YearMonth.current()
  }

  /// Runs the desk on the calling thread until the person quits.
  func runOnThisThread() throws {
    try DeskRuntime(connection: options.connection, currentMonth: currentMonth)
      .runOnThisThread(theme: theme, currency: options.currency)
  }
}

/// The value of the environment variable `name`, read on its own: collecting the whole
/// environment into a dictionary would make the first frame wait for that dictionary.
func environmentVariable(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}

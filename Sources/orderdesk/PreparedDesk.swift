import DeskTheme
import OrderCore

#if canImport(Glibc)
  import Glibc
#endif

/// The desk with everything checked that can be checked before the terminal is taken over:
/// a terminal to draw on, a theme that loads, a clock that gives a date.
struct PreparedDesk {
  let options: DeskLaunchOptions
  let theme: Theme
  let currentMonth: YearMonth

  init(_ options: DeskLaunchOptions) throws(DeskLaunchProblem) {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw DeskLaunchProblem(
        "the desk needs a terminal; run it in one, or try 'orderdesk catalog'.")
    }
    // Read one by one: collecting the environment into a dictionary would make the first
    // frame wait for that dictionary type's first use.
    let variable = { (name: String) in getenv(name).map { String(cString: $0) } }
    let choice = ThemeLibrary.choose(themeOption: options.theme, variable: variable)
    // The person's folder and the built-in themes answer most choices; the shipped folders,
    // which take a walk up from the program to find, are searched only when they do not.
    let personal = ThemeLibrary.personalSearchPaths(variable: variable)
    var chosen = ThemeLibrary(searchPaths: personal).load(choice)
    if chosen.problem != nil {
      chosen = ThemeLibrary.standard(
        variable: variable, executablePath: ThemeLibrary.currentExecutablePath()
      ).load(choice)
    }
    if let problem = chosen.problem {
      throw DeskLaunchProblem("the theme cannot be used: \(problem)")
    }
    guard let month = YearMonth.current() else {
      throw DeskLaunchProblem("the system clock does not give a valid date")
    }
    self.options = options
    self.theme = chosen.theme
    self.currentMonth = month
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

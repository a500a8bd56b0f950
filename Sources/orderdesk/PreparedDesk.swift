import DeskRuntime
import DeskTerminal
import DeskTheme
import DeskUI
import Foundation
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

  /// Runs the desk on the calling thread, which becomes the terminal's, until the person
  /// quits; then gives the terminal back and stops the embedded service.
  ///
  /// This is where the desk's ports are wired: ncurses, the channel to the order service
  /// (opened on first use) and the audit log in the data directory.
  func runOnThisThread() throws {
    let channel = LazyOrderChannel(settings: options.connection)
    defer {
      let closed = DispatchSemaphore(value: 0)
      Task {
        await channel.close()
        closed.signal()
      }
      closed.wait()
    }
    let journal = CardReadBackLog(
      directory: options.connection.resolvedDataDirectory(
        environment: ProcessInfo.processInfo.environment, home: NSHomeDirectory))
    let runtime = DeskRuntime(
      channel: channel, journal: journal, currentMonth: currentMonth,
      idleLock: options.idleLockSeconds.map { .seconds($0) } ?? DeskState.standardIdleLock)
    let terminal = try Terminal(theme: theme)
    defer { terminal.close() }
    let glyphs = Glyphs(unicode: terminal.supportsUnicode) {
      theme.glyph($0, unicode: terminal.supportsUnicode)
    }
    var generator = SystemRandomNumberGenerator()
    let (rows, columns) = terminal.size
    let state = DeskState(
      rows: rows, columns: columns, currency: options.currency, currentMonth: currentMonth,
      idempotencySeed: IdempotencyKey.random(using: &generator),
      jitterSeed: generator.next(), mode: options.staff ? .staff : .customer)
    runtime.run(state, on: terminal, glyphs: glyphs)
  }
}

/// The value of the environment variable `name`, read on its own: collecting the whole
/// environment into a dictionary would make the first frame wait for that dictionary.
func environmentVariable(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}

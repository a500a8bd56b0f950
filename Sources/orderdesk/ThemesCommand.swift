import ArgumentParser
import Foundation
import ThemeFiles

/// `orderdesk themes`: the colour themes on offer and where they are, and a checker for
/// theme authors.
struct ThemesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "themes",
    abstract: "List the colour themes and where they are.",
    discussion: """
      Themes are TOML files named <name>.toml, looked for in $XDG_CONFIG_HOME/orderdesk/themes \
      (or ~/.config/orderdesk/themes), then among the built-in themes ('default' and \
      'monochrome'), then in <program folder>/../share/orderdesk/themes and the themes/ \
      folder of the source tree orderdesk was built in; the first theme of a name wins. \
      themes/default.toml describes the format.
      """
  )

  @Option(
    name: .customLong("check"),
    help: ArgumentHelp("Check a theme file and report its problems.", valueName: "path"))
  var checkPath: String?

  func run() throws {
    if let checkPath {
      try check(checkPath)
      return
    }
    let library = ThemeLibrary.standard(
      variable: environmentVariable, executablePath: ThemeLibrary.currentExecutablePath())
    let listings = library.availableThemes()
    let nameWidth = listings.map(\.name.count).max() ?? 0
    let descriptionWidth = listings.map(\.description.count).max() ?? 0
    for listing in listings {
      let name = listing.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      let place = listing.path.map(shown) ?? "built in"
      if let problem = listing.problem {
        let more = problem.problems.count > 1 ? " (and \(problem.problems.count - 1) more)" : ""
        print("\(name)  cannot be used: \(problem.description.prefix { $0 != "\n" })\(more)")
      } else {
        let description = listing.description.padding(
          toLength: descriptionWidth, withPad: " ", startingAt: 0)
        print("\(name)  \(description)  \(place)")
      }
    }
    let order =
      library.searchPaths.map(shown) + ["the built-in themes"] + library.shippedPaths.map(shown)
    print(
      "\nSearched in this order (the first theme of a name wins): \(order.joined(separator: ", "))")
  }

  private func check(_ path: String) throws {
    do throws(ThemeError) {
      let theme = try ThemeLibrary.loadFile(path)
      print("\(shown(path)): ok: \(theme.name): \(theme.description)")
    } catch {
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      throw ExitCode.failure
    }
  }

  /// `path` with any control character shown as `?`: folder names come from the
  /// environment and must not drive the terminal.
  private func shown(_ path: String) -> String {
    String(
      String.UnicodeScalarView(
        path.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0 }
      ))
  }
}

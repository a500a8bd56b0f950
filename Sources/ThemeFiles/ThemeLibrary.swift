import DeskTheme

/// A theme the library can offer: where it is, and whether it can be read.
public struct ThemeListing: Sendable, Hashable {
  /// The name to ask for it by: its file's name without `.toml`.
  public var name: String
  /// The theme's description; empty for a theme that cannot be read.
  public var description: String
  /// The file it is read from, or `nil` for a built-in theme.
  public var path: String?
  /// Why the file cannot be used, or `nil` if it can.
  public var problem: ThemeError?

  /// Creates a listing.
  public init(name: String, description: String, path: String?, problem: ThemeError? = nil) {
    self.name = name
    self.description = description
    self.path = path
    self.problem = problem
  }
}

/// Finds theme files by name in a list of folders, and reads them.
///
/// A theme named `solarized` is the file `solarized.toml` in the first search path that
/// has one; the built-in ``Theme/default`` and ``Theme/monochrome`` answer to their names
/// when no file does. Folders of themes shipped with the program (``shippedPaths``) come
/// after the built-in themes: their `default.toml` and `monochrome.toml` are copies of the
/// built-in ones (a test keeps them equal), and reading a copy would only delay the first
/// frame.
public struct ThemeLibrary: Sendable {
  /// The folders searched before the built-in themes, first first: the person's own.
  public let searchPaths: [String]
  private let findShippedPaths: @Sendable () -> [String]

  /// The themes built into the program.
  public static let builtIn: [Theme] = [.default, .monochrome]

  /// A library searching `searchPaths`, then the built-in themes, then `shippedPaths`.
  public init(searchPaths: [String], shippedPaths: [String] = []) {
    self.init(searchPaths: searchPaths) { shippedPaths }
  }

  private init(searchPaths: [String], findShippedPaths: @escaping @Sendable () -> [String]) {
    self.searchPaths = searchPaths
    self.findShippedPaths = findShippedPaths
  }

  /// The folders searched after the built-in themes, first first: the shipped themes.
  ///
  /// Found when asked for, not before: finding the source tree's `themes/` takes a walk up
  /// from the program, which a theme among ``searchPaths`` or the built-in ones never needs.
  public var shippedPaths: [String] {
    findShippedPaths().filter { !searchPaths.contains($0) }
  }

  /// The library `orderdesk` uses.
  ///
  /// It searches in this order:
  /// 1. `$XDG_CONFIG_HOME/orderdesk/themes`, or `$HOME/.config/orderdesk/themes` when
  ///    `XDG_CONFIG_HOME` is unset, empty or relative (as the XDG spec says), with each
  ///    environment variable read by `variable`;
  /// 2. the built-in themes;
  /// 3. `<folder of the executable>/../share/orderdesk/themes`, for an installed program;
  /// 4. the `themes` folder of the package the executable was built in: the nearest
  ///    folder at most six levels above the executable's that holds both `Package.swift`
  ///    and `themes/`, so `swift run` and `.build/debug/orderdesk` find the repository's.
  ///
  /// `executablePath` is read only if the shipped folders are searched.
  public static func standard(
    variable: (String) -> String?, executablePath: @escaping @Sendable @autoclosure () -> String
  ) -> ThemeLibrary {
    ThemeLibrary(searchPaths: personalSearchPaths(variable: variable)) {
      shippedSearchPaths(executablePath: executablePath())
    }
  }

  /// The person's own theme folder: item 1 of ``standard(variable:executablePath:)``.
  public static func personalSearchPaths(variable: (String) -> String?) -> [String] {
    if let config = variable("XDG_CONFIG_HOME"), config.hasPrefix("/") {
      return [ThemePath.join(config, "orderdesk/themes")]
    } else if let home = variable("HOME"), home.hasPrefix("/") {
      return [ThemePath.join(home, ".config/orderdesk/themes")]
    }
    return []
  }

  /// The folders of the themes shipped with the program: items 3 and 4 of
  /// ``standard(variable:executablePath:)``.
  public static func shippedSearchPaths(executablePath: String) -> [String] {
    var paths: [String] = []
    let executable = ThemePath.normalised(
      executablePath, relativeTo: ThemeFileSystem.currentDirectory())
    let folder = ThemePath.parent(executable)
    paths.append(ThemePath.normalised(ThemePath.join(folder, "../share/orderdesk/themes")))
    var candidate = folder
    for _ in 0...6 {
      let themes = ThemePath.join(candidate, "themes")
      if ThemeFileSystem.exists(ThemePath.join(candidate, "Package.swift"))
        && ThemeFileSystem.isDirectory(themes)
      {
        paths.append(themes)
        break
      }
      if candidate == "/" { break }
      candidate = ThemePath.parent(candidate)
    }
    return paths
  }

  /// The path of the running program: where `/proc/self/exe` points, else `argv[0]`.
  public static func currentExecutablePath() -> String {
    ThemeFileSystem.procSelfExe() ?? CommandLine.arguments.first ?? ""
  }

  /// Every theme on offer: the search paths' in order, the built-in ones, then the shipped
  /// folders', each name once (the first found wins); files that cannot be used are listed
  /// with their problem.
  public func availableThemes() -> [ThemeListing] {
    var listings: [ThemeListing] = []
    var names: Set<String> = []
    list(folders: searchPaths, into: &listings, names: &names)
    for theme in Self.builtIn where names.insert(theme.name).inserted {
      listings.append(ThemeListing(name: theme.name, description: theme.description, path: nil))
    }
    list(folders: shippedPaths, into: &listings, names: &names)
    return listings
  }

  private func list(
    folders: [String], into listings: inout [ThemeListing], names: inout Set<String>
  ) {
    for folder in folders {
      for file in ThemeFileSystem.tomlFiles(in: folder) {
        let path = ThemePath.join(folder, file)
        let name = ThemePath.stem(file)
        guard ThemeText.firstForbidden(in: name) == nil else {
          let problem = ThemeError(source: path, "the file's name holds a control character")
          let shown = ThemeText.escaped(name, limit: 64)
          listings.append(ThemeListing(name: shown, description: "", path: path, problem: problem))
          continue
        }
        guard names.insert(name).inserted else { continue }
        do throws(ThemeError) {
          let theme = try loadFile(path, expectedName: name)
          listings.append(ThemeListing(name: name, description: theme.description, path: path))
        } catch {
          listings.append(ThemeListing(name: name, description: "", path: path, problem: error))
        }
      }
    }
  }

  /// The theme `nameOrPath` names: a file if it holds a `/` or ends in `.toml`, otherwise
  /// a name looked up in the search paths, among the built-in themes, then in the shipped
  /// folders.
  ///
  /// - Throws: ``ThemeError`` when the file cannot be read or is not a valid theme, or no
  ///   theme has that name (the error lists the names there are).
  public func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
    if nameOrPath.utf8.contains(UInt8(ascii: "/")) || nameOrPath.hasSuffix(".toml") {
      return try Self.loadFile(nameOrPath)
    }
    guard !nameOrPath.isEmpty, ThemeText.firstForbidden(in: nameOrPath) == nil else {
      throw ThemeError(source: "", "\(ThemeText.quoted(nameOrPath)) is not a theme name")
    }
    for folder in searchPaths {
      let path = ThemePath.join(folder, nameOrPath + ".toml")
      if ThemeFileSystem.exists(path) { return try loadFile(path, expectedName: nameOrPath) }
    }
    if let theme = Self.builtIn.first(where: { $0.name == nameOrPath }) { return theme }
    for folder in shippedPaths {
      let path = ThemePath.join(folder, nameOrPath + ".toml")
      if ThemeFileSystem.exists(path) { return try loadFile(path, expectedName: nameOrPath) }
    }
    let names = availableThemes().map(\.name)
    throw ThemeError(
      source: "",
      "no theme named \(ThemeText.quoted(nameOrPath))"
        + ThemeText.didYouMean(nameOrPath, among: names)
        + "; there are: \(names.joined(separator: ", "))")
  }

  /// The theme in the file at `path`, whatever its name.
  ///
  /// - Throws: ``ThemeError`` when the file cannot be read or is not a valid theme.
  public static func loadFile(_ path: String) throws(ThemeError) -> Theme {
    let text: String
    do {
      text = try ThemeFileSystem.readText(path, limit: Theme.maximumFileSize)
    } catch {
      switch error {
      case .missing: throw ThemeError(source: path, "no such file")
      case .unreadable(let reason): throw ThemeError(source: path, "cannot be read: \(reason)")
      }
    }
    return try Theme.parse(text, source: path)
  }

  /// The theme in `path`, which must call itself `expectedName`, as its file does.
  private func loadFile(_ path: String, expectedName: String) throws(ThemeError) -> Theme {
    let theme = try Self.loadFile(path)
    guard theme.name == expectedName else {
      throw ThemeError(
        source: path,
        "the theme calls itself \(ThemeText.quoted(theme.name)) but its file is named"
          + " \(ThemeText.quoted(expectedName + ".toml")); rename one so they match")
    }
    return theme
  }
}

import DeskTheme

/// Which theme to use, and what asked for it.
public struct ThemeChoice: Sendable, Hashable {
  /// What decided the choice.
  public enum Reason: Sendable, Hashable {
    /// The `--theme` option.
    case option
    /// `NO_COLOR` set to a non-empty value, with no `--theme`.
    case noColor
    /// The `ORDERDESK_THEME` environment variable.
    case environment
    /// Nothing did: the built-in default.
    case fallback
  }

  /// The theme's name or file, for ``ThemeLibrary/load(_:)``.
  public var nameOrPath: String
  /// What decided it.
  public var reason: Reason
  /// Whether `NO_COLOR` is set: a theme that cannot be loaded then falls back to
  /// monochrome rather than the coloured default.
  public var noColor: Bool

  /// Creates a choice.
  public init(nameOrPath: String, reason: Reason, noColor: Bool) {
    self.nameOrPath = nameOrPath
    self.reason = reason
    self.noColor = noColor
  }

  /// The built-in theme to use when the chosen one cannot be loaded.
  public var fallback: Theme { noColor ? .monochrome : .default }
}

extension ThemeLibrary {
  /// Decides which theme to use from the command line and the environment.
  ///
  /// In order, the first that applies wins:
  /// 1. `--theme NAME|PATH` (`themeOption`): the user asked for it on this run, and
  ///    no-color.org lets a command-line flag override `NO_COLOR`;
  /// 2. `NO_COLOR` set to any non-empty value: `monochrome`, even if `ORDERDESK_THEME` is set;
  /// 3. `ORDERDESK_THEME` (non-empty);
  /// 4. `default`.
  ///
  /// An empty `--theme` or `ORDERDESK_THEME` counts as not given. Each environment variable
  /// is read by `variable` (`getenv`, or a dictionary's subscript in tests).
  public static func choose(themeOption: String?, variable: (String) -> String?) -> ThemeChoice {
    let noColor = !(variable("NO_COLOR") ?? "").isEmpty
    if let option = themeOption, !option.isEmpty {
      return ThemeChoice(nameOrPath: option, reason: .option, noColor: noColor)
    }
    if noColor {
      return ThemeChoice(nameOrPath: Theme.monochrome.name, reason: .noColor, noColor: true)
    }
    if let chosen = variable("ORDERDESK_THEME"), !chosen.isEmpty {
      return ThemeChoice(nameOrPath: chosen, reason: .environment, noColor: false)
    }
    return ThemeChoice(nameOrPath: Theme.default.name, reason: .fallback, noColor: false)
  }

  /// The chosen theme, or the choice's ``ThemeChoice/fallback`` and the reason why not.
  ///
  /// The desk always gets a theme to draw with; the problem is for it to show.
  public func load(_ choice: ThemeChoice) -> (theme: Theme, problem: ThemeError?) {
    do throws(ThemeError) {
      return (try load(choice.nameOrPath), nil)
    } catch {
      return (choice.fallback, error)
    }
  }
}

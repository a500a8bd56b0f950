/// Why a theme could not be read: every problem found, each with its file and line.
///
/// Its description has one problem a line, in the form compilers and editors understand:
/// `themes/broken.toml:7: unknown slot "lock-secur" (did you mean "lock-secure"?)`.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// One thing wrong, and where.
  public struct Problem: Sendable, Hashable {
    /// The line (from 1) the problem is on, when it is on one.
    public var line: Int?
    /// The column (from 1), for syntax errors.
    public var column: Int?
    /// What is wrong, without the file and line.
    public var message: String

    /// Creates a problem.
    public init(line: Int? = nil, column: Int? = nil, message: String) {
      self.line = line
      self.column = column
      self.message = message
    }
  }

  /// The file (or other source) the problems are in; empty when there is none.
  public var source: String
  /// The problems, in the order of the lines they are on.
  public var problems: [Problem]

  /// Creates an error with `problems` in `source`.
  public init(source: String, problems: [Problem]) {
    self.source = source
    self.problems = problems
  }

  /// Creates an error with one problem.
  public init(source: String, line: Int? = nil, column: Int? = nil, _ message: String) {
    self.init(source: source, problems: [Problem(line: line, column: column, message: message)])
  }

  /// Each problem on a line of its own, as `source:line: message`.
  public var description: String {
    problems.map(format).joined(separator: "\n")
  }

  private func format(_ problem: Problem) -> String {
    // A file name can hold anything but `/` and NUL; it must not drive the terminal.
    var location = ThemeText.escaped(source, limit: 1000)
    if let line = problem.line {
      location += ":\(line)"
      if let column = problem.column { location += ":\(column)" }
    }
    return location.isEmpty ? problem.message : "\(location): \(problem.message)"
  }
}

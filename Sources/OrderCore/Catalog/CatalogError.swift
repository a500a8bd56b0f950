/// Why a catalog was refused: the file it came from and every problem found in it.
///
/// Reading does not stop at the first problem, so that whoever edits the file can fix all of
/// them in one go. The description has one line per problem, in file order:
///
/// ```
/// demo.json: products[3] (INKWELL-PRO): price for EUR must be a whole number of cents, not 89.5
/// demo.json: products[7]: sku must be at least 3 characters long, not 2
/// ```
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
  /// How many problems ``description`` lists before summing up the rest.
  public static let describedProblemLimit = 50

  /// The name of the file (or other source) the catalog came from, as the caller gave it.
  public let source: String
  /// Every problem found, in file order; never empty.
  public let problems: [CatalogProblem]

  /// Creates an error for `source` with at least one problem.
  public init(source: String, problems: [CatalogProblem]) {
    self.source = source
    self.problems =
      problems.isEmpty
      ? [CatalogProblem(location: nil, message: "the catalog is not valid")] : problems
  }

  public var description: String {
    // The caller's file name is shown through the same filter as file content, since a
    // file name can hold escape sequences too.
    let name = CatalogText.quoted(source, limit: 200).dropFirst().dropLast()
    var lines = problems.prefix(Self.describedProblemLimit).map { "\(name): \($0)" }
    if problems.count > Self.describedProblemLimit {
      lines.append("\(name): and \(problems.count - Self.describedProblemLimit) more problems")
    }
    return lines.joined(separator: "\n")
  }
}

/// One thing wrong in a catalog: where it is and what is wrong.
public struct CatalogProblem: Sendable, Hashable, CustomStringConvertible {
  /// Where the problem is: an entry such as `products[3] (INKWELL-PRO)`, a section such as
  /// `shipping.EUR`, a position such as `line 4, column 17`, or `nil` for the whole file.
  public let location: String?
  /// What is wrong, for example `price for EUR must not be negative`.
  public let message: String

  /// Creates a problem.
  public init(location: String?, message: String) {
    self.location = location
    self.message = message
  }

  public var description: String {
    location.map { "\($0): \(message)" } ?? message
  }
}

/// Problems collected while reading, kept in file order whatever order the checks run in.
struct CatalogProblemList {
  private var entries: [(order: Int, sequence: Int, problem: CatalogProblem)] = []

  /// Records a problem; `order` is the entry's index, or -1 for the file as a whole.
  mutating func add(_ message: String, at location: String?, order: Int = -1) {
    entries.append((order, entries.count, CatalogProblem(location: location, message: message)))
  }

  var isEmpty: Bool { entries.isEmpty }

  /// The problems sorted by entry, then by the order they were found in.
  var sorted: [CatalogProblem] {
    entries.sorted { ($0.order, $0.sequence) < ($1.order, $1.sequence) }.map(\.problem)
  }
}

/// Why the desk cannot open, or cannot start its own order service, in words for the person
/// at it.
struct DeskProblem: Error, CustomStringConvertible {
  let message: String

  init(_ message: String) { self.message = message }

  var description: String { message }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Directories and files only their owner can read: directories 0700, files 0600, created
/// with those modes (never widened by the process's umask and narrowed afterwards, which
/// leaves a moment in which others may open them), and checked at start.
///
/// A wider mode found at start is reported, not narrowed: whoever widened it may have read
/// the files already, and the operator should know.
public enum PrivateFiles {
  /// A path and what is wrong with it, in words that say how to fix it.
  public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let description: String
  }

  /// Creates `path` and any missing parent with mode 0700; an existing directory is left as
  /// it is (``problem(under:)`` judges it).
  public static func createDirectory(_ path: String) throws(Problem) {
    var built = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      built += "/" + component
      if mkdir(built, 0o700) != 0 && errno != EEXIST {
        throw Problem(
          path: built, description: "\(built) cannot be created (\(errorText())).")
      }
    }
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
      throw Problem(path: path, description: "\(path) is not a directory.")
    }
  }

  /// Creates `path` empty with mode 0600 if it does not exist.
  ///
  /// An existing file is left as it is. A link is never followed.
  public static func createFile(_ path: String) throws(Problem) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
    guard descriptor >= 0 else {
      throw Problem(path: path, description: "\(path) cannot be created (\(errorText())).")
    }
    close(descriptor)
  }

  /// Writes `bytes` to a new file at `path`, created 0600 and flushed to disk; an existing
  /// file or a link there is refused, never overwritten.
  public static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(Problem) {
    let descriptor = open(
      path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
    guard descriptor >= 0 else {
      throw Problem(path: path, description: "\(path) cannot be created (\(errorText())).")
    }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if result < 0 && errno == EINTR { continue }
      guard result > 0 else {
        throw Problem(path: path, description: "\(path) cannot be written (\(errorText())).")
      }
      written += result
    }
    guard fsync(descriptor) == 0 else {
      throw Problem(path: path, description: "\(path) cannot be flushed (\(errorText())).")
    }
  }

  /// The first thing under `root` (itself included, `depth` levels down) that another user
  /// could read or that is not this user's: a directory wider than 0700, a file wider than
  /// 0600, or something else than a file or directory; `nil` when everything is private.
  public static func problem(under root: String, depth: Int = 4) -> Problem? {
    var status = stat()
    guard lstat(root, &status) == 0 else {
      return Problem(path: root, description: "\(root) cannot be examined (\(errorText())).")
    }
    let kind = status.st_mode & S_IFMT
    if kind == S_IFREG { return problem(status, path: root, wanted: 0o600) }
    guard kind == S_IFDIR else {
      return Problem(
        path: root,
        description: "\(root) is not a file or a directory; only those belong in a data "
          + "directory.")
    }
    if let problem = problem(status, path: root, wanted: 0o700) { return problem }
    guard depth > 0, let directory = opendir(root) else { return nil }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    for name in names.sorted() {
      if let problem = problem(under: root + "/" + name, depth: depth - 1) { return problem }
    }
    return nil
  }

  private static func problem(_ status: stat, path: String, wanted: mode_t) -> Problem? {
    ownershipProblem(status, path: path, subject: path, wanted: wanted).map {
      Problem(path: path, description: $0)
    }
  }

  /// Why a file or directory with `status` may not hold secrets, or `nil`: it must be this
  /// user's, and no one else's to read.
  ///
  /// - Parameters:
  ///   - subject: how the message names it: "it", or a name such as the path.
  ///   - wanted: the mode it should have, 0600 or 0700, which the message tells how to set.
  public static func ownershipProblem(
    _ status: stat, path: String, subject: String, wanted: mode_t
  ) -> String? {
    guard status.st_uid == geteuid() else { return "\(subject) belongs to another user." }
    let mode = status.st_mode & 0o777
    guard mode & 0o077 == 0 else {
      let possessive = subject == "it" ? "its mode is" : "\(subject) has mode"
      return "\(possessive) \(octal(mode)), so other users may read it; it must be "
        + "\(octal(wanted)): run chmod \(String(wanted, radix: 8)) \(path)."
    }
    return nil
  }

  static func octal(_ mode: mode_t) -> String {
    let text = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
  }

  private static func errorText() -> String {
    String(cString: strerror(errno))
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file operations themes need, on POSIX calls, so reading a theme costs no
/// Foundation start-up.
enum ThemeFileSystem {
  /// Why a file could not be read.
  enum ReadError: Error {
    case missing
    case unreadable(String)
  }

  /// The text of the file at `path`: a regular file of at most `limit` bytes of UTF-8.
  static func readText(_ path: String, limit: Int) throws(ReadError) -> String {
    // O_NONBLOCK: opening a FIFO someone put there must not hang the desk.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else {
      throw errno == ENOENT ? .missing : .unreadable(describeErrno())
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw .unreadable(describeErrno()) }
    guard status.st_mode & S_IFMT == S_IFREG else { throw .unreadable("not a regular file") }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    while bytes.count <= limit {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unreadable(describeErrno())
      }
      if count == 0 { break }
      bytes += buffer[..<count]
    }
    guard bytes.count <= limit else {
      throw .unreadable("larger than \(limit / 1024) KiB; a theme file may be at most that")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .unreadable("not UTF-8 text")
    }
    return text
  }

  /// The names of the `.toml` files in `directory`, sorted; none if it cannot be read.
  static func tomlFiles(in directory: String) -> [String] {
    guard let stream = opendir(directory) else { return [] }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name.hasSuffix(".toml"), !name.hasPrefix(".") { names.append(name) }
    }
    return names.sorted()
  }

  /// Whether something exists at `path`.
  static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  /// Whether `path` is a directory.
  static func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }

  /// The current directory, or `nil` if it cannot be found.
  static func currentDirectory() -> String? {
    guard let pointer = getcwd(nil, 0) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  /// Where `/proc/self/exe` points, where there is one.
  static func procSelfExe() -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBufferPointer { pointer -> Int in
      guard let base = pointer.baseAddress else { return -1 }
      return readlink("/proc/self/exe", base, pointer.count - 1)
    }
    guard count > 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  private static func describeErrno() -> String {
    String(cString: strerror(errno))
  }
}

/// Path arithmetic on strings, without touching the file system.
enum ThemePath {
  /// `path` made absolute against `directory`, with `.` and `..` parts resolved as text.
  static func normalised(_ path: String, relativeTo directory: String? = nil) -> String {
    let full = path.hasPrefix("/") || directory == nil ? path : (directory ?? "") + "/" + path
    var parts: [Substring] = []
    for part in full.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        if !parts.isEmpty && parts.last != ".." {
          parts.removeLast()
        } else if !full.hasPrefix("/") {
          parts.append(part)
        }
      default: parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    return full.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
  }

  /// The directory `path` is in.
  static func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// `path` with `component` added.
  static func join(_ path: String, _ component: String) -> String {
    path.hasSuffix("/") ? path + component : path + "/" + component
  }

  /// The file name of `path` without its extension.
  static func stem(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The identity of a file's current version: a new version written by `replace` has another
/// inode or another modification time, so comparing stamps tells whether to read it again.
struct FileStamp: Sendable, Hashable {
  let inode: UInt64
  let seconds: Int
  let nanoseconds: Int
  let size: Int
}

extension KeyFile {
  /// The stamp of `path`, or `nil` when it does not exist (or cannot be examined).
  static func stamp(_ path: String) -> FileStamp? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    #if canImport(Darwin)
      let time = status.st_mtimespec
    #else
      let time = status.st_mtim
    #endif
    return FileStamp(
      inode: UInt64(status.st_ino), seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec),
      size: Int(status.st_size))
  }

  /// The bytes of the small owner-only file `path` (at most `limit`), or `nil` when it does
  /// not exist; refused like a key file when it is not a regular file, or when it belongs to
  /// another user or others may read it.
  static func readSmall(_ path: String, limit: Int) throws(VaultError) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    if descriptor < 0 {
      if errno == ENOENT { return nil }
      throw .keyFile(path: path, problem: "it cannot be opened (\(errorText())).")
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      Int(status.st_size) <= limit
    else {
      throw .keyFile(path: path, problem: "it is not a regular file of at most \(limit) bytes.")
    }
    if let problem = privacyProblem(status, path: path, subject: "it", wanted: 0o600) {
      throw .keyFile(path: path, problem: problem)
    }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
    let count = bytes.withUnsafeMutableBytes { buffer in
      posixRead(descriptor, buffer.baseAddress, buffer.count)
    }
    guard count == bytes.count else {
      throw .keyFile(path: path, problem: "it could not be read completely.")
    }
    return bytes
  }

  /// Replaces `path` with `bytes` all at once: a private temporary file, flushed, renamed over
  /// it, so that a reader sees the old version or the new one, never a part, and the file never
  /// exists with a mode wider than 0600.
  static func replace(_ path: String, with bytes: [UInt8]) throws(VaultError) {
    let temporary = path + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let descriptor = open(
      temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
    guard descriptor >= 0 else {
      throw .keyFile(path: path, problem: "it cannot be written (\(errorText())).")
    }
    let written = bytes.withUnsafeBytes { buffer in
      write(descriptor, buffer.baseAddress, buffer.count)
    }
    let flushed = fsync(descriptor) == 0
    close(descriptor)
    guard written == bytes.count, flushed, rename(temporary, path) == 0 else {
      let problem = errorText()
      unlink(temporary)
      throw .keyFile(path: path, problem: "it could not be written (\(problem)).")
    }
    syncDirectory(of: path)
  }

  /// Removes `path` if it exists, and flushes its directory so that the removal holds.
  static func remove(_ path: String) throws(VaultError) {
    guard unlink(path) == 0 || errno == ENOENT else {
      throw .keyFile(path: path, problem: "it could not be removed (\(errorText())).")
    }
    syncDirectory(of: path)
  }

  /// The names of the entries in `directory`, without `.` and `..`.
  static func names(in directory: String) throws(VaultError) -> [String] {
    guard let stream = opendir(directory) else {
      throw .unsafeDirectory(path: directory, problem: "it cannot be listed (\(errorText())).")
    }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }
}

/// An exclusive lock on the vault directory for changes that must not interleave.
///
/// Making the first key and rotating keys take it. Held by one process at a time, through
/// `flock(2)` on a file that holds nothing; the system releases it if the process dies.
enum DirectoryLock {
  /// The lock file's name inside the vault directory.
  static let fileName = "vault.lock"

  /// Runs `body` while holding the lock on `directory`, waiting for it first.
  static func holding<T>(
    _ directory: String, _ body: () throws(VaultError) -> T
  ) throws(VaultError) -> T {
    let path = directory + "/" + fileName
    let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
    guard descriptor >= 0 else {
      throw .unsafeDirectory(
        path: directory, problem: "its lock file cannot be opened (\(KeyFile.errorText())).")
    }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw .unsafeDirectory(
          path: directory, problem: "it cannot be locked (\(KeyFile.errorText())).")
      }
    }
    return try body()
  }
}

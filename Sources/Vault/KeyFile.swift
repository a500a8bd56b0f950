import CardSealing
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files that hold key material: made once with mode 0600 in a 0700 directory, then reused.
///
/// Written through POSIX calls rather than `FileManager` so that the file never exists with a
/// wider mode, not even for a moment, and so that two processes starting at once agree on one
/// key: each writes a private temporary file and `link(2)` publishes it only if no key exists.
enum KeyFile {
  /// Creates `path` as a directory only its owner may enter, or checks that it is one.
  static func ensurePrivateDirectory(_ path: String) throws(VaultError) {
    let parent = parentDirectory(of: path)
    if !FileManager.default.fileExists(atPath: parent) {
      do {
        try FileManager.default.createDirectory(
          atPath: parent, withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
      } catch {
        throw .unsafeDirectory(path: parent, problem: "it could not be created (\(error)).")
      }
    }
    if mkdir(path, 0o700) != 0, errno != EEXIST {
      throw .unsafeDirectory(path: path, problem: "it could not be created (\(errorText())).")
    }
    var status = stat()
    guard lstat(path, &status) == 0 else {
      throw .unsafeDirectory(path: path, problem: "it cannot be examined (\(errorText())).")
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw .unsafeDirectory(path: path, problem: "it is not a directory.")
    }
    if let problem = privacyProblem(status, path: path, subject: "it", wanted: 0o700) {
      throw .unsafeDirectory(path: path, problem: problem)
    }
  }

  /// The `length` bytes in `path`, written from `make()` first if the file does not exist.
  ///
  /// Refuses a file of another size, another owner, or one that group or others may read.
  /// The caller wipes the returned array once it has made its key from it.
  static func readOrCreate(
    _ path: String, length: Int, make: () -> [UInt8]
  ) throws(VaultError) -> [UInt8] {
    if let existing = try read(path, length: length) { return existing }
    var fresh = make()
    defer { zeroArray(&fresh) }
    try publish(fresh, at: path)
    guard let stored = try read(path, length: length) else {
      throw .keyFile(path: path, problem: "it disappeared right after it was written.")
    }
    return stored
  }

  /// The file's bytes, or `nil` when it does not exist.
  static func read(_ path: String, length: Int) throws(VaultError) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    if descriptor < 0 {
      if errno == ENOENT { return nil }
      throw .keyFile(path: path, problem: "it cannot be opened (\(errorText())).")
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      throw .keyFile(path: path, problem: "it is not a regular file.")
    }
    if let problem = privacyProblem(status, path: path, subject: "it", wanted: 0o600) {
      throw .keyFile(
        path: path, problem: problem + " If others could read it, treat the key as compromised.")
    }
    guard Int(status.st_size) == length else {
      throw .keyFile(
        path: path,
        problem: "it holds \(status.st_size) bytes where a key has \(length); it is damaged "
          + "or not a vault key.")
    }
    var bytes = [UInt8](repeating: 0, count: length)
    let count = bytes.withUnsafeMutableBytes { buffer in
      posixRead(descriptor, buffer.baseAddress, length)
    }
    guard count == length else {
      zeroArray(&bytes)
      throw .keyFile(path: path, problem: "it could not be read completely.")
    }
    return bytes
  }

  /// Writes `bytes` to a private temporary file, flushes it, and links it into place.
  static func publish(_ bytes: [UInt8], at path: String) throws(VaultError) {
    let temporary = path + ".tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let descriptor = open(
      temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
    guard descriptor >= 0 else {
      throw .keyFile(path: path, problem: "it cannot be created (\(errorText())).")
    }
    defer { unlink(temporary) }
    let written = bytes.withUnsafeBytes { buffer in
      posixWrite(descriptor, buffer.baseAddress, buffer.count)
    }
    let flushed = fsync(descriptor) == 0
    close(descriptor)
    guard written == bytes.count, flushed else {
      throw .keyFile(path: path, problem: "it could not be written (\(errorText())).")
    }
    // Another process may have published its key first; then that one is the key.
    if link(temporary, path) != 0, errno != EEXIST {
      throw .keyFile(path: path, problem: "it could not be put in place (\(errorText())).")
    }
    syncDirectory(of: path)
  }

  /// Flushes the directory entry, so a key file survives a power cut once created.
  static func syncDirectory(of path: String) {
    let directory = open(parentDirectory(of: path), O_RDONLY | O_CLOEXEC)
    guard directory >= 0 else { return }
    _ = fsync(directory)
    close(directory)
  }

  static func zeroArray(_ bytes: inout [UInt8]) {
    SecureMemory.wipe(&bytes)
  }

  /// Creates the vault's SQLite file empty with mode 0600 if it does not exist, and refuses
  /// it, or its WAL and shared-memory files, if group or others may read them.
  ///
  /// SQLite gives its WAL and shared-memory files the mode of the database file, so they are
  /// created owner-only too. A wider mode is reported rather than narrowed: whoever widened it
  /// may have read the file already, and an operator should know.
  static func ensurePrivateDatabase(_ path: String) throws(VaultError) {
    let directory = parentDirectory(of: path)
    for file in [path, path + "-wal", path + "-shm"] {
      var status = stat()
      if lstat(file, &status) != 0 {
        guard errno == ENOENT else {
          throw .unsafeDirectory(
            path: directory, problem: "\(file) cannot be examined (\(errorText())).")
        }
        continue
      }
      guard status.st_mode & S_IFMT == S_IFREG else {
        throw .unsafeDirectory(path: directory, problem: "\(file) is not a regular file.")
      }
      if let problem = privacyProblem(
        status, path: file, subject: "the database file \(file)", wanted: 0o600)
      {
        throw .unsafeDirectory(path: directory, problem: problem)
      }
    }
    do {
      try PrivateFiles.createFile(path)
    } catch {
      throw .unsafeDirectory(path: directory, problem: error.description)
    }
  }

  /// The directory part of `path`, or "." for a bare file name.
  static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Why a file or directory with `status` may not hold the vault's secrets, or `nil`; see
  /// `PrivateFiles.ownershipProblem`, the rule the order service's files follow too.
  static func privacyProblem(
    _ status: stat, path: String, subject: String, wanted: mode_t
  ) -> String? {
    PrivateFiles.ownershipProblem(status, path: path, subject: subject, wanted: wanted)
  }

  static func errorText() -> String {
    String(cString: strerror(errno))
  }
}

// Top-level, so that these names reach the C functions and not `KeyFile.read`.
func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}

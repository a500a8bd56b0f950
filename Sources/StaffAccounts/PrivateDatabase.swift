import GRDB
import OrderCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens the staff library's SQLite files the way the service's other private files are
/// kept: the directory 0700, the database created 0600 before SQLite opens it (so its WAL
/// and shared-memory files get the same mode), and an existing file, WAL or shared-memory
/// file that is not a regular file, is another user's or is readable by others refused.
enum PrivateDatabase {
  /// A WAL database at `path`, `synchronous = FULL` (a record is on disk before it is
  /// reported), migrated.
  static func open(
    path: String, label: String, migrator: DatabaseMigrator
  ) throws(Problem) -> DatabasePool {
    try prepare(path)
    do {
      var configuration = Configuration()
      configuration.label = label
      // Another process (the service, or an administration command) may hold the write lock
      // for a moment.
      configuration.busyMode = .timeout(5)
      configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
      let pool = try DatabasePool(path: path, configuration: configuration)
      try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
      try migrator.migrate(pool)
      return pool
    } catch {
      throw Problem(description: "\(path) could not be opened: \(error)")
    }
  }

  /// Makes the directory and the empty database file private, or says why they are not.
  static func prepare(_ path: String) throws(Problem) {
    do {
      try PrivateFiles.createDirectory(directory(of: path))
    } catch {
      throw Problem(description: error.description)
    }
    for file in [path, path + "-wal", path + "-shm"] {
      // Whatever is there, a link included, must be a file of this user's, 0600.
      var status = stat()
      guard lstat(file, &status) == 0 else { continue }
      if let problem = PrivateFiles.problem(under: file, depth: 0) {
        throw Problem(description: problem.description)
      }
    }
    do {
      try PrivateFiles.createFile(path)
    } catch {
      throw Problem(description: error.description)
    }
  }

  /// Why a database file cannot be used, naming it.
  struct Problem: Error, CustomStringConvertible {
    let description: String
  }

  /// The directory part of `path`, or "." for a bare file name.
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}

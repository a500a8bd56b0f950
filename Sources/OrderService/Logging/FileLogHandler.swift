import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A swift-log handler that appends lines to a file: the embedded service logs here,
/// never to the screen the desk owns.
public struct FileLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level = .info
  private let label: String
  private let file: LogFile

  /// Opens (or creates, mode 0600) `path` for appending.
  public init(label: String, path: String) throws {
    self.label = label
    self.file = try LogFile(path: path)
  }

  private init(label: String, file: LogFile) {
    self.label = label
    self.file = file
  }

  /// A factory for `LoggingSystem.bootstrap` that shares one open file between loggers.
  public static func factory(path: String) throws -> @Sendable (String) -> any LogHandler {
    let file = try LogFile(path: path)
    return { label in FileLogHandler(label: label, file: file) }
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
    let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    var line = "\(Self.timestamp()) \(event.level) \(label): \(event.message)"
    if !fields.isEmpty { line += " " + fields.joined(separator: " ") }
    file.append(line + "\n")
  }
}

extension FileLogHandler {
  /// The current time as ISO 8601 in UTC, for example `2026-11-25T16:04:13Z`.
  static func timestamp() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    var buffer = [CChar](repeating: 0, count: 32)
    let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
    return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// An append-only file descriptor; `write(2)` with O_APPEND keeps lines whole across threads.
final class LogFile: Sendable {
  private let descriptor: Int32

  init(path: String) throws {
    descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw LogFileError(path: path, code: errno) }
  }

  deinit { close(descriptor) }

  func append(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      _ = write(descriptor, bytes.baseAddress, bytes.count)
    }
  }
}

/// The log file could not be opened.
struct LogFileError: Error, CustomStringConvertible {
  let path: String
  let code: Int32

  var description: String { "cannot open the log file \(path) (error \(code))" }
}

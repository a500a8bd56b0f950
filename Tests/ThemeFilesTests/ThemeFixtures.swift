import Foundation
import Testing

@testable import ThemeFiles

/// Where the repository's files are, found from this file's path.
enum Repository {
  /// The repository's `themes/` folder.
  static let themes: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("themes").path
  }()

  /// The names of the theme files in `themes/`, such as `default.toml`.
  static var themeFiles: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: themes)) ?? [])
      .filter { $0.hasSuffix(".toml") }.sorted()
  }
}

/// A folder of its own under the system's temporary folder, removed by ``remove()``.
struct TemporaryFolder {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("ThemeFilesTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    path = base.path
  }

  /// Writes `text` to `name` (with any folders it names) and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  /// Writes `bytes` to `name` (with any folders it names) and returns its path.
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let file = URL(fileURLWithPath: path).appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
    return file.path
  }

  /// Makes the folder `name` and returns its path.
  func folder(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: path).appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// A minimal valid theme file called `name`.
func themeText(name: String, description: String = "A test theme", extra: String = "") -> String {
  """
  name = "\(name)"
  description = "\(description)"

  [slots]
  text = { fg = "white" }
  \(extra)
  """
}

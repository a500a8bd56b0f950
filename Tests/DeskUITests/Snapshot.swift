import DeskUI
import Foundation
import Testing

/// Compares a rendered screen with its stored text snapshot in `Snapshots/`.
///
/// Snapshots are re-recorded only on purpose: run the tests with
/// `ORDERDESK_RECORD_SNAPSHOTS=1`. A missing snapshot fails the test; it is never written
/// silently.
enum Snapshot {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  static var isRecording: Bool {
    ProcessInfo.processInfo.environment["ORDERDESK_RECORD_SNAPSHOTS"] == "1"
  }

  static func check(
    _ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let file = directory.appendingPathComponent(name + ".txt")
    let actual = grid.snapshot
    if isRecording {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try? actual.write(to: file, atomically: true, encoding: .utf8)
      return
    }
    guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
      Issue.record(
        "No snapshot \(name).txt; record it with ORDERDESK_RECORD_SNAPSHOTS=1.\n\(actual)",
        sourceLocation: sourceLocation)
      return
    }
    #expect(actual == stored, "\(name) differs from its snapshot", sourceLocation: sourceLocation)
  }
}

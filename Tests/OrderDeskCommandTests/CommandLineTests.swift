import Foundation
import Testing

/// Runs the built `orderdesk` binary as a user would from a shell.
struct CommandLineTests {
  @Test func versionPrintsTheVersion() throws {
    let result = try OrderDeskProcess.run(["--version"])
    #expect(result.status == 0)
    #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
  }

  @Test func helpNamesTheSubcommands() throws {
    let result = try OrderDeskProcess.run(["--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("USAGE: orderdesk"))
    #expect(result.standardOutput.contains("catalog"))
    #expect(result.standardOutput.contains("desk"))
  }

  @Test func catalogPrintsEveryDemoItemWithItsPrice() throws {
    let result = try OrderDeskProcess.run(["catalog", "--currency", "jpy"])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count >= 12)
    #expect(lines.allSatisfy { $0.contains("¥") })
  }

  @Test func unknownCurrencyIsRefusedWithTheChoices() throws {
    let result = try OrderDeskProcess.run(["catalog", "--currency", "XYZ"])
    #expect(result.status != 0)
    #expect(result.standardError.contains("XYZ"))
    #expect(result.standardError.contains("EUR"))
  }

  @Test func theDeskWithoutATerminalSaysSoInsteadOfDrawing() throws {
    let result = try OrderDeskProcess.run([])
    #expect(result.status != 0)
    #expect(result.standardError.contains("needs a terminal"))
    #expect(!result.standardOutput.contains("\u{1B}["))
  }
}

/// The `orderdesk` binary SwiftPM built next to the test bundle.
enum OrderDeskProcess {
  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// The binary next to the test bundle, or `ORDERDESK_TEST_BINARY` (for example the fully
  /// static release build) when that is set.
  static var binary: URL {
    if let chosen = ProcessInfo.processInfo.environment["ORDERDESK_TEST_BINARY"], !chosen.isEmpty {
      return URL(fileURLWithPath: chosen)
    }
    let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
    let products = bundle.map { URL(fileURLWithPath: $0.bundlePath).deletingLastPathComponent() }
    return (products ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
      .appendingPathComponent("orderdesk")
  }

  static func run(_ arguments: [String]) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: outData, as: UTF8.self),
      standardError: String(decoding: errData, as: UTF8.self))
  }
}

import ArgumentParser
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import OrderDeskCommand

/// The quick reading of the desk's command line against ArgumentParser's: wherever the
/// quick one answers, it must answer exactly as ArgumentParser would.
@Suite struct DeskLaunchOptionsTests {
  static let pin = "sha256:" + Array(repeating: "AB", count: 32).joined(separator: ":")

  /// What ArgumentParser makes of `arguments`, or `nil` when it refuses them or they do
  /// not open the desk.
  static func parsedByArgumentParser(_ arguments: [String]) -> DeskLaunchOptions? {
    (try? OrderDeskCommand.parseAsRoot(arguments) as? Desk)?.options
  }

  static let everyday: [[String]] = [
    [],
    ["desk"],
    ["--currency", "usd"],
    ["--currency=GBP"],
    ["--theme", "light"],
    ["--theme=/home/ada/themes/mine.toml"],
    ["--data-dir", "/tmp/orderdesk data"],
    ["--server", "https://orders.example.com", "--pin", pin],
    ["--server=https://orders.example.com:8443", "--ca-file", "/etc/ssl/ca.pem"],
    ["desk", "--currency", "jpy", "--theme", "workbench", "--data-dir", "/srv/od"],
    ["--staff"],
    ["--staff", "--idle-lock", "5m"],
    ["desk", "--idle-lock=90s", "--staff", "--data-dir", "/srv/od"],
  ]

  @Test(arguments: everyday)
  func everydayCommandLinesAreReadQuicklyAndAsArgumentParserReadsThem(_ arguments: [String]) {
    let quick = DeskLaunchOptions(quickParsing: arguments)
    #expect(quick != nil, "\(arguments) should not need ArgumentParser")
    #expect(quick == Self.parsedByArgumentParser(arguments))
  }

  @Test func theQuickReadingTakesTheValuesGiven() throws {
    let options = try #require(
      DeskLaunchOptions(quickParsing: [
        "--currency=usd", "--theme", "light", "--server", "https://h", "--pin", Self.pin,
      ]))
    #expect(options.currency == .usd)
    #expect(options.theme == "light")
    #expect(options.connection.server == "https://h")
    #expect(options.connection.pin == Self.pin)
    #expect(options.connection.caFile == nil)
    #expect(options.connection.dataDir == nil)
  }

  static let leftToArgumentParser: [[String]] = [
    ["--help"], ["-h"], ["help"], ["--version"], ["catalog"], ["serve", "--listen", "x:1"],
    ["themes"], ["desk", "--help"], ["--currency", "XYZ"], ["--currency"], ["--currency="],
    ["--theme", "-x"], ["--currency", "usd", "--currency", "eur"], ["--colour", "red"],
    ["--ca-file", "/ca.pem"], ["--pin", pin], ["--server", "https://h", "--pin", "sha256:zz"],
    ["--server", "https://h", "--ca-file", "/ca.pem", "--pin", pin], ["light"], ["-"], ["--"],
    ["--theme", "light", "extra"], ["desk", "desk"], ["--staff", "--staff"],
    ["--idle-lock", "5m"], ["--staff", "--idle-lock", "16m"], ["--staff", "--idle-lock", "0s"],
    ["--staff", "--idle-lock", "5"], ["--staff=yes"],
  ]

  @Test(arguments: leftToArgumentParser)
  func anythingElseIsLeftToArgumentParser(_ arguments: [String]) {
    #expect(DeskLaunchOptions(quickParsing: arguments) == nil)
  }

  @Test func hostileAndOversizedValuesAreReadAsArgumentParserReadsThem() {
    let huge = String(repeating: "x", count: 100_000)
    for arguments in [
      ["--theme", huge], ["--data-dir", huge], ["--server", huge],
      ["--theme", "light\u{1b}[2J\u{7}"], ["--data-dir=\u{0}"], ["--theme", "=="],
    ] {
      let quick = DeskLaunchOptions(quickParsing: arguments)
      #expect(quick == nil || quick == Self.parsedByArgumentParser(arguments))
    }
  }

  /// Thousands of command lines made from the options, their values and mistakes: whenever
  /// the quick reading answers, ArgumentParser answers the same.
  @Test func aQuickAnswerAlwaysAgreesWithArgumentParser() {
    let tokens = [
      "desk", "--currency", "usd", "EUR", "xyz", "--currency=jpy", "--theme", "light",
      "--theme=default", "--server", "https://h:1", "--server=https://h", "--pin", Self.pin,
      "--pin=sha256:00", "--ca-file", "/ca.pem", "--data-dir", "/d", "--data-dir=", "--help",
      "-x", "catalog", "",
    ]
    var generator = SeededGenerator(seed: 0x0D0E_5C0F_FEE0)
    var quickAnswers = 0
    for _ in 0..<3_000 {
      let count = Int(generator.next() % 7)
      let arguments = (0..<count).map { _ in tokens[Int(generator.next() % UInt64(tokens.count))] }
      guard let quick = DeskLaunchOptions(quickParsing: arguments) else { continue }
      quickAnswers += 1
      #expect(quick == Self.parsedByArgumentParser(arguments), "\(arguments)")
    }
    // The sweep must reach the quick path often enough to mean something.
    #expect(quickAnswers > 100)
  }

  @Test func theDataDirectoryFollowsTheOptionThenXDGThenHome() {
    var settings = DeskConnectionSettings()
    #expect(
      settings.resolvedDataDirectory(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) {
        "/unused"
      } == "/x/orderdesk")
    #expect(
      settings.resolvedDataDirectory(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]) {
        "/unused"
      } == "/h/.local/share/orderdesk")
    #expect(
      settings.resolvedDataDirectory(environment: [:]) { "/home/ada" }
        == "/home/ada/.local/share/orderdesk")
    settings.dataDir = "/given"
    #expect(
      settings.resolvedDataDirectory(environment: ["XDG_DATA_HOME": "/x"]) { "/h" } == "/given")
  }

  @Test func theCurrentMonthIsTheUTCMonth() {
    #expect(YearMonth.current(at: 0) == YearMonth(year: 1970, month: 1))
    // 2026-11-30 23:59:59 UTC, and one second later.
    #expect(YearMonth.current(at: 1_796_083_199) == YearMonth(year: 2026, month: 11))
    #expect(YearMonth.current(at: 1_796_083_200) == YearMonth(year: 2026, month: 12))
  }
}

import ArgumentParser
import OrderService
import Testing

@testable import OrderDeskCommand

/// `orderdesk serve`'s connection bounds: the defaults, each flag, and the refusals.
@Suite struct ConnectionOptionsTests {
  func limits(_ arguments: [String]) throws -> ConnectionLimits {
    try ConnectionOptions.parse(arguments).limits
  }

  @Test func theDefaultsAreTheStandardLimits() throws {
    #expect(try limits([]) == .standard)
    #expect(ConnectionLimits.standard.handshakeTimeout == .seconds(10))
    #expect(ConnectionLimits.standard.headerTimeout == .seconds(10))
    #expect(ConnectionLimits.standard.idleTimeout == .seconds(30))
    #expect(ConnectionLimits.standard.maximumConnections == 512)
  }

  @Test func eachBoundIsItsOwnFlag() throws {
    let chosen = try limits([
      "--handshake-timeout", "5s", "--header-timeout", "20s", "--idle-timeout", "2m",
      "--max-connections", "2000",
    ])
    #expect(
      chosen
        == ConnectionLimits(
          handshakeTimeout: .seconds(5), headerTimeout: .seconds(20), idleTimeout: .seconds(120),
          maximumConnections: 2000))
  }

  @Test(arguments: [
    ["--handshake-timeout", "0s"], ["--header-timeout", "-1s"], ["--idle-timeout", "2h"],
    ["--idle-timeout", "30"], ["--header-timeout", "soon"], ["--max-connections", "0"],
    ["--max-connections", "-5"], ["--max-connections", "many"],
    ["--max-connections", "1000001"], ["--handshake-timeout", "99999999999999999999d"],
  ])
  func wrongBoundsAreRefused(_ arguments: [String]) {
    #expect(throws: (any Error).self) { try ConnectionOptions.parse(arguments) }
  }

  @Test func theRefusalNamesTheFlagAndWhatItTakes() {
    let message = ConnectionOptions.message(
      for: ValidationErrorProbe.error(["--idle-timeout", "2h"]))
    #expect(message.contains("--idle-timeout"))
    #expect(message.contains("1s to 1h"))
    let count = ConnectionOptions.message(
      for: ValidationErrorProbe.error(["--max-connections", "0"]))
    #expect(count.contains("--max-connections"))
  }

  @Test func serveTakesThem() throws {
    let serve = try ServeCommand.parse([
      "--data-dir", "/tmp/nowhere", "--idle-timeout", "45s", "--max-connections", "64",
    ])
    #expect(serve.connections.limits.idleTimeout == .seconds(45))
    #expect(serve.connections.limits.maximumConnections == 64)
    #expect(throws: (any Error).self) {
      try ServeCommand.parse(["--data-dir", "/tmp/nowhere", "--header-timeout", "0s"])
    }
  }
}

/// The error `ConnectionOptions.parse` throws for `arguments`.
enum ValidationErrorProbe {
  static func error(_ arguments: [String]) -> any Error {
    do {
      _ = try ConnectionOptions.parse(arguments)
      return CancellationError()
    } catch {
      return error
    }
  }
}

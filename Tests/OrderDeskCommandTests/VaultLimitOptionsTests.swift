import ArgumentParser
import Testing
import Vault

@testable import OrderDeskCommand

/// `orderdesk vault`'s attempt-limit flags: the defaults, each limit, the lifted limits, and
/// the refusals.
@Suite struct VaultLimitOptionsTests {
  func limits(_ arguments: [String]) throws -> VelocityLimits {
    try VelocityOptions.parse(arguments).limits
  }

  @Test func theDefaultsAreTheStandardLimits() throws {
    #expect(try limits([]) == .standard)
  }

  @Test func eachLimitIsItsOwnFlag() throws {
    let chosen = try limits([
      "--velocity-window", "30m", "--max-cards-per-address", "3", "--max-cards-per-email", "2",
      "--max-declines-per-address", "4", "--max-declines-per-email", "5",
      "--max-declines-per-card", "6",
    ])
    #expect(
      chosen
        == VelocityLimits(
          window: 1800, cardsPerAddress: 3, cardsPerEmail: 2, declinesPerAddress: 4,
          declinesPerEmail: 5, declinesPerCard: 6))
  }

  @Test func noAttemptLimitsLiftsThemAll() throws {
    #expect(try limits(["--no-attempt-limits"]) == .unlimited)
    #expect(try limits([]) != .unlimited)
  }

  @Test(arguments: [
    ["--max-cards-per-address", "0"], ["--max-declines-per-card", "-1"],
    ["--velocity-window", "0s"], ["--max-cards-per-email", "many"],
    ["--velocity-window", "9999999999999999999d"],
  ])
  func wrongLimitsAreRefused(_ arguments: [String]) {
    #expect(throws: (any Error).self) { try VelocityOptions.parse(arguments) }
  }
}

import ArgumentParser
import Testing

@testable import OrderDeskCommand

/// `orderdesk serve`'s look-up limits: the defaults, each flag, and the refusals.
@Suite struct LookUpLimitOptionsTests {
  static let required = ["--data-dir", "/tmp/orderdesk-options-test"]

  @Test func theDefaultsAreTheStandardLimits() throws {
    let command = try ServeCommand.parse(Self.required)
    #expect(command.maxLookupsPerAddress == 30)
    #expect(command.maxLookupsPerOrder == 10)
  }

  @Test func eachLimitIsItsOwnFlag() throws {
    let command = try ServeCommand.parse(
      Self.required + ["--max-lookups-per-address", "120", "--max-lookups-per-order", "3"])
    #expect(command.maxLookupsPerAddress == 120)
    #expect(command.maxLookupsPerOrder == 3)
  }

  @Test(arguments: [
    ["--max-lookups-per-address", "0"], ["--max-lookups-per-order", "-1"],
    ["--max-lookups-per-address", "many"], ["--max-lookups-per-order", "100001"],
    ["--max-lookups-per-order", "99999999999999999999999"],
  ])
  func wrongLimitsAreRefusedNamingTheFlag(_ arguments: [String]) {
    do {
      _ = try ServeCommand.parse(Self.required + arguments)
      Issue.record("\(arguments) was accepted")
    } catch {
      let message = ServeCommand.message(for: error)
      #expect(message.contains(arguments[0]), "\(message)")
    }
  }
}

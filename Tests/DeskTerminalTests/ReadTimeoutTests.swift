import Testing

@testable import DeskTerminal

@Suite("Read timeout")
struct ReadTimeoutTests {
  @Test func passedDeadlineWaitsZero() {
    #expect(Terminal.milliseconds(until: .now.advanced(by: .milliseconds(-5))) == 0)
  }

  @Test func partialMillisecondsRoundUpSoAReadNeverWakesEarly() {
    let wait = Terminal.milliseconds(until: .now.advanced(by: .microseconds(100_500)))
    #expect((100...101).contains(wait))
  }

  @Test func longWaitsAreClamped() {
    #expect(Terminal.milliseconds(until: .now.advanced(by: .seconds(Int64.max / 2))) == .max)
  }
}

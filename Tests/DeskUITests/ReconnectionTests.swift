import OrderCore
import Testing

@testable import DeskUI

/// The desk's reconnection, in virtual time: one probe answer schedules at most one probe,
/// the waits grow to 30 s, stale timers do nothing, and an answer resets the wait.
@Suite struct ReconnectionTests {
  @Test func theWaitDoublesFromOneSecondUpToThirty() {
    let policy = ReconnectPolicy(first: .seconds(1), cap: .seconds(30), jitter: 0.5)
    let longest = (1...8).map { policy.delay(afterFailures: $0, unit: 0) }
    #expect(longest.map(\.components.seconds) == [1, 2, 4, 8, 16, 30, 30, 30])
    // The jitter takes up to half of each wait, never more.
    #expect(policy.delay(afterFailures: 3, unit: 0.999_999) > .seconds(2))
    #expect(policy.delay(afterFailures: 3, unit: 0.5) == .seconds(3))
    #expect(policy.delay(afterFailures: 1_000, unit: 0) == .seconds(30))
  }

  /// A minute against a service that never answers, where every call's failure is also
  /// reported on the security stream, twice, as a noisy channel might.
  @Test func aMinuteOfANoisyDownChannelMakesAFewProbes() {
    var desk = DeskDriver(security: .unknown(reason: "not connected yet"), loadCatalog: false)
    var simulation = Simulation()
    simulation.start(desk.start(), at: .zero)
    while let (time, event) = simulation.next(), time <= .seconds(60) {
      simulation.start(desk.answer(event), at: time)
    }
    let probes = simulation.probeTimes
    #expect((5...8).contains(probes.count), "probes at \(probes)")
    let gaps = zip(probes.dropFirst(), probes).map { $0 - $1 }
    #expect(gaps.last.map { $0 >= .seconds(7) } == true, "gaps \(gaps)")
    #expect(simulation.pendingProbeTimers <= 1)
  }

  @Test func aStaleOrRepeatedTimerDoesNothing() {
    var desk = DeskDriver(loadCatalog: false)
    _ = desk.start()
    let first = desk.answer(.probed(serviceAnswered: false))
    guard case .startTimer(let timer, _)? = first.first else {
      Issue.record("no timer after a failed probe: \(first)")
      return
    }
    #expect(desk.answer(.timerFired(timer)).count == 1)
    // The same timer again, and a timer of an older generation: no probe.
    #expect(desk.answer(.timerFired(timer)).isEmpty)
    #expect(desk.answer(.timerFired(.probeAgain(generation: 0))).isEmpty)
  }

  @Test func anAnswerResetsTheWaitAndCancelsThePendingTimer() {
    var desk = DeskDriver(loadCatalog: false)
    _ = desk.start()
    for _ in 0..<5 {
      guard case .startTimer(let timer, _)? = desk.answer(.probed(serviceAnswered: false)).first
      else { break }
      _ = desk.answer(.timerFired(timer))
    }
    #expect(desk.state.reconnection.failures == 5)
    let waiting = desk.answer(.probed(serviceAnswered: false))
    guard case .startTimer(let pending, _)? = waiting.first else {
      Issue.record("no timer: \(waiting)")
      return
    }
    _ = desk.answer(.securityChanged(.secure(DeskDriver.session)))
    #expect(desk.state.reconnection.failures == 0)
    #expect(desk.answer(.timerFired(pending)).isEmpty, "a probe after the service came back")
    // Gone again under a request: the wait starts from one second.
    let again = desk.answer(.securityChanged(.down(reason: "refused")))
    guard case .startTimer(_, let after)? = again.first else {
      Issue.record("no probe scheduled when the service went away: \(again)")
      return
    }
    #expect(after <= .seconds(1))
  }

  /// A probe asked for by a screen (a card waiting for a secure channel) is counted like any
  /// other: the reconnection waits for its answer instead of starting a timer beside it.
  @Test func aProbeAskedForByAScreenIsCounted() {
    var desk = DeskDriver(security: .down(reason: "connection refused"))
    guard case .waiting = desk.state.reconnection.phase else {
      Issue.record("no wait after the service went away: \(desk.state.reconnection.phase)")
      return
    }
    desk.goToPayment()
    desk.type("42424242424242420429123Ada")
    desk.press(.enter)
    #expect(desk.state.payment.stage == .waitingForSecureChannel)
    #expect(desk.state.reconnection.phase == .probing(inFlight: 1))
  }

  /// F2 probes at once; the probe that was waiting is then stale, and while two probes are
  /// out only the last answer schedules the next.
  @Test func probingByHandLeavesOneTimer() {
    var desk = DeskDriver(loadCatalog: false)
    _ = desk.start()
    guard case .startTimer(let timer, _)? = desk.answer(.probed(serviceAnswered: false)).first
    else {
      Issue.record("no timer")
      return
    }
    desk.press(.function(2), .escape, .function(2))
    #expect(
      desk.takeEffects().filter { if case .probeChannel = $0 { true } else { false } }.count == 2)
    #expect(desk.answer(.timerFired(timer)).isEmpty)
    #expect(desk.answer(.probed(serviceAnswered: false)).isEmpty)
    #expect(desk.answer(.probed(serviceAnswered: false)).count == 1)
  }
}

/// Effects carried out in virtual time against a service that never answers.
private struct Simulation {
  private var queue: [(Duration, Int, DeskEvent)] = []
  private var sequence = 0
  private(set) var probeTimes: [Duration] = []
  private var now = Duration.zero

  /// Probe timers started and not yet fired.
  var pendingProbeTimers: Int {
    queue.filter {
      if case .timerFired(.probeAgain) = $0.2 { true } else { false }
    }.count
  }

  mutating func start(_ effects: [DeskEffect], at time: Duration) {
    now = time
    for effect in effects {
      switch effect {
      case .probeChannel:
        probeTimes.append(time)
        let down = ChannelSecurity.down(reason: "connection closed \(probeTimes.count)")
        post(.securityChanged(down), after: .milliseconds(30))
        post(.securityChanged(down), after: .milliseconds(40))
        post(.probed(serviceAnswered: false), after: .milliseconds(50))
      case .loadCatalog:
        post(.securityChanged(.down(reason: "catalog")), after: .milliseconds(20))
        post(.catalogLoaded(.failure(DeskFailure("down"))), after: .milliseconds(60))
      case .startTimer(let timer, let after):
        post(.timerFired(timer), after: after)
      default:
        break
      }
    }
  }

  private mutating func post(_ event: DeskEvent, after: Duration) {
    sequence += 1
    queue.append((now + after, sequence, event))
  }

  /// The next event due, in time order.
  mutating func next() -> (Duration, DeskEvent)? {
    guard
      let index = queue.indices.min(by: { (queue[$0].0, queue[$0].1) < (queue[$1].0, queue[$1].1) })
    else { return nil }
    let (time, _, event) = queue.remove(at: index)
    return (time, event)
  }
}

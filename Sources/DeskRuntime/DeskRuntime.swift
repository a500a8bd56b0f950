import DeskUI
import Foundation
import OrderCore
import Synchronization

/// Runs the desk: keys and answers in, state updated, grid drawn, effects started.
///
/// It talks to the world only through its ports: an ``OrderChannel`` to the order service, a
/// ``TerminalIO`` for keys and frames, and a ``CardReadBackJournal`` for the audit log. The
/// terminal lives on the thread that calls ``run(_:on:glyphs:)``, which never waits on the
/// network: effects run as tasks that post their answers to the inbox and wake the terminal.
///
/// Every effect is answered by exactly one event (``answer(_:progress:)``), and the channel's
/// security reaches the state only from the channel's own stream.
///
/// A channel that is also a ``StaffChannel`` answers the staff desk's effects; with one that
/// is not, they fail, each with its one answer. The runtime, which reads the keys, tells a
/// desk that watches for it (``DeskState/watchesIdleness``) when no key came for `idleLock`.
public final class DeskRuntime<Channel: OrderChannel>: Sendable {
  private let channel: Channel
  /// The channel as a staff channel, if it is one.
  let staff: (any StaffChannel)?
  let journal: any CardReadBackJournal
  private let currentMonth: YearMonth
  /// How long a desk that watches for it waits for a key before it is told it is idle.
  let idleLock: Duration
  /// The time the idle lock is measured in: the continuous clock, or a test's.
  let idleClock: @Sendable () -> ContinuousClock.Instant
  /// The task following the channel's security, while the desk runs.
  private let following = Mutex<Task<Void, Never>?>(nil)

  public init(
    channel: Channel, journal: any CardReadBackJournal, currentMonth: YearMonth,
    idleLock: Duration = DeskState.standardIdleLock,
    idleClock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
  ) {
    self.channel = channel
    staff = channel as? any StaffChannel
    self.journal = journal
    self.currentMonth = currentMonth
    self.idleLock = idleLock
    self.idleClock = idleClock
  }

  /// Takes over `terminal` from the calling thread until the person quits or the terminal
  /// hangs up; returns the desk as it was left.
  ///
  /// Call it from a thread of its own (the main thread, in `orderdesk`), not from a task: it
  /// blocks while it waits for keys.
  @discardableResult
  public func run(_ initial: DeskState, on terminal: some TerminalIO, glyphs: Glyphs) -> DeskState {
    let inbox = DeskInbox()
    inbox.attach(terminal.waker)
    defer { stopFollowingSecurity() }
    let session = DeskSession(state: initial, glyphs: glyphs, terminal: terminal, inbox: inbox) {
      [self] effects in start(effects, answeringTo: inbox)
    }
    // The first frame is drawn before anything touches the network or the disk.
    session.drawFrame()
    followSecurity(into: inbox)
    session.start()
    readKeys(into: session, from: terminal)
    return session.state
  }

  /// The most inputs applied before a frame is drawn.
  static var batchLimit: Int { 1_024 }

  /// The first input of a wait for the terminal, and whatever else it already holds: keys that arrive
  /// together (a burst typed ahead, a paste) are applied together and drawn once, so that a
  /// key in the burst is never taken as pressed by someone who saw a screen it brought up.
  static func readBatch(
    after first: TerminalInput, from terminal: some TerminalIO
  ) -> [TerminalInput] {
    var batch = [first]
    while batch.count < batchLimit {
      switch batch[batch.count - 1] {
      case .key, .resize: break
      case .none, .hangup: return batch
      }
      let next = terminal.readInput(timeout: .zero)
      if next == .none { break }
      batch.append(next)
    }
    return batch
  }

  /// Starts each effect as a task whose one answer comes back through `inbox`.
  private func start(_ effects: [DeskEffect], answeringTo inbox: DeskInbox) {
    for effect in effects {
      Task { [self] in
        let answer = await answer(effect) { progress in inbox.post(progress) }
        inbox.post(answer)
      }
    }
  }

  /// Carries out `effect` through the ports and returns the one event that answers it.
  ///
  /// `progress` hears how far a submission has got (``DeskEvent/submissionSent``) before
  /// its answer; no other effect reports progress.
  public func answer(
    _ effect: DeskEffect, progress: @escaping @Sendable (DeskEvent) -> Void = { _ in }
  ) async -> DeskEvent {
    switch effect {
    case .probeChannel:
      return .probed(serviceAnswered: DeskState.serviceAnswers(await channel.probe()))
    case .loadCatalog:
      do {
        return .catalogLoaded(.success(try await channel.catalog()))
      } catch {
        return .catalogLoaded(.failure(DeskFailure("\(error)")))
      }
    case .requestQuote(let request, let generation):
      do {
        return .quoted(generation: generation, .success(try await channel.quote(request)))
      } catch {
        return .quoted(generation: generation, .failure(DeskFailure("\(error)")))
      }
    case .sealCard(let card, let key, let generation):
      // The copy handed over for sealing is wiped whatever happens.
      defer { card.wipe() }
      do {
        let sealed = try await channel.sealCard(
          card, idempotencyKey: key, currentMonth: currentMonth)
        return .cardSealed(generation: generation, .success(sealed))
      } catch {
        return .cardSealed(generation: generation, .failure(DeskFailure("\(error)")))
      }
    case .submit(let submission):
      do {
        let outcome = try await channel.submit(submission) { progress(.submissionSent) }
        return .submitted(.success(outcome))
      } catch {
        return .submitted(.failure(DeskFailure(submitting: error)))
      }
    case .lookUp(let number, let email):
      do {
        return .lookedUp(.success(try await channel.lookUp(number: number, email: email)))
      } catch {
        return .lookedUp(.failure(DeskFailure("\(error)")))
      }
    case .startTimer(let timer, let after):
      // A timer cut short by the end of the desk fires into an inbox nobody reads.
      try? await Task.sleep(for: after)
      return .timerFired(timer)
    case .recordCardReadBack(let readBack, let generation):
      return await recordReadBack(readBack, generation: generation)
    case .signIn, .signOut, .lockSession, .unlockSession, .searchOrders, .loadOrderPage,
      .findCustomers, .refund:
      return await answerStaff(effect)
    }
  }

  /// Follows the channel's security for as long as the desk runs: the lock's only source.
  private func followSecurity(into inbox: DeskInbox) {
    let task = Task { [channel] in
      for await security in channel.securityChanges {
        inbox.post(.securityChanged(security))
      }
    }
    following.withLock { $0 = task }
  }

  private func stopFollowingSecurity() {
    following.withLock { task in
      task?.cancel()
      task = nil
    }
  }
}

/// The desk on one terminal: the loop's step, the inbox of answers and the frames, with the
/// effects handed to a port.
///
/// The runtime runs one on the terminal's thread, its port starting each effect as a task;
/// the tests' driver runs one by hand, its port keeping the effects for the test to answer.
public final class DeskSession<Terminal: TerminalIO> {
  /// The desk as it is now.
  public private(set) var state: DeskState
  public let glyphs: Glyphs
  public let terminal: Terminal
  /// Where answers are posted, from any thread.
  public let inbox: DeskInbox
  private let effectPort: ([DeskEffect]) -> Void

  public init(
    state: DeskState, glyphs: Glyphs, terminal: Terminal, inbox: DeskInbox,
    effects: @escaping ([DeskEffect]) -> Void
  ) {
    self.state = state
    self.glyphs = glyphs
    self.terminal = terminal
    self.inbox = inbox
    effectPort = effects
  }

  /// Draws the desk as it is now, and tells it so before another key is read: what the
  /// person could see decides whether the review's Enter places the order.
  public func drawFrame() {
    terminal.draw(state.render(glyphs: glyphs))
    effectPort(state.update(.frameDrawn(state.screen)))
  }

  /// Hands the port the effects that start the desk.
  public func start() {
    effectPort(state.start())
  }

  /// Applies what one read of the terminal gave and every answer that has arrived, hands the
  /// port the effects they ask for and draws; returns whether the desk goes on.
  public func take(_ input: TerminalInput) -> Bool {
    take([input])
  }

  /// Applies what a batch of reads gave, in order, then every answer that has arrived, hands
  /// the port the effects they ask for and draws once; returns whether the desk goes on.
  ///
  /// No frame is drawn between the batch's keys, so none of them was pressed by someone who
  /// saw a screen an earlier one brought up.
  public func take(_ inputs: [TerminalInput]) -> Bool {
    var events: [DeskEvent] = []
    for input in inputs {
      switch input {
      case .key(let key): events.append(.key(key))
      case .resize(let rows, let columns): events.append(.resize(rows: rows, columns: columns))
      case .none: break
      case .hangup: return false
      }
    }
    events += inbox.takeAll()
    guard !events.isEmpty else { return !state.hasQuit }
    var effects: [DeskEffect] = []
    // Nothing more is applied once the desk has quit.
    for event in events where !state.hasQuit {
      effects += state.update(event)
    }
    effectPort(effects)
    if !state.hasQuit { drawFrame() }
    return !state.hasQuit
  }
}

/// Answers waiting for the terminal's thread, and the waker that tells it they are there.
public final class DeskInbox: Sendable {
  private let state = Mutex<(events: [DeskEvent], waker: (any TerminalWaking)?)>(([], nil))

  public init() {}

  /// Wakes `waker`'s terminal whenever an answer arrives.
  public func attach(_ waker: any TerminalWaking) {
    state.withLock { $0.waker = waker }
  }

  /// Leaves `event` for the terminal's thread and wakes it; safe from any thread.
  public func post(_ event: DeskEvent) {
    let waker = state.withLock { state in
      state.events.append(event)
      return state.waker
    }
    waker?.wake()
  }

  /// The answers that have arrived, oldest first; the inbox is then empty.
  public func takeAll() -> [DeskEvent] {
    state.withLock { state in
      defer { state.events = [] }
      return state.events
    }
  }
}

extension DeskFailure {
  /// A failed submit, with what the desk should do about it.
  public init(submitting error: any Error) {
    switch (error as? any SubmitRefusalError)?.submitRefusal {
    case .vaultUnavailable: self.init("\(error)", kind: .paymentsPaused)
    case .vaultKeyRetired: self.init("\(error)", kind: .cardKeyRetired)
    case .tooManyAttempts: self.init("\(error)", kind: .tooManyAttempts)
    case nil: self.init("\(error)")
    }
  }
}

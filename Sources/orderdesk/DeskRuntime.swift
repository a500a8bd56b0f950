import DeskTerminal
import DeskTheme
import DeskUI
import Foundation
import OrderClient
import OrderCore
import Synchronization

/// Runs the desk: keys and results in, state updated, grid drawn, effects started.
///
/// The terminal lives on the thread that runs the desk (the main thread), which never waits
/// on the network: effects run as tasks that post their results to the inbox and wake the
/// terminal.
final class DeskRuntime: Sendable {
  private let inbox: DeskInbox
  private let connector: DeskConnector
  private let currentMonth: YearMonth
  /// Where the desk keeps its files, the audit log among them.
  private let connection: DeskConnectionSettings
  /// Whether the channel's security is being followed yet (``watchSecurity(of:)``).
  private let isWatching = Mutex(false)

  init(connection: DeskConnectionSettings, currentMonth: YearMonth) {
    inbox = DeskInbox()
    connector = DeskConnector(settings: connection)
    self.connection = connection
    self.currentMonth = currentMonth
  }

  /// Takes over the terminal from the calling thread, which becomes the terminal's thread,
  /// until the person quits; then gives it back and stops the service.
  func runOnThisThread(theme: Theme, currency: Currency) throws {
    defer {
      let closed = DispatchSemaphore(value: 0)
      Task { [connector] in
        await connector.close()
        closed.signal()
      }
      closed.wait()
    }
    try keyLoop(theme: theme, currency: currency, month: currentMonth)
  }

  /// The terminal's thread: the only place ncurses is called.
  private func keyLoop(theme: Theme, currency: Currency, month: YearMonth) throws {
    let terminal = try Terminal(theme: theme)
    defer { terminal.close() }
    inbox.attach(terminal.waker)
    let glyphs = Glyphs(unicode: terminal.supportsUnicode) {
      theme.glyph($0, unicode: terminal.supportsUnicode)
    }
    var generator = SystemRandomNumberGenerator()
    let (rows, columns) = terminal.size
    var state = DeskState(
      rows: rows, columns: columns, currency: currency, currentMonth: month,
      idempotencySeed: IdempotencyKey.random(using: &generator))
    // The first frame is drawn before anything touches the network or the disk.
    terminal.draw(state.render(glyphs: glyphs))
    start(DeskState.startEffects)
    while !state.hasQuit {
      var events: [DeskEvent] = []
      switch terminal.readInput(timeout: nil) {
      case .key(let key): events.append(.key(key))
      case .resize(let newRows, let newColumns):
        events.append(.resize(rows: newRows, columns: newColumns))
      case .none: break
      case .hangup: return
      }
      events += inbox.takeAll()
      guard !events.isEmpty else { continue }
      for event in events where !state.hasQuit {
        start(state.update(event))
      }
      if !state.hasQuit { terminal.draw(state.render(glyphs: glyphs)) }
    }
  }

  /// Starts each effect as a task whose result comes back through the inbox.
  private func start(_ effects: [DeskEffect]) {
    for effect in effects {
      switch effect {
      case .startTimer(let timer, let after):
        Task { [inbox] in
          try? await Task.sleep(for: after)
          inbox.post(.timerFired(timer))
        }
      case .recordCardReadBack(let readBack, let generation):
        // The audit log is the desk's own file: it needs no channel and waits for none.
        Task { [inbox, connection] in
          let log = CardReadBackLog(
            directory: connection.resolvedDataDirectory(
              environment: ProcessInfo.processInfo.environment, home: NSHomeDirectory))
          do {
            try log.record(readBack, at: Date())
            inbox.post(.cardReadBackRecorded(generation: generation, .success(())))
          } catch {
            inbox.post(
              .cardReadBackRecorded(generation: generation, .failure(DeskFailure("\(error)"))))
          }
        }
      default:
        Task { [self] in await perform(effect) }
      }
    }
  }

  private func perform(_ effect: DeskEffect) async {
    let channel: HTTPSOrderChannel
    do {
      channel = try await connector.channel()
    } catch {
      let reason = "\(error)"
      inbox.post(.securityChanged(.down(reason: reason)))
      fail(effect, DeskFailure("The order service could not be started or reached: \(reason)"))
      return
    }
    watchSecurity(of: channel)
    switch effect {
    case .probeChannel:
      inbox.post(.securityChanged(await channel.probe()))
    case .loadCatalog:
      do {
        inbox.post(.catalogLoaded(.success(try await channel.catalog())))
      } catch {
        inbox.post(.catalogLoaded(.failure(DeskFailure("\(error)"))))
      }
    case .requestQuote(let request, let generation):
      do {
        inbox.post(.quoted(generation: generation, .success(try await channel.quote(request))))
      } catch {
        inbox.post(.quoted(generation: generation, .failure(DeskFailure("\(error)"))))
      }
    case .sealCard(let card, let key, let generation):
      // The copy handed over for sealing is wiped whatever happens.
      defer { card.wipe() }
      do {
        let sealed = try await channel.sealCard(
          card, idempotencyKey: key, currentMonth: currentMonth)
        inbox.post(.cardSealed(generation: generation, .success(sealed)))
      } catch {
        inbox.post(.cardSealed(generation: generation, .failure(DeskFailure("\(error)"))))
      }
    case .submit(let submission):
      do {
        let outcome = try await channel.submit(submission) { [inbox] in
          inbox.post(.submissionSent)
        }
        inbox.post(.submitted(.success(outcome)))
      } catch {
        inbox.post(.submitted(.failure(DeskFailure(submitting: error))))
      }
    case .lookUp(let number, let email):
      do {
        inbox.post(.lookedUp(.success(try await channel.lookUp(number: number, email: email))))
      } catch {
        inbox.post(.lookedUp(.failure(DeskFailure("\(error)"))))
      }
    case .startTimer, .recordCardReadBack:
      break
    }
    inbox.post(.securityChanged(await channel.security))
  }

  /// Answers an effect whose channel could not be had with a failure of the right kind.
  private func fail(_ effect: DeskEffect, _ failure: DeskFailure) {
    switch effect {
    case .loadCatalog: inbox.post(.catalogLoaded(.failure(failure)))
    case .requestQuote(_, let generation):
      inbox.post(.quoted(generation: generation, .failure(failure)))
    case .sealCard(let card, _, let generation):
      card.wipe()
      inbox.post(.cardSealed(generation: generation, .failure(failure)))
    case .submit: inbox.post(.submitted(.failure(failure)))
    case .lookUp: inbox.post(.lookedUp(.failure(failure)))
    case .probeChannel, .startTimer, .recordCardReadBack: break
    }
  }

  /// Follows the channel's security as every request learns it, so the lock is always current;
  /// from the first effect that gets the channel, which may be after the service came back.
  private func watchSecurity(of channel: HTTPSOrderChannel) {
    let isFirst = isWatching.withLock { watching in
      defer { watching = true }
      return !watching
    }
    guard isFirst else { return }
    Task { [inbox] in
      for await security in channel.securityChanges {
        inbox.post(.securityChanged(security))
      }
    }
  }
}

/// Results waiting for the terminal's thread, and the waker that tells it they are there.
final class DeskInbox: Sendable {
  private let state = Mutex<(events: [DeskEvent], waker: TerminalWaker?)>(([], nil))

  func attach(_ waker: TerminalWaker) {
    state.withLock { $0.waker = waker }
  }

  func post(_ event: DeskEvent) {
    let waker = state.withLock { state in
      state.events.append(event)
      return state.waker
    }
    waker?.wake()
  }

  func takeAll() -> [DeskEvent] {
    state.withLock { state in
      defer { state.events = [] }
      return state.events
    }
  }
}

/// Opens the connection once, on first use, and closes it at the end.
actor DeskConnector {
  private let settings: DeskConnectionSettings
  private var opening: Task<DeskConnection, Error>?

  init(settings: DeskConnectionSettings) {
    self.settings = settings
  }

  /// The channel to the order service, opened (with the embedded service started) on first use.
  ///
  /// An opening that failed is tried again on the next call, which the desk's probe makes
  /// every few seconds while the service is down.
  func channel() async throws -> HTTPSOrderChannel {
    let task: Task<DeskConnection, Error>
    if let opening {
      task = opening
    } else {
      let settings = settings
      task = Task { try await DeskConnection.open(settings) }
      opening = task
    }
    do {
      return try await task.value.channel
    } catch {
      if opening == task { opening = nil }
      throw error
    }
  }

  func close() async {
    guard let opening, let connection = try? await opening.value else { return }
    await connection.close()
  }
}

extension DeskFailure {
  /// A failed submit, with what the desk should do about it.
  init(submitting error: any Error) {
    guard case .serviceError(_, _, let body)? = error as? OrderChannelError, let body else {
      self.init("\(error)")
      return
    }
    switch body.code {
    case .vaultUnavailable: self.init("\(error)", kind: .paymentsPaused)
    case .vaultKeyRetired: self.init("\(error)", kind: .cardKeyRetired)
    case .tooManyAttempts: self.init("\(error)", kind: .tooManyAttempts)
    default: self.init("\(error)")
    }
  }
}

import OrderCore

extension DeskState {
  /// The smallest terminal the desk draws in; below it, it says how big it needs to be.
  public static let minimumSize = (rows: 18, columns: 60)

  /// Whether the terminal is too small to draw the desk.
  public var isTooSmall: Bool { layout.isTooSmall }

  /// Applies one event and returns the work it asks for.
  ///
  /// This is the only way the state changes.
  public mutating func update(_ event: DeskEvent) -> [DeskEffect] {
    // Keys typed ahead go on as soon as the screen can take them: after the answer it
    // waited for, or after the key that closed "Quit?".
    let effects = apply(event) + replayTypeAhead()
    endReadBackOffScreen()
    return countingProbes(effects)
  }

  /// Tells the reconnection of every probe in `effects`, wherever in the desk it was asked
  /// for (a timer, F2, a card waiting for a secure channel), so that it knows how many answers
  /// are still to come.
  mutating func countingProbes(_ effects: [DeskEffect]) -> [DeskEffect] {
    for case .probeChannel in effects { reconnection.probeStarted() }
    return effects
  }

  private mutating func apply(_ event: DeskEvent) -> [DeskEffect] {
    switch event {
    case .key(let key):
      return read(key)
    case .frameDrawn(let shown):
      frameDrawn(shown)
      return []
    case .resize(let newRows, let newColumns):
      layout = DeskLayout(
        rows: newRows, columns: newColumns, catalog: catalog, message: message?.text)
      layoutChanged()
      return []
    case .securityChanged(let newSecurity):
      let wasAnswering = Self.serviceAnswers(security)
      security = newSecurity
      return afterSecurityChange(serviceCameBack: !wasAnswering && Self.serviceAnswers(security))
    case .probed(let serviceAnswered):
      guard let (timer, delay) = reconnection.probeAnswered(serviceAnswered: serviceAnswered)
      else { return [] }
      return [.startTimer(timer, after: delay)]
    case .catalogLoaded(.success(let catalog)):
      catalogLoad = .loaded(catalog)
      catalogView.catalogArrived()
      layout.measureDescriptions(of: catalog)
      return []
    case .catalogLoaded(.failure(let failure)):
      catalogLoad = .failed(failure.message)
      return []
    case .quoted(let generation, let result):
      guard generation == quoteGeneration else { return [] }
      switch result {
      case .success(let answer): quote = .ready(answer)
      case .failure(let failure): quote = .failed(failure.message)
      }
      return []
    case .cardSealed(let generation, let result):
      return cardSealed(generation: generation, result)
    case .submissionSent:
      if screen == .submitting { submitting.isSent = true }
      return []
    case .submitted(let result):
      return submitted(result)
    case .lookedUp(let result):
      findOrder.lookedUp(result, layout)
      return []
    case .timerFired(let timer):
      return fired(timer)
    case .cardReadBackRecorded(let generation, let result):
      return readBackRecorded(generation: generation, result)
    case .idle, .signedIn, .signedOut, .sessionLocked, .sessionUnlocked, .ordersFound,
      .orderPageLoaded, .customersFound, .refunded:
      return applyStaff(event)
    }
  }

  // MARK: - Keys common to every screen

  /// Applies a key, as read or as it comes out of the type-ahead.
  mutating func press(_ key: Key) -> [DeskEffect] {
    // Any key ends a card number's read-back, then does what it does (Ctrl-R asks anew).
    payment.endReadBack()
    let effects = handle(key)
    return effects + removeCardNumbersFromTextFields()
  }

  private mutating func handle(_ key: Key) -> [DeskEffect] {
    if let overlay { return handle(key, in: overlay) }
    if let effects = handleStaffKey(key) { return effects }
    switch key {
    case .control("c"):
      guard hasUnsavedWork else { return quit() }
      overlay = .confirmQuit
      return []
    case .function(1):
      openHelp()
      return []
    case .function(2):
      overlay = .channelDetails
      return [.probeChannel]
    case .character("?") where !isEditingText:
      openHelp()
      return []
    default:
      break
    }
    if isTooSmall { return [] }
    let context = self.context
    return follow(withModel(of: screen) { $0.update(key, context) })
  }

  /// Whether keys go into a text field, so `?`, `q` and letters are typed, not commands.
  public var isEditingText: Bool {
    model(of: screen).isEditingText(context)
  }

  /// Tells every screen the layout was made anew, for what it measures of it.
  mutating func layoutChanged() {
    let layout = layout
    for screen in Screen.allCases {
      withModel(of: screen) { $0.layoutChanged(layout) }
    }
  }

  private mutating func openHelp() {
    overlay = .help
    helpScroll = 0
  }

  private mutating func handle(_ key: Key, in overlay: Overlay) -> [DeskEffect] {
    switch overlay {
    case .confirmQuit:
      switch key {
      case .character("y"), .character("Y"): return quit()
      case .character("n"), .character("N"), .escape, .control("c"):
        self.overlay = nil
      default: break
      }
    case .help:
      switch key {
      case .up, .character("k"), .down, .character("j"), .pageUp, .pageDown, .home, .end:
        helpScroll = ScrollingText.scroll(
          helpScroll, by: key, limit: layout.helpScrollLimit, page: layout.helpRows - 1)
      case .escape, .function(1), .character("?"), .character("q"), .enter: self.overlay = nil
      case .control("c"):
        self.overlay = nil
        return handle(key)
      default: break
      }
    case .channelDetails:
      switch key {
      case .escape, .function(2), .enter, .character("q"): self.overlay = nil
      case .control("c"):
        self.overlay = nil
        return handle(key)
      default: break
      }
    }
    return []
  }

  mutating func quit() -> [DeskEffect] {
    overlay = nil
    hasQuit = true
    payment.clear()
    typeAhead.removeAll()
    // The runtime ends when it sees `hasQuit`; there is nothing left to do.
    return []
  }

  // MARK: - Messages and timers

  /// Shows `text` in the status line; information clears itself after a few seconds.
  mutating func say(_ text: String, _ kind: Message.Kind = .info) -> [DeskEffect] {
    message = Message(text: text, kind: kind)
    messageGeneration += 1
    guard kind == .info || kind == .success else { return [] }
    return [.startTimer(.clearMessage(generation: messageGeneration), after: .seconds(6))]
  }

  private mutating func fired(_ timer: DeskTimer) -> [DeskEffect] {
    switch timer {
    case .hideCardNumber(let generation):
      hideCardNumber(generation: generation)
      return []
    case .clearMessage(let generation):
      if generation == messageGeneration { message = nil }
      return []
    case .probeAgain(let generation):
      // Only the newest probe timer probes: one probe, one answer, one next timer.
      return reconnection.isDue(generation: generation) ? [.probeChannel] : []
    }
  }

  private mutating func afterSecurityChange(serviceCameBack: Bool) -> [DeskEffect] {
    var effects: [DeskEffect] = []
    // Look again in a while if the service went away under a request, so the lock closes by
    // itself when it is back; a probe already on its way or waiting decides that itself.
    if let (timer, delay) = reconnection.securityChanged(
      serviceAnswers: Self.serviceAnswers(security))
    {
      effects.append(.startTimer(timer, after: delay))
    }
    // A catalog that could not be loaded while the service was away is asked for again once,
    // when it answers again; not on every answer, which would repeat a failing request.
    if serviceCameBack, case .failed = catalogLoad {
      catalogLoad = .loading
      effects.append(.loadCatalog)
    }
    if payment.stage == .waitingForSecureChannel, security.allowsCardData {
      effects += seal()
    }
    return effects
  }

  /// Whether the service answered the last request, whatever the channel's security.
  public static func serviceAnswers(_ security: ChannelSecurity) -> Bool {
    switch security {
    case .secure, .unverified, .notEncrypted: true
    case .down, .unknown: false
    }
  }

  // MARK: - Quotes

  /// Asks the service for totals of the cart as it is now; older answers are then ignored.
  mutating func requestQuote() -> [DeskEffect] {
    quoteGeneration += 1
    guard !cart.isEmpty else {
      quote = .none
      return []
    }
    quote = .loading
    return [
      .requestQuote(
        QuoteRequest(currency: currency, country: taxCountry, lines: cart.lines),
        generation: quoteGeneration)
    ]
  }
}

extension ChannelSecurity {
  /// Whether the desk lets a person type card details.
  ///
  /// Not over a channel known to be unencrypted or unverified; an unknown or down channel may
  /// still become secure.
  public var permitsCardEntry: Bool {
    switch self {
    case .secure, .unknown, .down: true
    case .notEncrypted, .unverified: false
    }
  }
}

extension DeskState {
  /// Whether the screen shown waits for an answer that decides what its next key means.
  public var isAwaitingAnswer: Bool {
    model(of: screen).awaitsAnswer(context)
  }

  /// A key as the terminal read it: applied now, or kept behind the keys already waiting.
  mutating func read(_ key: Key) -> [DeskEffect] {
    guard mustWait(key) else { return press(key) }
    guard typeAhead.keep(key) else { return sayKeysWereDropped() }
    return []
  }

  /// Whether `key` waits: while keys wait before it, or while the screen waits for an answer.
  private func mustWait(_ key: Key) -> Bool {
    // Ctrl-C, and the answer to "Quit?", are never kept waiting: quitting is as it always was.
    if key == .control("c") || overlay == .confirmQuit { return false }
    if !typeAhead.isEmpty { return true }
    // Help and the channel's details open over whatever is shown, and a window over the screen
    // takes its keys at once: none of them depends on an answer. So F2 probes at once while
    // the catalog loads.
    if key == .function(1) || key == .function(2) { return false }
    return overlay == nil && isAwaitingAnswer
  }

  /// Applies the keys typed ahead, in order, for as long as the screen can take them; stops at
  /// the next screen that waits for an answer.
  mutating func replayTypeAhead() -> [DeskEffect] {
    // "Quit?" opened by Ctrl-C over keys still waiting gets its answer from the next key.
    guard overlay != .confirmQuit else { return [] }
    var effects: [DeskEffect] = []
    while !hasQuit, !isTooSmall, !isAwaitingAnswer, let key = typeAhead.next() {
      effects += press(key)
    }
    if typeAhead.isEmpty, typeAhead.dropped > 0, !isAwaitingAnswer, !hasQuit {
      // Said again once the keys kept are applied: the screen they led to is not the one the
      // person meant, and their own message may have been cleared on the way.
      let dropped = typeAhead.dropped
      typeAhead.droppedWereReported()
      effects += say(
        "\(Self.keys(dropped)) typed while the desk waited \(dropped == 1 ? "was" : "were") "
          + "not kept: it keeps \(Self.grouped(typeAhead.limit)) at most. Check the screen "
          + "before going on.", .error)
    }
    return effects
  }

  /// The terminal shows `shown`; it counts as seen when it is the screen as it is now,
  /// complete, with nothing over it.
  mutating func frameDrawn(_ shown: Screen) {
    guard shown == screen, overlay == nil, !isTooSmall, !isAwaitingAnswer else { return }
    screenHasBeenDrawn = true
  }

  private mutating func sayKeysWereDropped() -> [DeskEffect] {
    let dropped = typeAhead.dropped
    return say(
      "Typed too far ahead: the desk keeps \(Self.grouped(typeAhead.limit)) keys while it "
        + "waits, and \(dropped) more \(dropped == 1 ? "was" : "were") not kept.", .error)
  }

  /// "1 key", "12 keys".
  static func keys(_ count: Int) -> String {
    count == 1 ? "1 key" : "\(Self.grouped(count)) keys"
  }

  /// `count` with its thousands set apart by commas: "4,096".
  static func grouped(_ count: Int) -> String {
    let digits = String(count.magnitude)
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return count < 0 ? "-" + text : text
  }
}

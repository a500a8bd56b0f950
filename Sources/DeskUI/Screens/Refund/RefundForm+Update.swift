import OrderCore

extension RefundForm: DeskScreen {
  mutating func update(_ key: Key, _ context: ScreenContext) -> ScreenOutcome {
    switch stage {
    case .refunding:
      return []
    case .confirming(let refund, _):
      switch key {
      case .enter: return send(refund, context)
      case .escape: stage = .editing
      default: break
      }
      return []
    case .editing:
      return edit(key)
    }
  }

  private mutating func edit(_ key: Key) -> ScreenOutcome {
    let fields = fields
    let index = fields.firstIndex(of: focus) ?? 0
    switch key {
    case .escape:
      return [.go(.orderPage)]
    case .tab, .down:
      focus = fields[min(fields.count - 1, index + 1)]
    case .backTab, .up:
      focus = fields[max(0, index - 1)]
    case .enter:
      if index < fields.count - 1 {
        focus = fields[index + 1]
      } else {
        confirm()
      }
    default:
      type(key)
    }
    return []
  }

  /// A key typed into the focused field: a digit picks an option, text goes into a field.
  private mutating func type(_ key: Key) {
    switch focus {
    case .scope:
      guard case .character(let character) = key, let number = character.wholeNumberValue,
        let chosen = Scope(rawValue: number)
      else { return }
      scope = chosen
      errors = [:]
      focus = fields[1]
    case .reason:
      guard case .character(let character) = key, let number = character.wholeNumberValue,
        (1...RefundReason.allCases.count).contains(number)
      else { return }
      reason = RefundReason.allCases[number - 1]
      errors[.reason] = nil
      focus = .note
    case .amount:
      if amount.apply(key) == .changed { errors[.amount] = nil }
    case .line(let index):
      guard lineQuantities.indices.contains(index) else { return }
      if case .character(let character) = key, !(character.isASCII && character.isNumber) {
        return
      }
      if lineQuantities[index].apply(key) == .changed {
        errors = errors.filter { if case .line = $0.key { false } else { true } }
      }
    case .note:
      switch note.apply(key) {
      case .changed: errors[.note] = nil
      case .refused where note.characters.count >= RefundForm.noteLength:
        errors[.note] = "The note takes at most \(RefundForm.noteLength) characters."
      default: break
      }
    }
  }

  /// Checks the form; shows the confirmation, or the problems beside their fields.
  private mutating func confirm() {
    failure = nil
    switch refund() {
    case .success(let (refund, money)):
      errors = [:]
      stage = .confirming(refund, money)
    case .failure(let problems):
      errors = problems.byField
      if let first = fields.first(where: { errors[$0] != nil }) { focus = first }
    }
  }

  /// Sends the confirmed refund: the same refund as the last one sent keeps its key.
  private mutating func send(_ refund: StaffRefund, _ context: ScreenContext) -> ScreenOutcome {
    guard let number = page?.order.number else { return [] }
    refundsSent += 1
    let key: IdempotencyKey
    if let lastAttempt, lastAttempt.refund == refund {
      key = lastAttempt.key
    } else {
      let seed = context.idempotencySeed.rawValue.prefix(180)
      key = IdempotencyKey("\(seed)-refund-\(refundsSent)") ?? context.idempotencySeed
    }
    lastAttempt = Attempt(refund: refund, key: key)
    stage = .refunding(generation: refundsSent)
    return [
      .run(.refund(number, refund, idempotencyKey: key, generation: refundsSent))
    ]
  }

  func isEditingText(_ context: ScreenContext) -> Bool {
    guard stage == .editing else { return false }
    switch focus {
    case .amount, .note, .line: return true
    case .scope, .reason: return false
    }
  }

  mutating func removeCardNumbers() -> Bool {
    guard note.removeCardNumbers() else { return false }
    errors[.note] = TextField.cardNumberRemoved
    if case .confirming = stage { stage = .editing }
    return true
  }
}

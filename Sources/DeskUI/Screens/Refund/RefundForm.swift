import OrderCore

/// A supervisor's refund of the order on the page: how much (everything left, an amount, or
/// lines), why, a note, then a confirmation that states the amount, the order and the card.
///
/// Never more than what is left: the form checks it against the page's `refundable`, and the
/// service refuses it again if the page was stale. Each confirmed refund has one idempotency
/// key; sending the same refund again after a failure reuses it, so it is never paid twice.
public struct RefundForm: Sendable, Hashable {
  /// What is refunded.
  public enum Scope: Int, CaseIterable, Sendable, Hashable {
    case everything = 1
    case amount = 2
    case lines = 3

    public var title: String {
      switch self {
      case .everything: "Everything left"
      case .amount: "An amount"
      case .lines: "Lines"
      }
    }
  }

  /// A field of the form.
  public enum Field: Sendable, Hashable {
    case scope
    case amount
    /// The quantity of the order's line at this index.
    case line(Int)
    case reason
    case note
  }

  /// Where the form stands.
  public enum Stage: Sendable, Hashable {
    case editing
    /// The refund as it will be sent, and its amount, waiting for Enter.
    case confirming(StaffRefund, Money)
    /// Sent as refund `generation`; only its answer ends it.
    case refunding(generation: Int)
  }

  /// The refund last sent and its key: sent again unchanged, it keeps the key.
  struct Attempt: Sendable, Hashable {
    let refund: StaffRefund
    let key: IdempotencyKey
  }

  /// The order's page the refund is for.
  public internal(set) var page: OrderPage?
  public internal(set) var scope: Scope?
  public internal(set) var amount = TextField(maximumLength: 20)
  /// The quantity to refund of each of the order's lines.
  public internal(set) var lineQuantities: [TextField] = []
  public internal(set) var reason: RefundReason?
  public internal(set) var note = TextField(maximumLength: RefundForm.noteLength)
  public internal(set) var focus: Field = .scope
  public internal(set) var errors: [Field: String] = [:]
  public internal(set) var stage: Stage = .editing
  /// Why the last refund failed, in the service's words.
  public internal(set) var failure: String?
  var lastAttempt: Attempt?
  /// How many refunds were sent from this desk: each has a generation, and each new refund a
  /// key, of its own.
  var refundsSent = 0

  /// The most characters a refund's note takes.
  public static let noteLength = 500

  /// The form for `page`, empty; the count of refunds sent goes on.
  mutating func open(_ page: OrderPage) {
    let sent = refundsSent
    self = RefundForm()
    refundsSent = sent
    self.page = page
    lineQuantities = page.order.quote.lines.map { _ in TextField(maximumLength: 2) }
  }

  /// No form; the count of refunds sent goes on, so an answer still on its way is dropped.
  mutating func reset() {
    let sent = refundsSent
    self = RefundForm()
    refundsSent = sent
  }

  /// The fields shown for the scope chosen, in order.
  public var fields: [Field] {
    var fields: [Field] = [.scope]
    switch scope {
    case .amount: fields.append(.amount)
    case .lines: fields += lineQuantities.indices.map { .line($0) }
    case .everything, nil: break
    }
    return fields + [.reason, .note]
  }

  /// What is left to refund.
  var refundable: Money? { page?.refundable }

  /// The refund the form describes and its amount, or the problems by field.
  func refund() -> Result<(StaffRefund, Money), RefundProblems> {
    guard let page else { return .failure(RefundProblems([.scope: "There is no order."])) }
    let left = page.refundable
    var problems: [Field: String] = [:]
    var amountToRefund: Money?
    var refund = StaffRefund(reason: reason ?? .other, note: note.text.trimmed)
    switch scope {
    case nil:
      problems[.scope] = "Choose what to refund: 1, 2 or 3."
    case .everything:
      amountToRefund = left
    case .amount:
      switch AmountText.parse(amount.text, currency: left.currency) {
      case .success(let money):
        amountToRefund = money
        refund.amount = money
      case .failure(.empty):
        problems[.amount] = "Type the amount to refund, such as 12.00."
      case .failure(.notAnAmount):
        problems[.amount] = "An amount looks like 12.00."
      case .failure(.notPositive):
        problems[.amount] = "The amount must be more than zero."
      }
    case .lines:
      var lines: [RefundLine] = []
      var total: Int64 = 0
      for (index, line) in page.order.quote.lines.enumerated() {
        let typed = lineQuantities.indices.contains(index) ? lineQuantities[index].text : ""
        let quantity = Int(typed.trimmed) ?? 0
        guard quantity <= line.quantity else {
          problems[.line(index)] =
            "At most \(line.quantity) of \(line.name) \(line.quantity == 1 ? "was" : "were") "
            + "ordered."
          continue
        }
        guard quantity > 0 else { continue }
        lines.append(RefundLine(sku: line.sku, quantity: quantity))
        total +=
          RefundEstimate.amount(of: line, quantity: quantity, in: page.order.quote)
          .minorUnits
      }
      if lines.isEmpty, problems.isEmpty {
        problems[.line(0)] = "Type how many of a line to refund."
      }
      refund.lines = lines
      amountToRefund = Money(minorUnits: total, currency: left.currency)
    }
    if let money = amountToRefund, problems.isEmpty {
      if left.minorUnits <= 0 {
        problems[.scope] = "Nothing is left to refund on this order."
      } else if money.minorUnits > left.minorUnits {
        problems[scope == .lines ? .line(0) : scope == .amount ? .amount : .scope] =
          "At most \(left.formatted()) can still be refunded."
      }
    }
    if reason == nil {
      problems[.reason] = "Choose a reason: 1, 2, 3 or 4."
    } else if reason == .other, refund.note.isEmpty {
      problems[.note] = "The reason is Other: say why in the note."
    }
    guard problems.isEmpty, let money = amountToRefund else {
      return .failure(RefundProblems(problems))
    }
    return .success((refund, money))
  }

  /// The problems of a refund form, by field.
  struct RefundProblems: Error {
    let byField: [Field: String]
    init(_ byField: [Field: String]) { self.byField = byField }
  }

  /// The refund service's answer to refund `generation`; whether it is this form's.
  mutating func answered(generation: Int, _ result: Result<RefundReceipt, DeskFailure>) -> Bool {
    guard stage == .refunding(generation: generation) else { return false }
    switch result {
    case .success:
      lastAttempt = nil
      stage = .editing
      failure = nil
    case .failure(let problem):
      stage = .editing
      failure = problem.message
    }
    return true
  }
}

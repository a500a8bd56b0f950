import DeskRuntime
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import PropertyBased
import Synchronization
import Testing

/// One effect, one answer: whatever effects the desk asks for, in whatever order, with a
/// channel that fails and dawdles at random and reports its security twice per call, each
/// effect is answered by exactly one event, its own, and security never comes as an answer.
@Suite struct EffectAnswerTests {
  static let month = YearMonth(year: 2026, month: 11)!

  /// Every kind of effect the desk asks for, numbered by `generation` where it has one; 8
  /// (and any other number) is a submit, 9 to 16 are the staff desk's.
  static func effect(kind: Int, generation: Int) -> DeskEffect {
    switch kind {
    case 0: return .probeChannel
    case 1: return .loadCatalog
    case 2:
      return .requestQuote(
        QuoteRequest(currency: .eur, country: "DE", lines: []), generation: generation)
    case 3:
      return .sealCard(
        CardEntry(
          number: SecretBytes(copying: "4242424242424242".utf8), expiry: "04/29",
          cvc: SecretBytes(copying: "123".utf8), name: "Ada Lovelace"),
        idempotencyKey: IdempotencyKey("key-\(generation)")!, generation: generation)
    case 4: return .lookUp(OrderNumber("OD-7K3F9Q2M")!, email: "ada@example.com")
    case 5:
      return .startTimer(.probeAgain(generation: generation), after: .milliseconds(generation % 5))
    case 6: return .startTimer(.clearMessage(generation: generation), after: .zero)
    case 7:
      return .recordCardReadBack(
        CardReadBackRecord(
          orderInProgress: IdempotencyKey("key-\(generation)")!,
          staff: generation.isMultiple(of: 2) ? StaffFixtures.ana.member : nil),
        generation: generation)
    case 9:
      return .signIn(
        generation.isMultiple(of: 3)
          ? StaffFixtures.ana.credentials
          : StaffCredentials(name: "ana", passphrase: "wrong", code: "000000"))
    case 10: return .signOut
    case 11: return .lockSession
    case 12: return .unlockSession(StaffFixtures.ana.credentials)
    case 13: return .searchOrders(OrderSearch(text: "ada"), generation: generation)
    case 14: return .loadOrderPage(OrderNumber("OD-3H5J7K9L")!, generation: generation)
    case 15: return .findCustomers("ada", generation: generation)
    case 16:
      return .refund(
        OrderNumber("OD-3H5J7K9L")!,
        StaffRefund(amount: Money(minorUnits: 100, currency: .eur), reason: .duplicate),
        idempotencyKey: IdempotencyKey("refund-\(generation)")!, generation: generation)
    default:
      return .submit(
        OrderSubmission(
          idempotencyKey: IdempotencyKey("key-\(generation)")!, currency: .eur,
          source: .terminal, lines: [CartLine(sku: SKU("INKWELL-STD")!, quantity: 1)],
          customer: customer,
          card: SealedCard(keyId: "vault-1", sealed: "c2VhbGVk")))
    }
  }

  static let customer = Customer(
    name: "Ada Lovelace", email: "ada@example.com", phone: "",
    address: Address(country: "DE"))

  /// Answers `effects`, all at once, and returns each one's answers and the progress heard.
  static func answers(
    to effects: [DeskEffect], seed: UInt64
  ) async -> (answers: [[DeskEvent]], progress: [DeskEvent]) {
    let channel = ScriptedOrderChannel(seed: seed, failOneIn: 3, longestDelay: .milliseconds(3))
    let runtime = DeskRuntime(
      channel: channel, journal: MemoryJournal(), currentMonth: month)
    let progress = EventLog()
    let answered = await withTaskGroup(of: (Int, DeskEvent).self) { group in
      for (index, effect) in effects.enumerated() {
        group.addTask {
          (index, await runtime.answer(effect) { progress.append($0) })
        }
      }
      var answers = Array(repeating: [DeskEvent](), count: effects.count)
      for await (index, event) in group { answers[index].append(event) }
      return answers
    }
    await channel.close()
    return (answered, progress.events)
  }

  /// The problems with `answers` as answers to `effects`; none when each has its one answer.
  static func problems(effects: [DeskEffect], answers: [[DeskEvent]]) -> [String] {
    var problems: [String] = []
    for (effect, events) in zip(effects, answers) {
      if events.count != 1 {
        problems.append("\(effect) was answered \(events.count) times")
      } else if !effect.isAnswered(by: events[0]) {
        problems.append("\(effect) was answered by \(events[0])")
      }
      for event in events {
        if case .securityChanged = event { problems.append("\(effect) answered with security") }
      }
    }
    return problems
  }

  @Test func everyEffectHasExactlyOneAnswerOfItsOwn() async {
    let sequence = zip(Gen.int(in: 0...16), Gen.int(in: 0...1_000)).array(of: 1...40)
    await propertyCheck(count: 60, input: sequence, Gen.uint64()) { steps, seed in
      let effects = steps.map { Self.effect(kind: $0.0, generation: $0.1) }
      let (answers, progress) = await Self.answers(to: effects, seed: seed)
      let problems = Self.problems(effects: effects, answers: answers)
      #expect(problems.isEmpty, "\(problems)")
      // Progress is for submissions only, once each, and never security.
      let submissions = effects.filter { if case .submit = $0 { true } else { false } }
      #expect(progress.count == submissions.count, "\(progress)")
      #expect(
        progress.allSatisfy { if case .submissionSent = $0 { true } else { false } },
        "\(progress)")
    }
  }

  /// Every staff effect is answered by its own event and by no other effect's.
  @Test func everyStaffEffectIsAnsweredByItsOwnKindOfEvent() {
    let answers: [DeskEvent] = [
      .signedIn(.failure(DeskFailure("no"))), .signedOut, .sessionLocked(.success(())),
      .sessionUnlocked(.failure(DeskFailure("no"))), .ordersFound(generation: 5, .success([])),
      .orderPageLoaded(generation: 5, .success(nil)), .customersFound(generation: 5, .success([])),
      .refunded(generation: 5, .failure(DeskFailure("no"))),
    ]
    let effects = (9...16).map { Self.effect(kind: $0, generation: 5) }
    for (index, effect) in effects.enumerated() {
      let answering = answers.indices.filter { effect.isAnswered(by: answers[$0]) }
      #expect(answering == [index], "\(effect)")
    }
    // An answer of another generation is not the answer.
    #expect(!effects[4].isAnswered(by: .ordersFound(generation: 6, .success([]))))
    #expect(!effects[7].isAnswered(by: .refunded(generation: 4, .failure(DeskFailure("no")))))
    #expect(!effects[0].isAnswered(by: .idle), "idle answers nothing")
  }

  /// The check's twin: answers that are doubled, missing, of another generation or a
  /// security report are each found.
  @Test func theCheckFindsWrongAnswers() {
    let quote = Self.effect(kind: 2, generation: 7)
    let right = DeskEvent.quoted(generation: 7, .failure(DeskFailure("down")))
    #expect(Self.problems(effects: [quote], answers: [[right]]).isEmpty)
    #expect(Self.problems(effects: [quote], answers: [[right, right]]).count == 1)
    #expect(Self.problems(effects: [quote], answers: [[]]).count == 1)
    #expect(
      Self.problems(
        effects: [quote], answers: [[.quoted(generation: 6, .failure(DeskFailure("down")))]]
      ).count == 1)
    #expect(
      Self.problems(
        effects: [.probeChannel], answers: [[.securityChanged(.down(reason: "refused"))]]
      ).count == 2)
  }
}

/// Events heard from any task, in the order heard.
final class EventLog: Sendable {
  private let log = Mutex<[DeskEvent]>([])

  var events: [DeskEvent] { log.withLock { $0 } }

  func append(_ event: DeskEvent) { log.withLock { $0.append(event) } }
}

import DeskTheme
import DeskUI
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

/// Ctrl-R reads the number back to a caller: recorded first, drawn from the secret buffer
/// cell by cell, and gone from every cell when it ends.
@Suite struct CardReadBackTests {
  static let number = "4242424242424242"

  /// A desk on the payment screen with `digits` of the test number typed.
  static func typed(_ digits: Int = 12) -> DeskDriver {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type(String(number.prefix(digits)))
    _ = desk.takeEffects()
    return desk
  }

  /// The audit record asked for, if any, with its generation.
  static func recordRequest(_ effects: [DeskEffect]) -> (CardReadBackRecord, Int)? {
    for effect in effects {
      if case .recordCardReadBack(let record, let generation) = effect {
        return (record, generation)
      }
    }
    return nil
  }

  @Test func theNumberIsShownOnlyOnceItsReadBackIsRecorded() throws {
    var desk = Self.typed()
    desk.press(.control("r"))
    let (record, generation) = try #require(Self.recordRequest(desk.takeEffects()))
    #expect(record.orderInProgress == desk.state.idempotencyKey)
    #expect(!"\(record)".contains("4242"), "the record holds no digit of the card: \(record)")
    #expect(CardNumberFieldTests.digitsShown(desk.text).isEmpty, "shown before it is recorded")

    desk.send(.cardReadBackRecorded(generation: generation, .success(())))
    #expect(CardNumberFieldTests.digitsShown(desk.text) == String(Self.number.prefix(12)))
    let effects = desk.takeEffects()
    guard case .startTimer(.hideCardNumber, let after)? = effects.first else {
      Issue.record("no timer to hide the number: \(effects)")
      return
    }
    #expect(after == DeskState.revealDuration)
  }

  @Test func aReadBackTheLogCannotTakeIsNotShown() throws {
    var desk = Self.typed()
    desk.press(.control("r"))
    let (_, generation) = try #require(Self.recordRequest(desk.takeEffects()))
    desk.send(.cardReadBackRecorded(generation: generation, .failure(DeskFailure("disk full"))))
    #expect(!desk.state.payment.isRevealed)
    #expect(CardNumberFieldTests.digitsShown(desk.text).isEmpty)
    #expect(desk.state.message?.text.contains("audit log") == true)
    #expect(desk.state.message?.text.contains("disk full") == true)
  }

  /// Every digit drawn is a secret cell of the grid, which a terminal overwrites and scrubs.
  @Test func everyDigitDrawnIsASecretCell() {
    var desk = Self.typed(16)
    #expect(desk.screen().secretCellIndices.count == 4, "the last four of a whole number")
    desk.press(.control("r"))
    desk.recordReveals()
    let grid = desk.screen()
    #expect(grid.secretCellIndices.count == 16)
    let digits = grid.secretCellIndices.map { grid.cells[$0].text }.joined()
    #expect(digits == Self.number)
    var scrubbed = grid
    scrubbed.scrubSecretCells()
    #expect(!CardDigitRuns.shows(Self.number, in: scrubbed.snapshot), "\(scrubbed.snapshot)")
    #expect(scrubbed.secretCellIndices.isEmpty)
  }

  /// However it ends, the read-back leaves no digit behind; the check sees it while it lasts.
  @Test(arguments: ["timer", "key", "escape", "help", "too small", "channel"])
  func theReadBackEnds(how: String) throws {
    var desk = Self.typed()
    desk.press(.control("r"))
    desk.recordReveals()
    #expect(CardNumberFieldTests.digitsShown(desk.text) == String(Self.number.prefix(12)))
    #expect(CardDigitRuns.shows(Self.number, in: desk.text), "the check sees a shown number")
    let timer = desk.takeEffects().compactMap { effect -> DeskTimer? in
      if case .startTimer(let timer, _) = effect { return timer }
      return nil
    }.first
    switch how {
    case "timer": desk.send(.timerFired(try #require(timer)))
    case "key": desk.press(.right)
    case "escape": desk.press(.escape)
    case "help": desk.press(.function(1))
    case "too small": desk.send(.resize(rows: 10, columns: 40))
    default: desk.send(.securityChanged(.notEncrypted(endpoint: "http://127.0.0.1:1")))
    }
    #expect(!desk.state.payment.isRevealed, "\(how)")
    #expect(!CardDigitRuns.shows(Self.number, in: desk.text), "\(how):\n\(desk.text)")
    // Coming back shows bullets, and the timer of the read-back that ended changes nothing.
    desk.send(.resize(rows: 24, columns: 80))
    desk.send(.securityChanged(.secure(DeskDriver.session)))
    if desk.state.overlay != nil { desk.press(.escape) }
    if desk.state.screen != .payment { desk.press(.enter) }
    if let timer { desk.send(.timerFired(timer)) }
    #expect(desk.state.screen == .payment)
    #expect(CardNumberFieldTests.digitsShown(desk.text).isEmpty, "\(how):\n\(desk.text)")
  }

  /// A key pressed before the log answers cancels the read-back; the late answer shows nothing.
  @Test func aLateAnswerForACancelledReadBackShowsNothing() throws {
    var desk = Self.typed()
    desk.press(.control("r"))
    let (_, generation) = try #require(Self.recordRequest(desk.takeEffects()))
    desk.press(.left)
    desk.send(.cardReadBackRecorded(generation: generation, .success(())))
    #expect(!desk.state.payment.isRevealed)
    #expect(CardNumberFieldTests.digitsShown(desk.text).isEmpty)
  }
}

import OrderCore
import Testing

@testable import DeskUI

/// The payment screen's card goes typing → (waiting for the channel) → sealing → sealed, and
/// an answer for another seal than the one under way changes nothing.
@Suite struct CardStageTests {
  static let pending = PendingSeal(brand: .visa, lastFour: "4242", expiry: "04/29", name: "Ada")
  static let card = SealedCard(keyId: "vault-1", sealed: "c2VhbGVk")

  @Test func onlyTheAnswerForTheSealUnderWaySealsTheCard() {
    let sealing = CardStage.sealing(generation: 2, Self.pending)
    #expect(sealing.answered(generation: 1, with: Self.card) == nil)
    #expect(sealing.answered(generation: 2, with: Self.card)?.sealed?.lastFour == "4242")
    #expect(CardStage.typing.answered(generation: 2, with: Self.card) == nil)
    #expect(CardStage.waitingForSecureChannel.answered(generation: 2, with: Self.card) == nil)
  }

  @Test func onlyATypedOrWaitingCardMayBeSealed() {
    #expect(CardStage.typing.maySeal)
    #expect(CardStage.waitingForSecureChannel.maySeal)
    #expect(!CardStage.sealing(generation: 1, Self.pending).maySeal)
    #expect(!CardStage.sealed(Self.pending.sealed(as: Self.card)).maySeal)
  }

  @Test func everySealHasAGenerationOfItsOwnEvenAfterTheCardIsDiscarded() {
    var form = PaymentForm()
    let first = form.startSealing(Self.pending)
    form.clear()
    #expect(form.stage == .typing)
    let second = form.startSealing(Self.pending)
    #expect(second != first)
    #expect(!form.stage.isSealing(generation: first))
  }

  @Test func aLateAnswerForADiscardedCardDoesNotSealTheNewOne() throws {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("4242424242424242" + "0429" + "123")
    desk.press(.enter)
    let (oldCard, old) = try #require(desk.sealRequest)
    oldCard.wipe()
    desk.send(.cardSealed(generation: old, .failure(DeskFailure("The vault did not answer."))))
    #expect(desk.state.payment.stage == .typing)
    _ = desk.takeEffects()

    desk.type("4242424242424242" + "0429" + "123")
    desk.press(.enter)
    let (newCard, new) = try #require(desk.sealRequest)
    newCard.wipe()
    #expect(desk.state.payment.stage.isSealing(generation: new))
    desk.send(.cardSealed(generation: old, .success(Self.card)))
    #expect(desk.state.payment.stage.isSealing(generation: new), "an old answer sealed it")
    desk.send(.cardSealed(generation: new, .success(Self.card)))
    #expect(desk.state.payment.sealed?.card == Self.card)
    #expect(desk.state.screen == .review)
  }
}

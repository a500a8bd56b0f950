import CardSealing
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing
import Vault
import VaultAPI

@Suite("Simulated processor outcomes through the vault")
struct SimulatedProcessorTests {
  typealias Kit = VaultTestKit

  /// The published test numbers and the answers processors' test modes give them, written
  /// out here independently of the processor's own table.
  static let published: [(number: String, code: String?)] = [
    ("4242424242424242", nil),
    ("4000000000000002", "card_declined"),
    ("4000000000009995", "insufficient_funds"),
    ("4000000000009987", "lost_card"),
    ("4000000000009979", "stolen_card"),
    ("4000000000000069", "expired_card"),
    ("4000000000000127", "incorrect_cvc"),
    ("4000000000000119", "processing_error"),
    ("4100000000000019", "fraudulent"),
    ("5555555555554444", nil),
    ("378282246310005", nil),
    ("6011111111111117", nil),
  ]

  @Test(arguments: published)
  func eachTestNumberGetsItsAnswer(card: (number: String, code: String?)) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory)
    let key = Kit.key("outcome-\(card.number.suffix(4))")
    let cvc = card.number.hasPrefix("37") ? "7391" : "739"
    let answer = try await vault.authorize(
      Kit.seal(card.number, cvc: cvc, to: vault, key: key), idempotencyKey: key,
      amount: Kit.euros, reference: "OD-OUTCOME")
    switch (answer, card.code) {
    case (.approved(let summary, let token, let code), nil):
      #expect(summary.lastFour == String(card.number.suffix(4)))
      #expect(summary.expiry == YearMonth(year: 2029, month: 12))
      #expect(token.hasPrefix("tok_") && token.count == 32)
      #expect(code.count == 16)
    case (.declined(let decline), let expected?):
      #expect(decline.code == expected)
      #expect(decline.message.hasPrefix("The ") && decline.message.hasSuffix("."))
      #expect(!decline.message.contains(card.number.suffix(4)))
    default:
      Issue.record("\(card.number.suffix(4)): expected \(card.code ?? "approval"), got \(answer)")
    }
  }

  @Test func messagesTellThePersonAtTheDeskWhatToDo() {
    #expect(
      PaymentDecline.insufficientFunds.message
        == "The card was declined for insufficient funds. Ask for another card.")
    let all: [PaymentDecline] = [
      .cardDeclined, .insufficientFunds, .lostCard, .stolenCard, .expiredCard, .incorrectCVC,
      .processingError,
    ]
    #expect(Set(all.map(\.code)).count == all.count)
    for decline in all {
      #expect(decline.message.hasSuffix("."))
      #expect(
        decline.message.contains("Ask") || decline.message.contains("Try")
          || decline.message.contains("Check"))
    }
    // Lost and stolen read like any decline: the person holding the card may be the thief.
    #expect(PaymentDecline.lostCard.message == PaymentDecline.cardDeclined.message)
    #expect(!PaymentDecline.stolenCard.message.contains("stolen"))
  }

  @Test func aCardPastItsExpiryByTheClockIsDeclinedAsExpired() async throws {
    let processor = SimulatedProcessor(clock: { Kit.instant })
    let card = OpenedCard(
      number: SecretBytes(copying: "4242424242424242".utf8), cvc: SecretBytes(copying: "739".utf8),
      expiry: YearMonth(year: 2026, month: 3)!, name: "Ada Lovelace", brand: .visa)
    let request = PaymentRequest(
      card: card, amount: Kit.euros, reference: "OD-EXPIRED", idempotencyKey: Kit.key("e1"))
    #expect(try await processor.authorize(request) == .declined(.expiredCard))

    let current = OpenedCard(
      number: SecretBytes(copying: "4242424242424242".utf8), cvc: SecretBytes(copying: "739".utf8),
      expiry: Kit.month, name: "Ada Lovelace", brand: .visa)
    let approved = try await processor.authorize(
      PaymentRequest(
        card: current, amount: Kit.euros, reference: "OD-CURRENT", idempotencyKey: Kit.key("e2")))
    guard case .approved(let code) = approved else {
      Issue.record("a card valid this month was declined")
      return
    }
    #expect(code.allSatisfy { $0.isLetter })
  }

  @Test func aPaymentRequestPrintsNoCardData() {
    let card = OpenedCard(
      number: SecretBytes(copying: "4000000000009995".utf8),
      cvc: SecretBytes(copying: "739".utf8), expiry: Kit.month, name: "Ada Lovelace",
      brand: .visa)
    let request = PaymentRequest(
      card: card, amount: Kit.euros, reference: "OD-PRINT", idempotencyKey: Kit.key("p1"))
    var dumped = ""
    dump(request, to: &dumped)
    for text in [request.description, "\(request)", String(reflecting: request), dumped] {
      #expect(
        CardLeaks.findings(in: text, numbers: ["4000000000009995"], cvcs: ["739"]).isEmpty,
        "\(text)")
      #expect(!text.contains("Lovelace"))
      #expect(text.contains("9995"))
    }
  }
}

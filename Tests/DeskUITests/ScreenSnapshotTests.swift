import DeskTheme
import DeskUI
import Foundation
import OrderCore
import Testing

/// Every screen and state of the desk at 80×24, compared with stored text.
@Suite struct ScreenSnapshotTests {
  @Test func catalogWhileConnecting() {
    let desk = DeskDriver(security: .unknown(reason: "not connected yet"), loadCatalog: false)
    Snapshot.check(desk.screen(), named: "catalog-connecting")
  }

  @Test func catalogSecure() {
    var desk = DeskDriver()
    desk.press(.down, .down, .character("3"))
    Snapshot.check(desk.screen(), named: "catalog-secure")
  }

  @Test func catalogInASCII() {
    var desk = DeskDriver()
    desk.press(.enter)
    Snapshot.check(desk.screen(unicode: false), named: "catalog-ascii")
  }

  @Test func catalogFiltered() {
    var desk = DeskDriver()
    desk.press(.character("/"))
    desk.type("box")
    Snapshot.check(desk.screen(), named: "catalog-filter")
  }

  @Test func catalogWhenTheServiceIsDown() {
    var desk = DeskDriver(
      security: .down(reason: "connection refused by 127.0.0.1:8443"), loadCatalog: false)
    desk.send(.catalogLoaded(.failure(DeskFailure("The order service cannot be reached."))))
    Snapshot.check(desk.screen(), named: "catalog-down")
  }

  @Test func catalogOverPlainHTTP() {
    let desk = DeskDriver(security: .notEncrypted(endpoint: "http://127.0.0.1:8080"))
    Snapshot.check(desk.screen(), named: "catalog-not-encrypted")
  }

  @Test func catalogOverAnUnverifiedChannel() {
    let desk = DeskDriver(
      security: .unverified(
        reason: "the certificate is not signed by a trusted authority",
        session: DeskDriver.session))
    Snapshot.check(desk.screen(), named: "catalog-unverified")
  }

  @Test func cartWithServiceTotals() {
    var desk = DeskDriver()
    desk.press(.character("2"), .enter, .down, .enter, .character("c"))
    desk.answerQuote()
    Snapshot.check(desk.screen(), named: "cart")
  }

  @Test func detailsEmpty() {
    var desk = DeskDriver()
    desk.goToDetails()
    Snapshot.check(desk.screen(), named: "details-empty")
  }

  @Test func detailsWithErrorsBesideTheirFields() {
    var desk = DeskDriver()
    desk.goToDetails()
    desk.type("Ada")
    desk.press(.tab)
    desk.type("not-an-email")
    desk.press(.tab, .tab, .tab, .enter)
    Snapshot.check(desk.screen(), named: "details-errors")
  }

  @Test func detailsCountryTypeAhead() {
    var desk = DeskDriver()
    desk.goToDetails()
    desk.press(.tab, .tab, .tab)
    desk.type("ger")
    Snapshot.check(desk.screen(), named: "details-country")
  }

  @Test func detailsWithAShippingAddress() {
    var desk = DeskDriver()
    desk.goToShippingDetails()
    Snapshot.check(desk.screen(), named: "details-shipping")
  }

  /// Errors too long for one row wrap under their field while the form has rows to spare.
  @Test func detailsWithLongErrorsOnTheShippingForm() {
    var desk = DeskDriver()
    desk.goToShippingDetails()
    desk.type("Ada Lovelace")
    desk.press(.tab)
    desk.type("ada..lovelace@example.com")
    desk.press(.tab)
    desk.type("0030 1234 5678 9012 3456")
    desk.press(.tab)
    desk.type("ger")
    desk.press(.enter, .enter)
    Snapshot.check(desk.screen(), named: "details-long-errors")
  }

  @Test func paymentWhileTyping() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("42424242")
    Snapshot.check(desk.screen(), named: "payment-typing")
  }

  @Test func paymentWithAnAmexNumberComplete() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("378282246310005")
    desk.type("13")
    Snapshot.check(desk.screen(), named: "payment-amex")
  }

  @Test func paymentSealed() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.press(.escape)
    desk.press(.enter)
    // The review waits for its totals before it takes Esc.
    desk.answerQuote()
    desk.press(.escape)
    Snapshot.check(desk.screen(), named: "payment-sealed")
  }

  @Test func paymentRefusedOverPlainHTTP() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.send(.securityChanged(.notEncrypted(endpoint: "http://127.0.0.1:8080")))
    desk.type("4")
    Snapshot.check(desk.screen(), named: "payment-refused")
  }

  @Test func paymentAfterADecline() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.answerQuote()
    desk.press(.enter)
    desk.send(
      .submitted(
        .success(
          .declined(
            PaymentDecline(code: "card_declined", message: "The card was declined by its bank.")))))
    Snapshot.check(desk.screen(), named: "payment-declined")
  }

  @Test func review() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.answerQuote()
    Snapshot.check(desk.screen(), named: "review")
  }

  /// The Enter typed while the card was sealed did not place the order, and the review says so.
  @Test func reviewAfterAnEnterTypedAhead() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.type("42424242424242420429123")
    desk.press(.enter, .enter)
    desk.answerSeal()
    desk.answerQuote()
    Snapshot.check(desk.screen(), named: "review-typed-ahead")
  }

  /// Keys typed while the order is placed wait, and the bottom line says how many.
  @Test func submittingWithKeysTypedAhead() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.press(.enter, .enter, .character("f"))
    Snapshot.check(desk.screen(), named: "submitting-typed-ahead")
  }

  @Test func submitting() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.answerQuote()
    desk.press(.enter)
    Snapshot.check(desk.screen(), named: "submitting")
  }

  @Test func submittingOnceSent() {
    var desk = DeskDriver()
    desk.goToPayment()
    desk.enterCard()
    desk.answerQuote()
    desk.press(.enter)
    desk.send(.submissionSent)
    Snapshot.check(desk.screen(), named: "submitting-sent")
  }

  @Test func receipt() {
    Snapshot.check(DeskDriver.showingReceipt().screen(), named: "receipt")
  }

  @Test func findOrderFound() {
    Snapshot.check(DeskDriver.showingFoundOrder().screen(), named: "find-order-found")
  }

  @Test func findOrderScrolled() {
    var desk = DeskDriver.showingFoundOrder()
    desk.press(.pageDown)
    Snapshot.check(desk.screen(), named: "find-order-scrolled")
  }

  @Test func findOrderNotFound() {
    var desk = DeskDriver()
    desk.press(.function(3))
    desk.type("OD-0000")
    desk.press(.tab)
    desk.type("someone@example.com")
    desk.press(.enter)
    desk.send(.lookedUp(.success(nil)))
    Snapshot.check(desk.screen(), named: "find-order-not-found")
  }

  @Test func help() {
    var desk = DeskDriver()
    desk.press(.function(1))
    Snapshot.check(desk.screen(), named: "help")
  }

  @Test func channelDetails() {
    var desk = DeskDriver()
    desk.press(.function(2))
    Snapshot.check(desk.screen(), named: "channel-details")
  }

  @Test func channelDetailsWithACertificatePin() {
    var session = DeskDriver.session
    session.verification = .pinnedFingerprint
    var desk = DeskDriver(security: .secure(session))
    desk.press(.function(2))
    Snapshot.check(desk.screen(), named: "channel-details-certificate-pin")
  }

  @Test func channelDetailsOverPlainHTTP() {
    var desk = DeskDriver(security: .notEncrypted(endpoint: "http://127.0.0.1:8080"))
    desk.press(.function(2))
    Snapshot.check(desk.screen(), named: "channel-details-not-encrypted")
  }

  @Test func confirmQuit() {
    var desk = DeskDriver()
    desk.press(.enter, .control("c"))
    Snapshot.check(desk.screen(), named: "confirm-quit")
  }

  @Test func tooSmall() {
    var desk = DeskDriver()
    desk.send(.resize(rows: 10, columns: 40))
    Snapshot.check(desk.screen(), named: "too-small")
  }
}

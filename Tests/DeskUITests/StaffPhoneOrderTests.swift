import DeskTheme
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// Phone, fax and mail orders: the customer found as it is typed, their details used or
/// their last order repeated, the catalog's type-ahead and F4 prompt, and the note.
@Suite struct StaffPhoneOrderTests {
  /// The customer searches asked for, in order.
  static func customerSearches(_ desk: inout DeskDriver) -> [(String, Int)] {
    desk.takeEffects().compactMap { effect in
      if case .findCustomers(let text, let generation) = effect { (text, generation) } else { nil }
    }
  }

  @Test func everyKeystrokeIsANewSearchAndStaleAnswersAreDropped() {
    var desk = DeskDriver.signedIn()
    desk.type("1")
    desk.press(.enter)
    desk.type("a")
    #expect(Self.customerSearches(&desk).isEmpty, "one letter is not searched")
    desk.type("d")
    desk.type("a")
    let searches = Self.customerSearches(&desk)
    #expect(searches.map(\.0) == ["ad", "ada"])
    #expect(searches[1].1 > searches[0].1)
    desk.send(.customersFound(generation: searches[1].1, .success([StaffFixtures.adaMatch])))
    desk.send(
      .customersFound(generation: searches[0].1, .success([StaffFixtures.graceMatch])))
    #expect(desk.state.customerFinder.matches == [StaffFixtures.adaMatch])
    #expect(desk.text.contains("Ada Lovelace     +49 30 1234567  ada@example.com"))
    #expect(!desk.text.contains("Grace"))
    desk.press(.backspace, .backspace)
    #expect(desk.state.customerFinder.matches.isEmpty)
    desk.send(.customersFound(generation: searches[1].1, .success([StaffFixtures.adaMatch])))
    #expect(desk.state.customerFinder.matches.isEmpty, "an answer for older text is dropped")
  }

  @Test func enterUsesTheCustomersDetailsForTheOrder() {
    var desk = DeskDriver.signedIn()
    desk.startPhoneOrder(matches: [StaffFixtures.adaMatch, StaffFixtures.graceMatch])
    desk.press(.down, .down, .enter)
    #expect(desk.state.screen == .catalog)
    #expect(desk.state.details[.name].text == "Grace Hopper")
    #expect(desk.state.details.countryCode == "US")
    #expect(desk.state.details[.country].text == "United States")
    #expect(desk.state.cart.isEmpty)
  }

  @Test func rRepeatsTheLastOrderIntoTheCartInOneKey() {
    var desk = DeskDriver.signedIn()
    desk.startPhoneOrder(matches: [StaffFixtures.adaMatch])
    desk.press(.down, .character("r"))
    #expect(desk.state.screen == .cart)
    #expect(
      desk.state.cart.lines == [
        CartLine(sku: SKU("LUMEN-PHOTO")!, quantity: 2),
        CartLine(sku: SKU("INKWELL-STD")!, quantity: 1),
      ])
    #expect(desk.state.details[.email].text == "ada@example.com")
    #expect(desk.lastQuote?.0.country == "DE", "totals for the customer's country")
    #expect(desk.text.contains("Ada Lovelace's last order OD-3H5J7K9L is in the cart."))
  }

  @Test func aLastOrderWithLinesNoLongerSoldLeavesThemOut() {
    var desk = DeskDriver.signedIn()
    var match = StaffFixtures.adaMatch
    match.lastLines.append(CartLine(sku: SKU("GONE-PRODUCT")!, quantity: 1))
    desk.startPhoneOrder(matches: [match])
    desk.press(.down, .character("r"))
    #expect(desk.state.cart.lines.count == 2)
    #expect(desk.state.message?.text.contains("1 of its lines is no longer sold") == true)
  }

  @Test func f6AndNTakeANewCustomer() {
    var desk = DeskDriver.signedIn()
    desk.startPhoneOrder(matches: [StaffFixtures.adaMatch])
    desk.press(.function(6))
    #expect(desk.state.screen == .catalog && !desk.state.details.hasAnyInput)
    desk.press(.escape)
    #expect(desk.state.screen == .customerFinder)
    desk.press(.down, .character("n"))
    #expect(desk.state.screen == .catalog)
  }

  @Test func aCardNumberTypedIntoTheFinderIsNeverSent() {
    var desk = DeskDriver.signedIn()
    desk.type("1")
    desk.press(.enter)
    var recording = FrameRecording()
    recording.type("4242 4242 4242 4242", on: &desk)
    recording.type("4000000000000002", on: &desk)
    let sent = Self.customerSearches(&desk).map(\.0)
    #expect(!sent.contains { $0.filter(\.isNumber).count > 6 }, "\(sent.map(\.count))")
    #expect(desk.state.customerFinder.query.isEmpty)
    #expect(!recording.showsCardNumber)
    // A phone number is searched.
    desk.type("+49 30 1234567")
    #expect(Self.customerSearches(&desk).last?.0 == "+49 30 1234567")
  }

  @Test func hostileInputInTheFinder() {
    var desk = DeskDriver.signedIn()
    desk.type("1")
    desk.press(.enter)
    desk.type(String(repeating: "z", count: 10_000) + "\u{1B}[2J")
    #expect(desk.state.customerFinder.query.text.count == 100)
    let searches = Self.customerSearches(&desk)
    #expect(searches.count == 99, "one search per change, none once the field is full")
  }

  @Test func typingOnTheCatalogFindsBySKUOrNameAndF4PromptsWhatFits() {
    var desk = DeskDriver.signedIn()
    desk.type("1")
    desk.press(.enter, .function(6))
    desk.type("lumen")
    #expect(desk.state.visibleItems.map(\.sku.value) == ["LUMEN-PHOTO", "LUMEN-FILM-LOOKS"])
    desk.press(.control("u"))
    desk.type("harbor-backup-fam")
    #expect(desk.state.visibleItems.map(\.sku.value) == ["HARBOR-BACKUP-FAM-1Y"])
    desk.press(.control("u"))
    desk.type("inkwell")
    desk.press(.function(4))
    let prompt = desk.text
    #expect(prompt.contains("1  INKWELL-STD"))
    #expect(prompt.contains("6  INKWELL-PRO-BOX "))
    #expect(!prompt.contains("7  "))
    desk.press(.escape, .control("u"), .function(4))
    #expect(desk.text.contains("more: type more to narrow"))
    desk.press(.escape)
    desk.type("inkwell")
    desk.press(.function(4), .character("3"))
    #expect(desk.state.catalogView.prompt == nil)
    desk.press(.right, .enter)
    #expect(desk.state.cart.lines == [CartLine(sku: SKU("INKWELL-STUDIO")!, quantity: 2)])
    desk.press(.function(4), .up, .enter, .enter)
    #expect(desk.state.cart.quantity(of: SKU("INKWELL-PRO")!) == 1, "Enter picks too")
    desk.press(.escape)
    #expect(desk.state.catalogView.filter.isEmpty)
    desk.type("zzz")
    desk.press(.function(4))
    #expect(desk.state.catalogView.prompt == nil)
    #expect(desk.text.contains("Nothing fits “zzz”"))
  }

  @Test func theNoteGoesOnTheOrderWithItsSource() {
    var desk = DeskDriver.phoneOrderOnPayment(note: "Calls back about the invoice address.")
    #expect(desk.state.detailsFields.last == .note)
    desk.enterCard()
    desk.answerQuote()
    #expect(desk.text.contains("Source           Phone order"))
    #expect(desk.text.contains("Note             Calls back about the invoice address."))
    _ = desk.takeEffects()
    desk.press(.enter)
    let submission = desk.effect { effect -> OrderSubmission? in
      if case .submit(let submission) = effect { submission } else { nil }
    }
    #expect(submission?.source == .phone)
    #expect(submission?.note == "Calls back about the invoice address.")
    desk.send(.submitted(.success(.accepted(StaffFixtures.phoneRecord()))))
    let receipt = desk.text
    #expect(receipt.contains("Placed 2025-11-28, Phone order"))
    #expect(!receipt.contains("Phone order order"))
    #expect(receipt.contains("Note: Calls back about the invoice address."))
    // The next order of the same kind starts with the next caller.
    desk.press(.character("n"))
    #expect(desk.state.screen == .customerFinder && desk.state.source == .phone)
    #expect(desk.state.details[.note].isEmpty)
  }

  @Test func aCustomersOrderHasNoNoteAndSaysTerminalOrder() {
    var desk = DeskDriver()
    desk.goToDetails()
    #expect(!desk.state.detailsFields.contains(.note))
    var receipt = DeskDriver.showingReceipt()
    #expect(receipt.text.contains("Placed 2025-11-28, Terminal order"))
    receipt.press(.character("n"))
    #expect(receipt.state.screen == .catalog)
  }

  @Test func hostileInputInTheNote() {
    var desk = DeskDriver.signedIn()
    desk.type("1")
    desk.press(.enter, .function(6), .enter, .tab)
    desk.answerQuote()
    desk.press(.enter)
    desk.fillCustomer()
    var recording = FrameRecording()
    recording.type("card 4242 4242 4242 4242 was read out", on: &desk)
    #expect(desk.state.details[.note].text == "card  was read out")
    #expect(desk.state.message?.text == TextField.cardNumberRemoved)
    recording.type("５５５５５５５５５５５５４４４４", on: &desk)
    #expect(!recording.showsCardNumber)
    desk.press(.control("u"))
    desk.type("a\u{1B}[31mb\u{7}")
    #expect(desk.state.details[.note].text == "a[31mb")
    desk.type(String(repeating: "x", count: 10_000))
    #expect(desk.state.details[.note].text.count == DetailsForm.noteLength)
    #expect(desk.state.message?.text == "Note takes at most 500 characters.")
  }

  @Test func aCardReadBackAtAStaffDeskNamesTheMember() {
    var desk = DeskDriver.phoneOrderOnPayment()
    desk.type("4242424242424242")
    _ = desk.takeEffects()
    desk.press(.control("r"))
    let record = desk.effect { effect -> CardReadBackRecord? in
      if case .recordCardReadBack(let record, _) = effect { record } else { nil }
    }
    #expect(record?.staff == StaffFixtures.ana.member)
    var customer = DeskDriver()
    customer.goToPayment()
    customer.type("4242424242424242")
    _ = customer.takeEffects()
    customer.press(.control("r"))
    let customersRecord = customer.effect { effect -> CardReadBackRecord? in
      if case .recordCardReadBack(let record, _) = effect { record } else { nil }
    }
    #expect(customersRecord != nil && customersRecord?.staff == nil)
  }
}

extension DetailsForm {
  /// Whether any field holds text.
  var hasAnyInput: Bool { DetailsForm.Field.allCases.contains { !self[$0].isEmpty } }
}

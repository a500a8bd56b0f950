import DeskTheme
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import DeskUI

/// Signing in to the staff desk, the menu, and who is signed in beside the lock.
@Suite struct StaffSignInTests {
  static let ana = StaffFixtures.ana

  @Test func aStaffDeskStartsOnSignInAndTheCatalogIsNotReachable() {
    var desk = DeskDriver(mode: .staff)
    #expect(desk.state.screen == .signIn)
    #expect(desk.text.contains("Sign in to the staff desk"))
    for key in [Key.function(3), .function(9), .function(10), .escape, .character("c")] {
      desk.press(key)
      #expect(desk.state.screen == .signIn, "\(key)")
    }
    #expect(desk.takeEffects().isEmpty)
  }

  @Test func signingInSendsTheCredentialsOnceAndWipesThePassphraseAndCode() {
    var desk = DeskDriver(mode: .staff)
    desk.typeCredentials(name: " Ana ", Self.ana.passphrase, Self.ana.code)
    let sent = desk.effect { effect -> StaffCredentials? in
      if case .signIn(let credentials) = effect { credentials } else { nil }
    }
    #expect(sent == Self.ana.credentials, "the name is trimmed and lowercased")
    #expect(desk.state.signIn.passphrase.isEmpty && desk.state.signIn.code.isEmpty)
    #expect(desk.text.contains("Signing in…"))
    // Enter again while signing in sends nothing more.
    desk.press(.enter)
    #expect(desk.takeEffects().isEmpty)
    desk.send(.signedIn(.success(Self.ana.member)))
    #expect(desk.state.screen == .staffMenu)
    #expect(desk.state.staffMember == Self.ana.member)
    let bottom = desk.text.split(separator: "\n").last ?? ""
    #expect(bottom.hasSuffix("ana · supervisor  🔒 Secure · TLS 1.3"), "\(bottom)")
    let ascii = desk.screen(unicode: false).snapshot.split(separator: "\n").last ?? ""
    #expect(ascii.hasSuffix("ana - supervisor  [#] Secure - TLS 1.3"), "\(ascii)")
  }

  /// The passphrase is drawn as bullets, never as itself, in any frame while it is typed,
  /// sent, refused and typed again.
  @Test func thePassphraseIsInNoFrame() {
    var desk = DeskDriver(mode: .staff)
    var recording = FrameRecording()
    recording.type("ana", on: &desk)
    recording.press([.tab], on: &desk)
    recording.type(Self.ana.passphrase, on: &desk)
    #expect(desk.text.contains("[" + String(repeating: "•", count: Self.ana.passphrase.count)))
    recording.press([.tab], on: &desk)
    recording.type(Self.ana.code, on: &desk)
    recording.press([.enter], on: &desk)
    desk.send(.signedIn(.failure(DeskFailure("The name, passphrase or code is wrong."))))
    recording.keep(desk)
    recording.type(Self.ana.passphrase, on: &desk)
    recording.press([.function(1)], on: &desk)
    #expect(!recording.shows(Self.ana.passphrase))
    #expect(!recording.shows(Self.ana.code))
  }

  /// The check's twin: a frame that shows the passphrase, or seven characters of it in a
  /// row, is caught.
  @Test func thePassphraseCheckSeesAPlantedPassphrase() {
    var desk = DeskDriver(mode: .staff)
    var grid = desk.screen()
    grid.put(Self.ana.passphrase, row: 6, column: 18, slot: .field)
    #expect(FrameRecording.shows(Self.ana.passphrase, in: grid.snapshot))
    #expect(FrameRecording.shows("correct horse", in: "Passphrase [t horse]"))
    #expect(!FrameRecording.shows(Self.ana.passphrase, in: desk.text))
    desk.type("ana")
    #expect(!FrameRecording.shows(Self.ana.passphrase, in: desk.text))
  }

  @Test func aRefusalIsOneLineThatDoesNotSayWhichPartWasWrong() {
    var desk = DeskDriver(mode: .staff)
    desk.typeCredentials(name: "ana", "wrong", Self.ana.code)
    desk.send(.signedIn(.failure(DeskFailure("The name, passphrase or code is wrong."))))
    let lines = desk.text.split(separator: "\n")
    #expect(lines.filter { $0.contains("✗") }.count == 1)
    #expect(desk.text.contains("✗ The name, passphrase or code is wrong."))
    #expect(desk.state.signIn.focus == .passphrase)
    #expect(desk.state.signIn.name.text == "ana")
    #expect(desk.state.signIn.passphrase.isEmpty && desk.state.signIn.code.isEmpty)
    #expect(desk.state.staffMember == nil)
    // A long refusal stays on one line.
    desk.type("x")
    desk.press(.tab)
    desk.type(Self.ana.code)
    desk.press(.enter)
    desk.send(
      .signedIn(
        .failure(
          DeskFailure(
            "This account is locked after 5 failed sign-ins, until 10:42 UTC; a supervisor "
              + "can unlock it sooner from the service's staff console."))))
    let refused = desk.text.split(separator: "\n").filter { $0.contains("✗") }
    #expect(refused.count == 1 && refused[0].contains("locked after 5 failed sign-ins"))
  }

  @Test func theFormSaysWhatIsMissingBeforeSendingAnything() {
    var desk = DeskDriver(mode: .staff)
    desk.press(.enter, .enter, .enter)
    #expect(desk.text.contains("✗ Type your name."))
    desk.type("ana")
    desk.press(.tab)
    desk.type("pass")
    desk.press(.tab)
    desk.type("12a3x45")
    #expect(desk.state.signIn.code.text == "12345", "only digits go into the code")
    desk.press(.enter)
    #expect(desk.text.contains("The code is the 6 digits"))
    #expect(desk.state.signIn.focus == .code)
    #expect(desk.takeEffects().isEmpty)
  }

  @Test func hostileInputInTheSignInFieldsIsCutAndControlCharactersAreRefused() {
    var desk = DeskDriver(mode: .staff)
    desk.type(String(repeating: "n", count: 10_000))
    #expect(desk.state.signIn.name.text.count == 32)
    desk.type("\u{1B}[2J\u{7}")
    #expect(!desk.state.signIn.name.text.contains("\u{1B}"))
    desk.press(.tab)
    desk.type(String(repeating: "p", count: 10_000))
    #expect(desk.state.signIn.passphrase.count == 256)
    desk.type("\u{1B}\u{0}")
    #expect(desk.state.signIn.passphrase.count == 256)
    desk.press(.tab)
    desk.type(String(repeating: "7", count: 10_000))
    #expect(desk.state.signIn.code.text == "777777")
    #expect(desk.text.contains("[" + String(repeating: "•", count: 31) + " ]"))
    #expect(!desk.text.contains("ppppppp"))
  }

  @Test func aCardNumberTypedAsTheNameIsTakenOut() {
    var desk = DeskDriver(mode: .staff)
    var recording = FrameRecording()
    recording.type("4242 4242 4242 4242", on: &desk)
    #expect(desk.state.signIn.name.isEmpty)
    #expect(!recording.showsCardNumber)
    #expect(desk.state.message?.text == TextField.cardNumberRemoved)
  }

  @Test func f9OnACustomersCatalogOpensSignInAndEscGoesBack() {
    var desk = DeskDriver()
    desk.press(.function(9))
    #expect(desk.state.screen == .signIn)
    #expect(desk.text.contains("Esc Back"))
    desk.type("ana")
    desk.press(.tab)
    desk.type("half typed")
    desk.press(.escape)
    #expect(desk.state.screen == .catalog)
    #expect(desk.state.signIn.passphrase.isEmpty, "a passphrase is not left behind")
    // Signed in from a customer's desk, the staff menu; signing out goes back to the catalog.
    desk.press(.function(9))
    desk.signIn()
    #expect(desk.state.screen == .staffMenu)
    desk.type("9")
    desk.press(.enter)
    #expect(desk.state.screen == .catalog)
    #expect(desk.state.staffMember == nil)
  }

  @Test func theMenuTakesANumberAndEnter() {
    var desk = DeskDriver.signedIn()
    desk.type("7")
    desk.press(.enter)
    #expect(desk.text.contains("There is no option 7"))
    desk.type("x")
    #expect(desk.text.contains("Type the number of an option"))
    desk.type("4")
    desk.press(.enter)
    #expect(desk.state.screen == .orderSearch)
    desk.press(.escape)
    #expect(desk.state.screen == .staffMenu)
    for (number, source) in [("1", OrderSource.phone), ("2", .fax), ("3", .mail)] {
      desk.press(.function(10))
      desk.type(number)
      desk.press(.enter)
      #expect(desk.state.screen == .customerFinder)
      #expect(desk.state.source == source)
      #expect(desk.text.contains(source.displayName + ": find the customer"))
    }
  }

  @Test func aNewOrderOrSigningOutOverAnOrderInProgressAsksToBeTypedAgain() {
    var desk = DeskDriver.signedIn()
    desk.type("1")
    desk.press(.enter, .function(6), .enter)
    #expect(desk.state.cart.totalQuantity == 1)
    desk.press(.function(10))
    desk.type("2")
    desk.press(.enter)
    #expect(desk.state.screen == .staffMenu)
    #expect(desk.text.contains("Type 2 again"))
    desk.press(.escape)
    #expect(desk.state.screen == .catalog && desk.state.cart.totalQuantity == 1)
    desk.press(.function(10))
    desk.type("9")
    desk.press(.enter)
    #expect(desk.state.staffMember != nil)
    desk.type("9")
    desk.press(.enter)
    #expect(desk.takeEffects().contains { if case .signOut = $0 { true } else { false } })
    #expect(desk.state.screen == .signIn && desk.state.staffMember == nil)
    #expect(desk.state.cart.isEmpty, "nothing of the order is left for the next person")
    #expect(desk.state.source == .terminal)
  }
}

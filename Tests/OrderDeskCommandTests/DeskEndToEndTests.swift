import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing

/// The real `orderdesk` binary driven in tmux as a person would drive it.
///
/// Keys go in with `send-keys`, the screen comes back with `capture-pane`. Each test has its
/// own tmux server and its own data directory; the desk runs its embedded order service unless
/// a test points it at `orderdesk serve`.
@Suite(.serialized) struct DeskEndToEndTests {
  /// The card the simulated processor authorizes.
  static let goodCard = "4242424242424242"
  /// The card the simulated processor declines.
  static let declinedCard = "4000000000000002"

  /// Catalog, cart, details, the 4242 card, review, receipt; the full number is shown nowhere.
  @Test(.timeLimit(.minutes(2)))
  func anOrderGoesFromCatalogToReceipt() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }

    try await desk.fillCartAndDetails()
    try await desk.enterCard(Self.goodCard)
    try await desk.placeOrderLeavingNoTrace(of: Self.goodCard)
  }

  /// A whole order typed ahead in one burst waits at the review for one more Enter.
  ///
  /// The burst is typed as a phone operator types it: the catalog's choice, the cart, the
  /// details, the card, and the Enter meant for the review. Every key is kept and applied in
  /// order while the desk waits for the seal and the totals, except that Enter: typed before
  /// the review was on the screen, it does not place the order. One more Enter, pressed on the
  /// review as shown, does.
  @Test(.timeLimit(.minutes(2)))
  func anOrderTypedAheadInOneBurstWaitsAtTheReview() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }
    try await desk.session.waitFor("Inkwell Standard")
    try await desk.session.waitFor("🔒 Secure · TLS 1.3")

    try desk.session.press(
      "Enter", "c", "Enter",
      "Ada Lovelace", "Tab", "ada@example.com", "Tab", "Tab", "Germ", "Enter", "Enter",
      Self.goodCard, DeskUnderTest.expiry, "123", "Enter",
      "Enter")
    let review = try await desk.session.waitUntil("the review, saying the Enter did not count") {
      $0.contains("Step 5 of 5 · Review") && $0.contains(/Total +€58\.31/)
        && $0.contains("Not placed: that Enter was typed before the review")
    }
    #expect(review.contains("Customer         Ada Lovelace <ada@example.com>"), "\(review)")
    #expect(review.contains("Visa •••• 4242"), "\(review)")
    #expect(review.contains("Keys typed before this screen appeared do not."), "\(review)")
    // Still waiting a moment later: no order was placed behind the screen.
    try await Task.sleep(for: .milliseconds(500))
    let later = try desk.session.capture()
    #expect(later.contains("Step 5 of 5 · Review"), "\(later)")
    #expect(!later.contains("Submitting") && !later.contains("Receipt"), "\(later)")
    try desk.expectNoFullCardNumber(Self.goodCard, when: "the review waits")

    try await desk.placeOrderLeavingNoTrace(of: Self.goodCard)
  }

  /// A declined card brings the payment screen back, its card fields emptied and the
  /// customer's name offered again, and another card then goes through.
  @Test(.timeLimit(.minutes(2)))
  func aDeclinedCardCanBeCorrectedAndRetried() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }

    try await desk.fillCartAndDetails()
    try await desk.enterCard(Self.declinedCard)
    try desk.session.press("Enter")
    let declined = try await desk.session.waitFor("Payment declined")
    #expect(declined.contains("Step 4 of 5 · Payment"), "\(declined)")
    #expect(declined.contains("Ask for another card"), "the reason is missing:\n\(declined)")
    for field in ["Card number \\*", "Expiry \\*", "CVC \\*"] {
      let empty = try Regex("\(field)\\s+\\[ +\\]")
      #expect(declined.contains(empty), "\(field) is not empty after the decline:\n\(declined)")
    }
    #expect(declined.contains(/Name on card \* \[Ada Lovelace +\]/), "\(declined)")

    try await desk.enterCard(Self.goodCard)
    try await desk.placeOrderLeavingNoTrace(of: Self.goodCard, Self.declinedCard)
  }

  /// Too small a window hides the desk; the right size brings back every digit typed so far.
  @Test(.timeLimit(.minutes(2)))
  func aResizeDuringCardEntryLosesNothing() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }

    try await desk.fillCartAndDetails()
    try desk.session.type(String(Self.goodCard.prefix(8)))
    try await desk.session.waitFor("[•••• ••••")

    try desk.session.resize(columns: 50, rows: 15)
    let small = try await desk.session.waitFor("needs a terminal of at least 60x18")
    #expect(small.contains("this one is 50x15"), "\(small)")

    try desk.session.resize(columns: 80, rows: 24)
    let restored = try await desk.session.waitUntil("the payment screen again") {
      $0.contains("Step 4 of 5 · Payment") && $0.contains("[•••• ••••")
    }
    #expect(!restored.contains("needs a terminal"), "\(restored)")

    try desk.session.type(String(Self.goodCard.dropFirst(8)))
    try await desk.session.waitFor("•••• •••• •••• 4242")
    try await desk.enterCard(nil)
    try await desk.placeOrderLeavingNoTrace(of: Self.goodCard)
  }

  /// Ctrl-R shows the number for a moment (and the leak check sees it); then it is gone for good.
  @Test(.timeLimit(.minutes(2)))
  func aNumberShownWithCtrlRIsHiddenAgainAndLeavesNoTrace() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }

    try await desk.fillCartAndDetails()
    try desk.session.type(Self.goodCard)
    try await desk.session.waitFor("•••• •••• •••• 4242")
    try desk.session.press("C-r")
    let shown = try await desk.session.waitFor("4242 4242 4242 4242")
    // The leak check itself must see a number that is on the screen.
    #expect(DeskUnderTest.shows(Self.goodCard, in: shown), "\(shown)")
    let hidden = try await desk.session.waitFor("•••• •••• •••• 4242")
    #expect(!DeskUnderTest.shows(Self.goodCard, in: hidden), "\(hidden)")

    try await desk.enterCard(nil)
    try await desk.placeOrderLeavingNoTrace(of: Self.goodCard)
  }

  /// Ctrl-C with nothing to lose quits at once, with status 0.
  @Test(.timeLimit(.minutes(2)))
  func ctrlCWithNothingTypedQuitsAtOnce() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }

    try await desk.session.waitFor("Inkwell Standard")
    try desk.session.press("C-c")
    let exited = try await desk.session.waitFor("EXITED")
    #expect(exited.contains("EXITED 0"), "\(exited)")
    #expect(!exited.contains("Quit?"), "\(exited)")
  }

  /// Ctrl-C with a cart asks first: `n` and Esc stay with the cart intact, `y` quits.
  @Test(.timeLimit(.minutes(2)))
  func ctrlCAsksBeforeLosingTheCart() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }

    try await desk.session.waitFor("Inkwell Standard")
    try desk.session.press("Enter")
    try await desk.session.waitFor("Cart: 1 item")

    try desk.session.press("C-c")
    // The box's last line, so that a capture taken while the box is half drawn is not judged.
    let asked = try await desk.session.waitFor("y  quit     n, Esc  stay")
    #expect(asked.contains("Quit OrderDesk?"), "\(asked)")
    try desk.session.press("n")
    let stayed = try await desk.session.waitUntil("the quit box to close") { !$0.contains("Quit?") }
    #expect(stayed.contains("Cart: 1 item"), "\(stayed)")

    try desk.session.press("C-c")
    try await desk.session.waitFor("Quit?")
    try desk.session.press("Escape")
    let stayedAgain = try await desk.session.waitUntil("the quit box to close") {
      !$0.contains("Quit?")
    }
    #expect(stayedAgain.contains("Cart: 1 item"), "\(stayedAgain)")

    try desk.session.press("C-c")
    try await desk.session.waitFor("Quit?")
    try desk.session.press("y")
    let exited = try await desk.session.waitFor("EXITED")
    #expect(exited.contains("EXITED 0"), "\(exited)")
  }

  /// Against `orderdesk serve --insecure-http` the lock is open and no card can be typed.
  @Test(.timeLimit(.minutes(2)))
  func plainHTTPShowsTheOpenLockAndRefusesCardEntry() async throws {
    let directory = try DeskUnderTest.makeDataDirectory()
    defer { removeServiceDirectory(directory) }
    let service = try InsecureServeProcess.start(dataDirectory: directory)
    defer { service.stop() }
    let desk = try DeskUnderTest(server: service.url)
    defer { desk.stop() }

    try await desk.session.waitFor("Inkwell Standard")
    try await desk.session.waitFor("🔓 Not encrypted")
    try desk.session.press("F2")
    let details = try await desk.session.waitFor("Connection to the order service")
    #expect(details.contains("does not use TLS"), "\(details)")
    try desk.session.press("F2")
    try await desk.session.waitUntil("the connection box to close") {
      !$0.contains("Connection to the order service")
    }

    try await desk.fillCartAndDetails(lock: "🔓 Not encrypted")
    let payment = try await desk.session.waitFor("card entry is turned off")
    #expect(!payment.contains("Card number"), "\(payment)")

    try desk.session.type(Self.goodCard)
    let refused = try await desk.session.waitFor("Card entry is turned off until")
    #expect(!refused.contains("4242"), "\(refused)")
    #expect(!refused.contains("••••"), "\(refused)")
    // Enter must not move on; F2 after it shows the key was read before the screen is judged.
    try desk.session.press("Enter", "F2")
    let afterEnter = try await desk.session.waitFor("Connection to the order service")
    #expect(afterEnter.contains("Step 4 of 5 · Payment"), "\(afterEnter)")
    #expect(!afterEnter.contains("Step 5 of 5"), "\(afterEnter)")
    try desk.expectNoFullCardNumber(Self.goodCard, when: "card entry was refused")

    try desk.session.press("F2")
    try await desk.quit()
    try desk.expectNoFullCardNumber(Self.goodCard, when: "the desk has exited")
  }

  /// A service that is not there when the desk opens: the catalog cannot be loaded, and
  /// comes up by itself once the service answers, with no key pressed.
  @Test(.timeLimit(.minutes(2)))
  func theCatalogArrivesWhenTheServiceComesBack() async throws {
    let directory = try DeskUnderTest.makeDataDirectory()
    defer { removeServiceDirectory(directory) }
    let port = try FreePort.find()
    let desk = try DeskUnderTest(server: "http://127.0.0.1:\(port)")
    defer { desk.stop() }
    try await desk.session.waitFor("The catalog could not be loaded")
    try await desk.session.waitFor("Down")

    let service = try InsecureServeProcess.start(
      dataDirectory: directory, listen: "127.0.0.1:\(port)")
    defer { service.stop() }
    let back = try await desk.session.waitFor("Inkwell Standard", timeout: .seconds(30))
    #expect(back.contains("🔓 Not encrypted"), "\(back)")
    #expect(!back.contains("could not be loaded"), "\(back)")
    try await desk.quit()
  }

  /// The embedded service cannot start while its data directory is blocked by a file; the
  /// desk says so, keeps trying, and is secure with its catalog once the file is gone.
  @Test(.timeLimit(.minutes(2)))
  func theEmbeddedServiceStartsOnceItsDataDirectoryCanBeMade() async throws {
    let parent = try DeskUnderTest.makeDataDirectory()
    defer { try? FileManager.default.removeItem(atPath: parent) }
    let blocked = parent + "/data"
    #expect(FileManager.default.createFile(atPath: blocked, contents: Data("not a folder".utf8)))
    let desk = try DeskUnderTest(dataDirectory: blocked)
    defer { desk.stop() }
    // The message wraps wherever the temporary path puts its line breaks.
    let down = try await desk.session.waitUntil("the data folder's problem") {
      $0.replacingOccurrences(of: "\n ", with: " ").contains("\(blocked) is a file, not a folder")
    }
    #expect(down.contains("the data folder cannot be made"), "\(down)")
    #expect(!down.contains("NSCocoaErrorDomain"), "\(down)")
    #expect(down.contains("◌ Down"), "\(down)")

    try FileManager.default.removeItem(atPath: blocked)
    try await desk.session.waitFor("Inkwell Standard", timeout: .seconds(30))
    try await desk.session.waitFor("🔒 Secure · TLS 1.3")
    try await desk.quit()
  }

  /// A crash while the desk holds the terminal (here a SIGSEGV from outside) still gives the
  /// terminal back: the ordinary screen, typing echoed, lines edited; and says so.
  @Test(.timeLimit(.minutes(2)))
  func aCrashGivesTheTerminalBack() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }
    try await desk.fillCartAndDetails()
    #expect(try desk.session.paneValue("#{alternate_on}") == "1")
    #expect(try desk.session.terminalModes() == (lineEditing: false, echo: false))
    let program = try #require(try desk.session.programProcess())

    // What the runtime writes just before it traps, a fatalError's message, is not lost with
    // the alternate screen.
    try await Self.writeToStandardError(of: program, "Fatal error: the impossible happened\n")
    #expect(kill(program, SIGSEGV) == 0)
    let after = try await desk.session.waitFor("orderdesk stopped on a fatal error")
    #expect(try desk.session.paneValue("#{alternate_on}") == "0")
    #expect(try desk.session.terminalModes() == (lineEditing: true, echo: true))
    let message = after.range(of: "Fatal error: the impossible happened")
    let note = after.range(of: "orderdesk stopped on a fatal error")
    #expect(message != nil && message!.lowerBound < note!.lowerBound, "\(after)")
  }

  /// What reaches the desk's standard error while it runs (a library's warning) does not
  /// scribble over its screen; it is written out when the desk has given the terminal back.
  @Test(.timeLimit(.minutes(2)))
  func standardErrorWaitsUntilTheDeskIsDone() async throws {
    let desk = try DeskUnderTest()
    defer { desk.stop() }
    try await desk.session.waitFor("Inkwell Standard")
    let program = try #require(try desk.session.programProcess())

    try await Self.writeToStandardError(of: program, "warning: a library spoke up\n")
    try desk.session.press("j")
    try await desk.session.waitFor("▸ Inkwell Pro ")
    #expect(!(try desk.session.capture()).contains("a library spoke up"))
    try desk.session.press("C-c")
    let exited = try await desk.session.waitFor("EXITED")
    #expect(exited.contains("warning: a library spoke up\nEXITED 0"), "\(exited)")
  }

  /// Appends `text` to whatever the process `program` has as its standard error, the way a
  /// write of its own would land there, once the desk holds it (right after its first frame).
  static func writeToStandardError(of program: pid_t, _ text: String) async throws {
    let link = "/proc/\(program)/fd/2"
    let deadline = ContinuousClock.now + .seconds(10)
    while (try? FileManager.default.destinationOfSymbolicLink(atPath: link))?
      .contains("orderdesk-stderr") != true
    {
      try #require(ContinuousClock.now < deadline, "the desk never held its standard error")
      try await Task.sleep(for: .milliseconds(20))
    }
    let handle = try #require(FileHandle(forWritingAtPath: link))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
  }

  /// In the C locale the desk draws in ASCII, the lock as `[#]`.
  @Test(.timeLimit(.minutes(2)))
  func anASCIILocaleShowsTheLockInASCII() async throws {
    let desk = try DeskUnderTest(locale: "C")
    defer { desk.stop() }

    try await desk.session.waitFor("Inkwell Standard")
    let screen = try await desk.session.waitFor("[#] Secure - TLS 1.3")
    let foreign = screen.filter { !$0.isASCII }
    #expect(foreign.isEmpty, "characters beyond ASCII on the screen: \(foreign)\n\(screen)")
    try await desk.quit()
  }
}

/// One `orderdesk` desk in its own tmux session, with its own data directory.
struct DeskUnderTest {
  let session: TmuxSession
  /// The embedded service's data directory (removed by ``stop()``).
  let dataDirectory: String

  /// Opens the desk (80×24) on its embedded service, or on `server` when given, with
  /// `locale` as `LANG` and `LC_ALL`; its data goes to `dataDirectory`, or a new directory.
  init(
    server: String? = nil, pin: String? = nil, locale: String = "C.UTF-8",
    dataDirectory: String? = nil, options: [String] = []
  ) throws {
    let binary = OrderDeskProcess.binary.path
    try #require(
      FileManager.default.isExecutableFile(atPath: binary),
      "no orderdesk binary at \(binary); build it first: swift build --product orderdesk")
    self.dataDirectory = try dataDirectory ?? Self.makeDataDirectory()
    var arguments = [binary, "--data-dir", self.dataDirectory]
    if let server { arguments += ["--server", server] }
    if let pin { arguments += ["--pin", pin] }
    arguments += options
    let environment = ["LANG=\(locale)", "LC_ALL=\(locale)", "TERM=xterm-256color"]
    do {
      session = try TmuxSession(command: ["/usr/bin/env"] + environment + arguments)
    } catch {
      removeServiceDirectory(self.dataDirectory)
      throw error
    }
  }

  /// A new, empty directory in the temporary directory.
  static func makeDataDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-e2e-\(UUID().uuidString)").path
    // Data directories other users may read are refused.
    try PrivateFiles.createDirectory(path)
    return path
  }

  /// Stops tmux and the desk, and removes the data directory.
  func stop() {
    session.kill()
    removeServiceDirectory(dataDirectory)
  }

  /// The expiry typed for every card: December, three years from now (`MMYY`).
  static var expiry: String {
    let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 3
    return "12" + String(format: "%02d", year % 100)
  }

  /// From the catalog to the payment screen: one Inkwell Standard, Ada Lovelace in Germany.
  func fillCartAndDetails(lock: String = "🔒 Secure · TLS 1.3") async throws {
    try await session.waitFor("Step 1 of 5 · Catalog")
    try await session.waitFor("Inkwell Standard")
    try await session.waitFor(lock)
    try session.press("Enter")
    try await session.waitFor("Cart: 1 item")
    try session.press("c")
    try await session.waitFor("Step 2 of 5 · Cart")
    try await session.waitFor("Total")
    try session.press("Enter")
    try await session.waitFor("Step 3 of 5 · Details")

    try session.type("Ada Lovelace")
    try session.press("Tab")
    try session.type("ada@example.com")
    try session.press("Tab", "Tab")
    try session.type("Germ")
    try await session.waitFor("Germany (DE)")
    try session.press("Enter")
    try await session.waitUntil("Germany to be chosen") {
      $0.contains("[Germany ") && !$0.contains("Germany (DE)")
    }
    try session.press("Enter")
    try await session.waitFor("Step 4 of 5 · Payment")
  }

  /// Types a card on the payment screen (`number`, or none when it is already typed), its
  /// expiry and CVC, checks that the name on it is the customer's, and presses Enter; waits
  /// for the review with its totals, when its Enter places the order.
  func enterCard(_ number: String?) async throws {
    if let number {
      try session.type(number)
      try await session.waitFor("•••• •••• •••• \(number.suffix(4))")
    }
    try session.type(Self.expiry)
    try await session.waitFor("\(Self.expiry.prefix(2))/\(Self.expiry.suffix(2))")
    try session.type("123")
    try await session.waitUntil("the customer's name on the card") {
      $0.contains(/Name on card \* \[Ada Lovelace +\]/)
    }
    try session.press("Enter")
    let last4 = String((number ?? DeskEndToEndTests.goodCard).suffix(4))
    try await session.waitUntil("the review with Visa •••• \(last4) and its total") {
      $0.contains("Step 5 of 5 · Review") && $0.contains("Visa •••• \(last4)")
        && $0.contains(/Total +€/)
    }
  }

  /// Places the order, then checks that no card in `cards` is anywhere at the receipt or after
  /// quitting.
  func placeOrderLeavingNoTrace(of cards: String...) async throws {
    try await placeOrderAndExpectReceipt()
    for card in cards { try expectNoFullCardNumber(card, when: "the receipt is shown") }
    try await quit()
    for card in cards { try expectNoFullCardNumber(card, when: "the desk has exited") }
  }

  /// Presses Enter on the review and checks the receipt.
  func placeOrderAndExpectReceipt() async throws {
    try session.press("Enter")
    // Its last line, not its title: a capture may catch the frame half drawn.
    let receipt = try await session.waitUntil("the whole receipt") {
      $0.contains("Done · Receipt") && $0.contains("Find this order again")
    }
    #expect(
      receipt.contains(/✓ Order OD-[0-9A-Z]{8} · fulfilled · payment authorized/), "\(receipt)")
    #expect(receipt.contains("Licence key:"), "\(receipt)")
    #expect(receipt.contains("Download:"), "\(receipt)")
  }

  /// Ctrl-C, and `y` if the desk asks; waits for the desk to exit with status 0.
  func quit() async throws {
    try session.press("C-c")
    let screen = try await session.waitUntil("the quit box or the exit") {
      $0.contains("Quit?") || $0.contains("EXITED")
    }
    if screen.contains("Quit?") { try session.press("y") }
    let exited = try await session.waitFor("EXITED")
    #expect(exited.contains("EXITED 0"), "\(exited)")
  }

  /// Checks the visible pane, its scrollback (plain and with escapes) and its alternate
  /// screen for `number`, however it is spaced, dashed, coloured or wrapped.
  func expectNoFullCardNumber(_ number: String, when moment: String) throws {
    let captures = [
      ("the pane", try session.capture()),
      ("the scrollback", try session.capture(scrollback: true)),
      ("the scrollback with escapes", try session.capture(scrollback: true, escapes: true)),
      ("the alternate screen", try session.captureAlternateScreen()),
    ]
    for (name, text) in captures {
      #expect(
        !Self.shows(number, in: text),
        "the full card number is in \(name) when \(moment):\n\(text)")
    }
  }

  /// Whether `text` holds `number`: on one line with anything but digits between its digits,
  /// or across lines with spaces, dashes and terminal escapes left out.
  static func shows(_ number: String, in text: String) -> Bool {
    let plain = text.replacing(/\u{1B}\[[0-9;:?<=>]*[ -\/]*[@-~]/, with: "")
      .replacing(/\u{1B}\][^\u{07}\u{1B}]*(\u{07}|\u{1B}\\)/, with: "")
    let lines = plain.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.contains(where: { $0.filter(\.isASCIIDigit).contains(number) }) { return true }
    return lines.map { $0.filter { $0 != " " && $0 != "-" } }.joined().contains(number)
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A loopback TCP port nothing listens on: bound to port 0, read back, and let go.
private enum FreePort {
  static func find() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
      }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

/// `orderdesk serve --insecure-http` on a free loopback port.
private struct InsecureServeProcess {
  let process: Process
  /// `http://127.0.0.1:PORT`.
  let url: String

  static func start(
    dataDirectory: String, listen: String = "127.0.0.1:0"
  ) throws -> InsecureServeProcess {
    let process = Process()
    process.executableURL = OrderDeskProcess.binary
    process.arguments = [
      "serve", "--listen", listen, "--data-dir", dataDirectory, "--insecure-http",
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    var text = ""
    let deadline = Date().addingTimeInterval(30)
    while text.firstMatch(of: /listening on 127\.0\.0\.1:\d+/) == nil, Date() < deadline {
      let chunk = errors.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    guard let port = text.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/)?.1 else {
      Foundation.kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw ServeProcessError(output: text)
    }
    // Keep draining stderr so the service never blocks on a full pipe.
    errors.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
    return InsecureServeProcess(process: process, url: "http://127.0.0.1:\(port)")
  }

  func stop() {
    Foundation.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

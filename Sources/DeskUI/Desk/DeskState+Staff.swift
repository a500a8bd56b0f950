import OrderCore

extension DeskState {
  /// How long a desk with a member of staff signed in waits for a key before it locks.
  public static let standardIdleLock = Duration.seconds(15 * 60)

  /// Whether the desk is locked: only the signed-in member's passphrase and code open it.
  public var isLocked: Bool { lockScreen != nil }

  /// Whether the runtime should tell the desk when no key came for a while: on a staff desk,
  /// or while a member of staff is signed in.
  public var watchesIdleness: Bool { mode == .staff || staffMember != nil }

  /// Whether the order is typed in by staff from a call, a fax or a letter, and takes a note.
  var takesNote: Bool { staffMember != nil && source != .terminal }

  /// Staff's note on the order, as it is sent; empty when none.
  var orderNote: String { takesNote ? details[.note].text.trimmed : "" }

  /// Whether an order has been started and not placed.
  var orderInProgress: Bool {
    receipt == nil && (!cart.isEmpty || details.hasInput || payment.hasInput)
  }

  /// Applies an event of the staff desk: the idle time, or the answer to a staff request.
  mutating func applyStaff(_ event: DeskEvent) -> [DeskEffect] {
    switch event {
    case .idle:
      return becameIdle()
    case .signedIn(let result):
      return signedIn(result)
    case .sessionLocked(.failure(let failure)) where failure.kind == .sessionEnded:
      // The service ended the session meanwhile; the lock screen stays until unlocking
      // finds that out and asks to sign in again.
      return []
    case .signedOut, .sessionLocked:
      return []
    case .sessionUnlocked(let result):
      return unlocked(result)
    case .ordersFound(let generation, let result):
      orderSearch.found(generation: generation, result)
      return endedSession(result)
    case .orderPageLoaded(let generation, let result):
      orderPage.loaded(generation: generation, result, layout)
      return endedSession(result)
    case .customersFound(let generation, let result):
      customerFinder.found(generation: generation, result)
      return endedSession(result)
    case .refunded(let generation, let result):
      return refunded(generation: generation, result)
    default:
      return []
    }
  }

  /// Handles the keys the staff desk takes before any screen.
  ///
  /// That is every key while it is locked (but help and the lock's details), F10 for the
  /// menu, F3 for the order search, and F9 on a customer's catalog to sign in. Returns `nil`
  /// for a key it leaves to the rest of the desk.
  mutating func handleStaffKey(_ key: Key) -> [DeskEffect]? {
    if var lock = lockScreen {
      switch key {
      case .function(1):
        overlay = .help
        helpScroll = 0
        return []
      case .function(2):
        overlay = .channelDetails
        return [.probeChannel]
      default:
        let outcome = lock.update(key, context)
        lockScreen = lock
        return follow(outcome)
      }
    }
    guard staffMember != nil else {
      guard key == .function(9), screen == .catalog, mode == .customer else { return nil }
      signIn = SignInScreen(returningTo: .catalog)
      screen = .signIn
      message = nil
      return []
    }
    guard screen != .submitting else { return nil }
    switch key {
    case .function(10): return followStaff(.openStaffMenu)
    case .function(3): return followStaff(.openOrderSearch)
    default: return nil
    }
  }

  /// Does what a staff screen asked for.
  mutating func followStaff(_ request: ScreenOutcome.Request) -> [DeskEffect] {
    switch request {
    case .startStaffOrder(let chosen):
      source = chosen
      startNewOrder()
      openCustomerFinder()
      return []
    case .openOrderSearch:
      if screen != .orderSearch {
        orderSearch.open(
          returningTo: screen == .orderPage || screen == .refund ? .staffMenu : screen)
      }
      screen = .orderSearch
      message = nil
      return []
    case .openOrderPage(let number):
      screen = .orderPage
      message = nil
      return [orderPage.open(number)]
    case .openRefund:
      guard let page = orderPage.page, staffMember?.role.mayRefund == true else {
        return say("Refunds need a supervisor.", .warning)
      }
      refundForm.open(page)
      screen = .refund
      message = nil
      return []
    case .openStaffMenu:
      let from: Screen? = screen == .staffMenu ? staffMenu.returnScreen : screen
      staffMenu.open(returningTo: from)
      screen = .staffMenu
      message = nil
      return []
    case .signOut:
      return signOut()
    case .useCustomer(let customer):
      details.fill(with: customer)
      catalogView = CatalogScreen()
      screen = .catalog
      message = nil
      return say("\(customer.name)'s details are on the details step. Choose the products.")
    case .repeatOrder(let match):
      return repeatOrder(match)
    case .newCustomer:
      details = DetailsForm()
      catalogView = CatalogScreen()
      screen = .catalog
      message = nil
      return []
    default:
      return []
    }
  }

  /// Opens the customer finder for a new phone, fax or mail order.
  mutating func openCustomerFinder() {
    customerFinder.reset()
    screen = .customerFinder
    message = nil
  }

  // MARK: - Signing in and out

  private mutating func signedIn(_ result: Result<StaffMember, DeskFailure>) -> [DeskEffect] {
    guard screen == .signIn, signIn.isSigningIn else { return [] }
    signIn.answered(result)
    guard case .success(let member) = result else { return [] }
    staffMember = member
    message = nil
    if let resume = resumeAfterSignIn, resume.name == member.name {
      // The same member, back after their session ended: where they were, with their work.
      screen = resume.screen
    } else {
      if resumeAfterSignIn != nil { clearWork() }
      staffMenu.open(returningTo: nil)
      screen = .staffMenu
    }
    resumeAfterSignIn = nil
    return say("Signed in as \(member.name), \(member.role.rawValue).", .success)
  }

  /// Signs out: nothing of the member's work is left for the next person at the desk.
  private mutating func signOut() -> [DeskEffect] {
    clearWork()
    staffMember = nil
    lockScreen = nil
    resumeAfterSignIn = nil
    signIn = SignInScreen(returningTo: mode == .customer ? .catalog : nil)
    screen = mode == .staff ? .signIn : .catalog
    message = nil
    return [.signOut] + say("Signed out.")
  }

  /// Empties the order, the searches and the pages.
  private mutating func clearWork() {
    source = initialSource
    startNewOrder()
    payment.decline = nil
    customerFinder.reset()
    orderSearch.reset()
    orderPage.reset()
    refundForm.reset()
  }

  /// The service ended the session (it expired or was ended elsewhere): the member signs in
  /// again, and comes back to where they were; anyone else starts afresh.
  private mutating func endedSession<Success>(
    _ result: Result<Success, DeskFailure>
  ) -> [DeskEffect] {
    guard case .failure(let failure) = result, failure.kind == .sessionEnded,
      let member = staffMember
    else { return [] }
    payment.wipeTypedCard()
    resumeAfterSignIn = (member.name, screen == .signIn ? .staffMenu : screen)
    staffMember = nil
    lockScreen = nil
    overlay = nil
    signIn = SignInScreen()
    signIn.error = "Your session ended: \(failure.message) Sign in again to go on."
    screen = .signIn
    message = nil
    return []
  }

  // MARK: - The idle lock

  /// No key for the idle time: a signed-in desk locks, hiding everything and wiping a card
  /// half typed; the service is told.
  private mutating func becameIdle() -> [DeskEffect] {
    if var lock = lockScreen {
      // Still locked: a passphrase left half typed on the lock screen goes too.
      if !lock.isUnlocking { lock.credentials.wipe() }
      lockScreen = lock
      return []
    }
    guard let member = staffMember else {
      // Nobody to lock for; a passphrase left half typed is wiped all the same.
      if !signIn.isSigningIn { signIn.wipeSecrets() }
      return []
    }
    payment.wipeTypedCard()
    overlay = nil
    message = nil
    lockScreen = LockScreen(member: member)
    return [.lockSession]
  }

  private mutating func unlocked(_ result: Result<StaffMember, DeskFailure>) -> [DeskEffect] {
    guard var lock = lockScreen, lock.isUnlocking else { return [] }
    switch result {
    case .success(let member) where member.name == lock.member.name:
      lockScreen = nil
      staffMember = member
      // A message that came in while the desk was locked is read first.
      return message == nil ? say("Unlocked. Welcome back, \(member.name).", .success) : []
    case .success:
      lock.refused("Only \(lock.member.name) can unlock this desk.")
      lockScreen = lock
      return []
    case .failure(let failure) where failure.kind == .sessionEnded:
      lock.isUnlocking = false
      lockScreen = lock
      return endedSession(result)
    case .failure(let failure):
      lock.refused(failure.message)
      lockScreen = lock
      return []
    }
  }

  // MARK: - Orders for returning customers

  /// Puts the customer's last order in the cart with their details, and shows the cart.
  private mutating func repeatOrder(_ match: CustomerMatch) -> [DeskEffect] {
    guard let catalog else {
      return say("The catalog has not arrived yet; try again in a moment.", .warning)
    }
    details.fill(with: match.customer)
    var repeated = Cart()
    var skipped = 0
    for line in match.lastLines {
      guard catalog.item(for: line.sku)?.price(in: currency) != nil,
        (try? repeated.add(line.sku, quantity: line.quantity)) != nil
      else {
        skipped += 1
        continue
      }
    }
    cart = repeated
    catalogView = CatalogScreen()
    cartView = CartScreen()
    guard !cart.isEmpty else {
      screen = .catalog
      message = nil
      return say(
        "Nothing of \(match.lastOrder) can be ordered again; choose the products.", .warning)
    }
    screen = .cart
    message = nil
    let note =
      skipped == 0
      ? ""
      : skipped == 1
        ? " 1 of its lines is no longer sold and was left out."
        : " \(skipped) of its lines are no longer sold and were left out."
    return requestQuote()
      + say(
        "\(match.customer.name)'s last order \(match.lastOrder) is in the cart.\(note)",
        skipped > 0 ? .warning : .success)
  }

  // MARK: - Refunds

  private mutating func refunded(
    generation: Int, _ result: Result<RefundReceipt, DeskFailure>
  ) -> [DeskEffect] {
    guard refundForm.answered(generation: generation, result) else { return [] }
    switch result {
    case .success(let receipt):
      var effects: [DeskEffect] = []
      if let number = orderPage.number { effects.append(orderPage.open(number)) }
      if screen == .refund { screen = .orderPage }
      return effects
        + say(
          "Refunded \(receipt.amount.formatted()) of \(receipt.order.number); payment "
            + "\(receipt.order.payment.displayName).", .success)
    case .failure(let failure) where failure.kind == .sessionEnded:
      return endedSession(result)
    case .failure:
      return []
    }
  }
}

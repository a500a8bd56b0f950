import OrderClient
import OrderCore

/// The desk's channel as the executable wires it: the connection (and, by default, the
/// embedded service and its vault) is opened on first use, and an opening that failed is
/// tried again on the next call, which the desk's probe makes while the service is away.
///
/// Its security stream carries the opened channel's changes, and says the channel is down,
/// with the reason, while no connection could be opened.
actor LazyOrderChannel: OrderChannel {
  private let settings: DeskConnectionSettings
  private var opening: Task<DeskConnection, Error>?
  private var forwarding: Task<Void, Never>?
  nonisolated let securityChanges: AsyncStream<ChannelSecurity>
  private let securityContinuation: AsyncStream<ChannelSecurity>.Continuation
  private var lastPublished: ChannelSecurity?

  init(settings: DeskConnectionSettings) {
    self.settings = settings
    (securityChanges, securityContinuation) = AsyncStream.makeStream(
      bufferingPolicy: .bufferingNewest(1))
  }

  /// The channel to the order service, opened (with the embedded service started) on first
  /// use.
  private func opened() async throws -> HTTPSOrderChannel {
    let task: Task<DeskConnection, Error>
    if let opening {
      task = opening
    } else {
      let settings = settings
      task = Task { try await DeskConnection.open(settings) }
      opening = task
    }
    do {
      let channel = try await task.value.channel
      follow(channel)
      return channel
    } catch {
      if opening == task { opening = nil }
      publish(.down(reason: "The order service could not be started or reached: \(error)"))
      throw DeskProblem("The order service could not be started or reached: \(error)")
    }
  }

  private func follow(_ channel: HTTPSOrderChannel) {
    guard forwarding == nil else { return }
    forwarding = Task { [weak self] in
      for await security in channel.securityChanges {
        await self?.publish(security)
      }
    }
  }

  private func publish(_ security: ChannelSecurity) {
    guard security != lastPublished else { return }
    lastPublished = security
    securityContinuation.yield(security)
  }

  func probe() async -> ChannelSecurity {
    do {
      return try await opened().probe()
    } catch {
      return .down(reason: "\(error)")
    }
  }

  func catalog() async throws -> Catalog {
    try await opened().catalog()
  }

  func quote(_ request: QuoteRequest) async throws -> Quote {
    try await opened().quote(request)
  }

  func sealCard(
    _ card: CardEntry, idempotencyKey: IdempotencyKey, currentMonth: YearMonth
  ) async throws -> SealedCard {
    try await opened().sealCard(card, idempotencyKey: idempotencyKey, currentMonth: currentMonth)
  }

  func submit(
    _ submission: OrderSubmission, whenSent: (@Sendable () -> Void)?
  ) async throws -> SubmitOutcome {
    try await opened().submit(submission, whenSent: whenSent)
  }

  func lookUp(number: OrderNumber, email: String) async throws -> OrderRecord? {
    try await opened().lookUp(number: number, email: email)
  }

  /// Closes the connection and stops the embedded service and its vault.
  func close() async {
    forwarding?.cancel()
    guard let opening, let connection = try? await opening.value else { return }
    await connection.close()
  }
}

extension LazyOrderChannel: StaffChannel {
  func signIn(_ credentials: StaffCredentials) async throws -> StaffMember {
    try await opened().signIn(credentials)
  }

  func signOut() async {
    guard let opening, let connection = try? await opening.value else { return }
    await connection.channel.signOut()
  }

  func lockSession() async throws {
    try await opened().lockSession()
  }

  func unlockSession(_ credentials: StaffCredentials) async throws -> StaffMember {
    try await opened().unlockSession(credentials)
  }

  func searchOrders(_ search: OrderSearch) async throws -> [StaffOrderView] {
    try await opened().searchOrders(search)
  }

  func orderPage(_ number: OrderNumber) async throws -> OrderPage? {
    try await opened().orderPage(number)
  }

  func findCustomers(_ text: String) async throws -> [CustomerMatch] {
    try await opened().findCustomers(text)
  }

  func refund(
    _ number: OrderNumber, _ refund: StaffRefund, idempotencyKey: IdempotencyKey
  ) async throws -> RefundReceipt {
    try await opened().refund(number, refund, idempotencyKey: idempotencyKey)
  }

  func recordCardRevealed() async throws {
    try await opened().recordCardRevealed()
  }
}

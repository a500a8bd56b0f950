import VaultAPI

/// How many cards and declines the vault allows per client address, email and card within a
/// window, before it refuses further attempts without asking the processor.
///
/// Someone testing stolen numbers posts many cards from one place, or one card many times;
/// an honest customer tries one or two cards and is declined once or twice. Counts are kept
/// in the vault's database, so a restart does not reset them.
public struct VelocityLimits: Sendable, Hashable {
  /// The length of the window, in seconds, in which attempts are counted.
  public var window: Int64
  /// How many different cards one client address may try in the window.
  public var cardsPerAddress: Int
  /// How many different cards may be tried for one email address in the window.
  public var cardsPerEmail: Int
  /// How many declines one client address may be given in the window.
  public var declinesPerAddress: Int
  /// How many declines may be given for one email address in the window.
  public var declinesPerEmail: Int
  /// How many declines one card may be given in the window.
  public var declinesPerCard: Int

  public init(
    window: Int64, cardsPerAddress: Int, cardsPerEmail: Int, declinesPerAddress: Int,
    declinesPerEmail: Int, declinesPerCard: Int
  ) {
    self.window = window
    self.cardsPerAddress = cardsPerAddress
    self.cardsPerEmail = cardsPerEmail
    self.declinesPerAddress = declinesPerAddress
    self.declinesPerEmail = declinesPerEmail
    self.declinesPerCard = declinesPerCard
  }

  /// An hour; ten cards and ten declines per address, five of each per email, five declines
  /// per card: room for a household or an office behind one address, none for a list of
  /// numbers.
  public static let standard = VelocityLimits(
    window: 3600, cardsPerAddress: 10, cardsPerEmail: 5, declinesPerAddress: 10,
    declinesPerEmail: 5, declinesPerCard: 5)

  /// No limit at all: `orderdesk vault --no-attempt-limits` (for benchmarks), and tests that
  /// show what the limits prevent.
  public static let unlimited = VelocityLimits(
    window: 3600, cardsPerAddress: .max, cardsPerEmail: .max, declinesPerAddress: .max,
    declinesPerEmail: .max, declinesPerCard: .max)

  /// Whether no limit applies: then an attempt needs no check before the processor, and is
  /// recorded with its outcome in the same transaction as the answer.
  public var areLifted: Bool {
    [cardsPerAddress, cardsPerEmail, declinesPerAddress, declinesPerEmail, declinesPerCard]
      .allSatisfy { $0 == .max }
  }
}

/// The limits for each kind of actor that enters cards.
///
/// Customers are limited per address, email and card. Signed-in staff taking phone orders
/// type many customers' cards from one desk, so their limits are counted per member of staff
/// (the "address" the service sends for them is the member's name), with room for a busy
/// shift.
public struct VelocityPolicy: Sendable, Hashable {
  public var customer: VelocityLimits
  public var staff: VelocityLimits

  public init(customer: VelocityLimits, staff: VelocityLimits = .staffStandard) {
    self.customer = customer
    self.staff = staff
  }

  /// The product's defaults.
  public static let standard = VelocityPolicy(customer: .standard)

  /// The limits that apply to `actor`.
  public func limits(for actor: AuthorizationActor) -> VelocityLimits {
    switch actor {
    case .customer: customer
    case .staff: staff
    }
  }
}

extension VelocityLimits {
  /// An hour; 120 cards and 30 declines per member of staff (a phone line's busy hour), and
  /// per email and card the customer's own limits.
  public static let staffStandard = VelocityLimits(
    window: 3600, cardsPerAddress: 120, cardsPerEmail: 5, declinesPerAddress: 30,
    declinesPerEmail: 5, declinesPerCard: 5)
}

/// Who is paying, as far as the attempt limits are concerned.
public struct Payer: Sendable, Hashable {
  /// The client's address as the order service saw its TCP peer, if it said.
  public var clientAddress: String?
  /// The customer's email address, if the service passed it.
  public var email: String?
  public var actor: AuthorizationActor

  public init(
    clientAddress: String? = nil, email: String? = nil, actor: AuthorizationActor = .customer
  ) {
    self.clientAddress = clientAddress
    self.email = email
    self.actor = actor
  }

  /// The payer an authorization request names.
  public init(_ request: CardAuthorization) {
    self.init(clientAddress: request.clientAddress, email: request.email, actor: request.actor)
  }

  /// Nobody in particular: only the card is counted.
  public static let unknown = Payer()
}

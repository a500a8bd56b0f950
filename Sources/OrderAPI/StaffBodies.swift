import OrderCore

/// The body of `POST /v1/orders/{number}/refunds`: the amount or lines to refund, and why.
public typealias RefundOrderRequest = StaffRefund

/// The body of `201 Created` for a refund.
public struct RefundResponse: Sendable, Hashable, Codable {
  public var refund: RefundRecord
  /// The order as it stands after the refund.
  public var order: OrderRecord

  public init(refund: RefundRecord, order: OrderRecord) {
    self.refund = refund
    self.order = order
  }
}

/// One refund as the processor confirmed it.
public struct RefundRecord: Sendable, Hashable, Codable {
  public var id: String
  public var amount: Money
  public var reason: RefundReason
  public var note: String
  public var lines: [RefundLine]

  public init(
    id: String, amount: Money, reason: RefundReason, note: String, lines: [RefundLine] = []
  ) {
    self.id = id
    self.amount = amount
    self.reason = reason
    self.note = note
    self.lines = lines
  }
}

/// The body of `GET /v1/orders?q=`: what support staff see of each order found.
public struct OrderSearchResponse: Sendable, Hashable, Codable {
  public var orders: [StaffOrderView]

  public init(orders: [StaffOrderView]) { self.orders = orders }
}

/// The body of `POST /v1/staff/sessions`: who signs in, with what.
public struct SignInRequest: Sendable, Hashable, Codable, CustomStringConvertible {
  public var name: String
  public var passphrase: String
  public var code: String

  public init(name: String, passphrase: String, code: String) {
    self.name = name
    self.passphrase = passphrase
    self.code = code
  }

  public init(_ credentials: StaffCredentials) {
    self.init(name: credentials.name, passphrase: credentials.passphrase, code: credentials.code)
  }

  public var credentials: StaffCredentials {
    StaffCredentials(name: name, passphrase: passphrase, code: code)
  }

  public var description: String { "SignInRequest(name: \(name), passphrase: •••, code: •••)" }
}

/// The body of `201 Created` for a sign-in: the session's token and who it is for.
public struct SignInResponse: Sendable, Hashable, Codable {
  public var member: StaffMember
  /// Sent as `Authorization: Bearer <token>` on every staff call.
  public var token: String
  /// When the session ends at the latest, as seconds since 1970 (UTC); it ends earlier after
  /// 30 minutes unused.
  public var expiresAt: Int64

  public init(member: StaffMember, token: String, expiresAt: Int64) {
    self.member = member
    self.token = token
    self.expiresAt = expiresAt
  }
}

/// The body of `POST /v1/staff/sessions/current/unlock`: the same person's passphrase and code.
public struct UnlockRequest: Sendable, Hashable, Codable, CustomStringConvertible {
  public var passphrase: String
  public var code: String

  public init(passphrase: String, code: String) {
    self.passphrase = passphrase
    self.code = code
  }

  public var description: String { "UnlockRequest(passphrase: •••, code: •••)" }
}

/// The body of `200 OK` for an unlock: who the session is for.
public struct MemberResponse: Sendable, Hashable, Codable {
  public var member: StaffMember

  public init(member: StaffMember) { self.member = member }
}

/// The body of `GET /v1/staff/orders/{number}`.
public struct OrderPageResponse: Sendable, Hashable, Codable {
  public var page: OrderPage

  public init(page: OrderPage) { self.page = page }
}

/// The body of `GET /v1/staff/customers?q=`.
public struct CustomersResponse: Sendable, Hashable, Codable {
  public var customers: [CustomerMatch]

  public init(customers: [CustomerMatch]) { self.customers = customers }
}

/// The body of `POST /v1/staff/audit-events`: something the desk did that must be on record.
public struct DeskAuditEvent: Sendable, Hashable, Codable {
  /// What happened; only `card-revealed` (a typed card number shown back) today.
  public var action: String

  public init(action: String) { self.action = action }

  public static let cardRevealed = "card-revealed"
}

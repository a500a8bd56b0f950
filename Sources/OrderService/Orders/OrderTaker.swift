import Crypto
import Hummingbird
import Logging
import OrderAPI
import OrderCore
import OrderStorage
import VaultAPI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One submit, start to finish: read the request, price it from our own catalog, let the
/// vault authorize the card, fulfil what can be fulfilled, and store order and answer together.
struct OrderTaker: Sendable {
  let pricing: ServicePricing
  let vault: any CardVault
  let store: any OrderStore
  let fulfiller: Fulfiller
  /// Makes each submit's order number from its key; see `OrderNumberMaker.make(for:secret:)`.
  let numberSecret: SymmetricKey
  let clock: @Sendable () -> Date
  let logger: Logger

  /// Refuses a phone, fax or mail order, or a note, from anyone but signed-in staff, and a
  /// note over 500 characters or with control characters.
  static func checkEntry(_ request: OrderRequest, by member: StaffMember?) throws(ServiceError) {
    if member == nil && request.source != .terminal {
      throw ServiceError(
        .unauthorized, .unauthorized,
        "Phone, fax and mail orders are entered by signed-in staff; sign in first.")
    }
    guard let note = request.note else { return }
    guard member != nil else {
      throw ServiceError.validation([
        FieldError(.note, "Only signed-in staff write a note on an order.")
      ])
    }
    let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count <= 500, !TerminalText.containsControls(trimmed) else {
      throw ServiceError.validation([
        FieldError(.note, "Give a note of at most 500 characters, without control characters.")
      ])
    }
  }

  /// Who enters an order, as the store and the vault are told.
  struct Entry {
    /// `staff:NAME`, or `desk:SOURCE` for a customer's own order.
    let actor: String
    /// What the vault counts card attempts by: the member of staff, else the client.
    let counted: String?
    let vaultActor: AuthorizationActor
    /// Staff's note, trimmed; empty for a customer's order.
    let note: String

    init(_ request: OrderRequest, by member: StaffMember?, clientAddress: String?) {
      if let member {
        actor = "staff:" + member.name
        counted = "staff:" + member.name
        vaultActor = .staff
        note = (request.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      } else {
        actor = "desk:" + request.source.rawValue
        counted = clientAddress
        vaultActor = .customer
        note = ""
      }
    }
  }

  /// The stored answer for `key`, or 409 when the key came with another order; `nil` if new.
  func replay(key: IdempotencyKey, requestHash: [UInt8]) async throws -> JSONAnswer? {
    try await store.replay(key: key, requestHash: requestHash)
  }

  /// Takes the order.
  ///
  /// `origin` is the request's peer as `address:port`, for the audit trail; `clientAddress`
  /// is the peer's address alone, which the vault counts attempts by.
  func take(
    _ request: OrderRequest, requestHash: [UInt8], key: IdempotencyKey, origin: String,
    clientAddress: String?, enteredBy member: StaffMember? = nil
  )
    async throws -> JSONAnswer
  {
    let quote = try price(request)
    let number = OrderNumberMaker.make(for: key, secret: numberSecret)
    let entry = Entry(request, by: member, clientAddress: clientAddress)
    let now = clock()
    let createdAt = Int64(now.timeIntervalSince1970)

    let authorization: VaultAuthorization
    do {
      authorization = try await vault.authorize(
        CardAuthorization(
          card: request.card, idempotencyKey: key, reference: number.rawValue,
          amount: quote.total,
          // Staff type many customers' cards from one desk: counted per member, as MOTO.
          clientAddress: entry.counted, email: request.customer.normalised().email,
          actor: entry.vaultActor))
    } catch {
      throw ServiceError(vaultError: error)
    }

    switch authorization {
    case .declined(let decline):
      // The customer is told what helps them; a fraud signal stays with staff: in this log
      // line and in the vault's audit events.
      let answer = try JSONAnswer.declined(decline.shownToCustomer)
      do {
        try await store.storeAnswer(
          StoredAnswer(
            key: key, requestHash: requestHash, status: Int(answer.status.code),
            body: answer.bytes, orderNumber: nil, createdAt: createdAt))
      } catch OrderStoreError.duplicateKey {
        if let stored = try await replay(key: key, requestHash: requestHash) { return stored }
      }
      logger.info("payment declined", metadata: ["decline": "\(decline.code)"])
      return answer

    case .approved(let card, let token, let authorizationCode):
      // A taken number (one in a trillion) gets another; the card is authorized once, by key.
      for attempt in 1...3 {
        let number = attempt == 1 ? number : OrderNumberMaker.make()
        let fulfilments = fulfiller.fulfil(
          quote: quote, order: number, catalog: pricing.catalog, now: now)
        let record = OrderRecord(
          number: number, status: quote.requiresShipping ? .accepted : .fulfilled,
          payment: .authorized, source: request.source, quote: quote, card: card,
          fulfilments: fulfilments, createdAt: createdAt)
        let answer = try JSONAnswer(status: .created, body: OrderResponse(order: record))
        do {
          _ = try await store.record(
            NewOrder(
              record: record, customer: request.customer.normalised(), cardToken: token,
              authorizationCode: authorizationCode, actor: entry.actor, origin: origin,
              note: entry.note),
            answer: StoredAnswer(
              key: key, requestHash: requestHash, status: Int(answer.status.code),
              body: answer.bytes, orderNumber: number, createdAt: createdAt))
        } catch .numberTaken {
          continue
        } catch .authorizationTaken {
          // The vault gave an authorization that already paid for an order: never a second.
          logger.error(
            "authorization already paid for another order; no order made",
            metadata: ["order": "\(number)"])
          throw ServiceError(
            .conflict, .idempotencyConflict,
            "The payment for this Idempotency-Key already paid for another order; nothing was "
              + "charged again. Send the order with a new key.")
        } catch .duplicateKey {
          // Another process stored an answer for this key first: answer as it did.
          if let stored = try await replay(key: key, requestHash: requestHash) { return stored }
          throw ServiceError(
            .internalServerError, .internalError, "The order could not be stored; try again.")
        }
        logger.info(
          "order accepted",
          metadata: [
            "order": "\(number)", "brand": "\(card.brand.rawValue)", "last4": "\(card.lastFour)",
          ])
        return answer
      }
      throw ServiceError(
        .internalServerError, .internalError, "No free order number was found; try again.")
    }
  }

  /// The quote from our own catalog and rates; any amount the client sent was never read.
  private func price(_ request: OrderRequest) throws(ServiceError) -> Quote {
    let cart = try pricing.cart(from: request.lines)
    let errors = request.customer.validate(
      requiresShippingAddress: pricing.requiresShipping(cart))
    if !errors.isEmpty { throw .validation(errors) }
    return try pricing.quote(
      cart, currency: request.currency, country: request.customer.address.country)
  }
}

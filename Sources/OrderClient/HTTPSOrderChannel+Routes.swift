import CardSealing
import OrderAPI
import OrderCore

extension HTTPSOrderChannel {
  /// The longest email address a look-up sends; no real address is longer.
  public static let maximumEmailLength = 320

  /// Whether the service says it is up (`GET /healthz`): the cheapest round trip there is.
  public func health() async throws(OrderChannelError) -> Bool {
    let operation = "checking the service"
    let response = try await send(
      .GET, "/healthz", purpose: .ordinary, retry: .afterConnectionLoss, operation: operation)
    guard response.status == 200 else { throw serviceError(response, operation: operation) }
    return try decode(HealthResponse.self, from: response, operation: operation).status == "ok"
  }

  /// The service's catalog (`GET /v1/catalog`), read by the same strict parser as a file.
  public func catalog() async throws(OrderChannelError) -> Catalog {
    let operation = "reading the catalog"
    let response = try await send(
      .GET, "/v1/catalog", purpose: .ordinary, retry: .afterConnectionLoss, operation: operation)
    guard response.status == 200 else { throw serviceError(response, operation: operation) }
    do {
      return try Catalog.parse(response.body, source: "\(endpoint.url)/v1/catalog")
    } catch {
      throw .invalidCatalog(error)
    }
  }

  /// Totals for a cart as the service computes them (`POST /v1/quotes`).
  public func quote(_ request: QuoteRequest) async throws(OrderChannelError) -> Quote {
    let operation = "pricing the cart"
    let body = try encode(request, operation: operation)
    let response = try await send(
      .POST, "/v1/quotes", body: body, purpose: .ordinary, retry: .afterConnectionLoss,
      operation: operation)
    guard response.status == 200 else { throw serviceError(response, operation: operation) }
    return try decode(QuoteResponse.self, from: response, operation: operation).quote
  }

  /// The vault's public key (`GET /v1/vault-key`), fetched over a secure channel only.
  ///
  /// A key fetched over an unverified or plain connection could be an attacker's, and a card
  /// sealed to it would be readable by them; so this refuses anything but `.secure`.
  public func vaultKey() async throws(OrderChannelError) -> VaultPublicKey {
    let operation = "fetching the vault key"
    let response = try await send(
      .GET, "/v1/vault-key", purpose: .cardData, retry: .afterConnectionLoss,
      operation: operation)
    guard response.status == 200 else { throw serviceError(response, operation: operation) }
    let body = try decode(VaultKeyResponse.self, from: response, operation: operation)
    do {
      let key = try VaultPublicKey(keyId: body.keyId, base64: body.publicKey)
      cachedVaultKey = key
      return key
    } catch {
      throw .unexpectedResponse(operation: operation, problem: error.message)
    }
  }

  /// Seals the card to the vault's key for the submission with `idempotencyKey`.
  ///
  /// Refuses unless the channel is `.secure`: the vault key must come over a verified
  /// connection. The key is fetched once and kept. The caller still owns `card` and wipes it
  /// once the sealed card is kept.
  ///
  /// - Throws: ``OrderChannelError`` when the channel is not secure or the key cannot be
  ///   fetched; `CardSealingError` when the card's fields are not complete and valid.
  public func sealCard(
    _ card: CardEntry, idempotencyKey: IdempotencyKey, currentMonth: YearMonth
  ) async throws -> SealedCard {
    let key: VaultPublicKey
    if let cachedVaultKey, security.allowsCardData {
      key = cachedVaultKey
    } else {
      key = try await vaultKey()
    }
    return try CardSealer.seal(
      card, to: key, idempotencyKey: idempotencyKey, currentMonth: currentMonth)
  }

  /// Submits an order (`POST /v1/orders` with its `Idempotency-Key`), over a secure channel
  /// only.
  ///
  /// A time-out or a lost connection is retried once on a new connection with the same key,
  /// so the service answers the retry with the first attempt's result and never charges
  /// twice. A decline (402) is an answer, not an error.
  public func submit(
    _ submission: OrderSubmission
  ) async throws(OrderChannelError)
    -> SubmitOutcome
  {
    try await submit(submission, whenSent: nil)
  }

  /// Submits an order as ``submit(_:)`` does, and says when it has been sent.
  ///
  /// `whenSent` is called once the order has been written to the encrypted connection: from
  /// then on the service, and the card processor behind the vault, are answering. On a retry
  /// it is called again.
  public func submit(
    _ submission: OrderSubmission, whenSent: (@Sendable () -> Void)?
  ) async throws(OrderChannelError)
    -> SubmitOutcome
  {
    let operation = "submitting the order"
    let body = try encode(OrderRequest(submission), operation: operation)
    let response = try await send(
      .POST, "/v1/orders", body: body,
      headers: [(OrderHeaders.idempotencyKey, submission.idempotencyKey.rawValue)],
      purpose: .cardData, retry: .afterConnectionLossOrTimeOut, operation: operation,
      whenSent: whenSent)
    switch response.status {
    case 200, 201:
      return .accepted(try decode(OrderResponse.self, from: response, operation: operation).order)
    case 402:
      let error = try decode(APIErrorBody.self, from: response, operation: operation).error
      return .declined(
        PaymentDecline(code: error.declineCode ?? error.code.rawValue, message: error.message))
    default:
      let error = serviceError(response, operation: operation)
      if case .serviceError(_, _, let body) = error,
        body?.code == .cardUnreadable || body?.code == .vaultKeyRetired
      {
        // The vault has, or may have, a new key: the next card is sealed to a fresh one.
        cachedVaultKey = nil
      }
      throw error
    }
  }

  /// The order with this number if `email` is the one on it (`GET /v1/orders/{number}`);
  /// `nil` for an unknown number and a wrong email alike.
  public func lookUp(
    number: OrderNumber, email: String
  ) async throws(OrderChannelError)
    -> OrderRecord?
  {
    let operation = "looking up the order"
    guard email.utf8.count <= Self.maximumEmailLength else { return nil }
    let target =
      "/v1/orders/\(PercentEncoding.encode(number.rawValue))?email="
      + PercentEncoding.encode(email)
    let response = try await send(
      .GET, target, purpose: .ordinary, retry: .afterConnectionLoss, operation: operation)
    switch response.status {
    case 200: return try decode(OrderResponse.self, from: response, operation: operation).order
    case 404: return nil
    default: throw serviceError(response, operation: operation)
    }
  }
}

/// Percent-encoding for a path segment or query value: everything but RFC 3986's unreserved
/// characters is encoded, so no `&`, `=`, `#`, `/` or space in a value can change the URL.
enum PercentEncoding {
  static func encode(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      if isUnreserved(byte) {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = Array("0123456789ABCDEF".utf8)
        result +=
          "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]], as: UTF8.self)
      }
    }
    return result
  }

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      true
    default: false
    }
  }
}

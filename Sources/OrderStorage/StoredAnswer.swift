import OrderCore

/// The answer first given to a request with an Idempotency-Key, kept so that a retry gets
/// exactly the same bytes back.
public struct StoredAnswer: Sendable, Hashable {
  /// The length of ``requestHash``: a SHA-256 digest.
  public static let requestHashLength = 32

  /// The request's Idempotency-Key.
  public var key: IdempotencyKey
  /// A SHA-256 digest of the request body, so a retry with another body can be refused.
  public var requestHash: [UInt8]
  /// The HTTP status that was answered, such as 201 or 402.
  public var status: Int
  /// The response body, byte for byte.
  public var body: [UInt8]
  /// The order the request created, if it created one.
  public var orderNumber: OrderNumber?
  /// When the answer was given, as seconds since 1970 (UTC); purging goes by this.
  public var createdAt: Int64

  public init(
    key: IdempotencyKey, requestHash: [UInt8], status: Int, body: [UInt8],
    orderNumber: OrderNumber?, createdAt: Int64
  ) {
    self.key = key
    self.requestHash = requestHash
    self.status = status
    self.body = body
    self.orderNumber = orderNumber
    self.createdAt = createdAt
  }
}

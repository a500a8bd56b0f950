import NIOCore
import NIOHTTP1

/// One HTTP request as the channel sends it.
struct OutgoingRequest: Sendable {
  var method: HTTPMethod
  /// The path and query, already percent-encoded.
  var target: String
  var headers: HTTPHeaders
  var body: [UInt8]?
}

/// One complete HTTP response.
struct IncomingResponse: Sendable {
  var status: Int
  var headers: HTTPHeaders
  var body: [UInt8]
}

/// Why an exchange on an open connection gave no response.
enum ExchangeFailure: Error, Sendable, Equatable {
  /// No complete answer within the time-out.
  case timedOut
  /// The connection closed, or failed, before the answer was complete.
  case connectionLost
  /// The answer's body is larger than the limit (in bytes).
  case tooLarge(limit: Int)
  /// The bytes that came back are not HTTP/1.1.
  case malformed(String)
}

/// What the exchange handler is asked to write: a request and where its answer goes.
struct PendingExchange: Sendable {
  var request: OutgoingRequest
  var promise: EventLoopPromise<IncomingResponse>
  var timeout: TimeAmount
  var maximumBodyBytes: Int
}

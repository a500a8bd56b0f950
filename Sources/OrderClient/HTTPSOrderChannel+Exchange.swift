import NIOCore
import NIOHTTP1
import OrderAPI
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// When a request is sent again on a new connection.
enum RetryPolicy: Sendable {
  /// After a lost connection only: the request did nothing, or doing it twice is harmless.
  case afterConnectionLoss
  /// After a lost connection or a time-out: for a submit, whose idempotency key makes the
  /// second attempt return the first one's answer instead of charging again.
  case afterConnectionLossOrTimeOut
}

extension HTTPSOrderChannel {
  /// Sends a request and returns the whole answer.
  ///
  /// It is retried once on a new connection as `retry` allows. `whenSent` is called each
  /// time the request has been written.
  func send(
    _ method: HTTPMethod, _ target: String, body: [UInt8]? = nil,
    headers extraHeaders: [(String, String)] = [], purpose: Purpose, retry: RetryPolicy,
    operation: String, whenSent: (@Sendable () -> Void)? = nil
  ) async throws(OrderChannelError) -> IncomingResponse {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: endpoint.hostHeader)
    headers.add(name: "User-Agent", value: "OrderDesk")
    headers.add(name: "Accept", value: "application/json")
    if let body {
      headers.add(name: "Content-Type", value: "application/json")
      headers.add(name: "Content-Length", value: String(body.count))
    }
    // The session goes only where TLS is verified: never with a request plain HTTP may carry.
    if let staffToken, purpose != .ordinary {
      headers.add(name: "Authorization", value: "Bearer \(staffToken)")
    }
    for (name, value) in extraHeaders { headers.add(name: name, value: value) }
    let request = OutgoingRequest(method: method, target: target, headers: headers, body: body)

    return try await exclusively { () async throws(OrderChannelError) -> IncomingResponse in
      var retried = false
      while true {
        let connection = try await usableConnection(for: purpose)
        let failure: ExchangeFailure
        do throws(ExchangeFailure) {
          return try await connection.exchange(
            request, timeout: TimeAmount(timeout), maximumBodyBytes: maximumResponseBytes,
            whenWritten: whenSent)
        } catch {
          failure = error
        }
        await discard(connection)
        switch failure {
        case .connectionLost:
          if !retried {
            retried = true
            continue
          }
          throw .connectionLost(operation: operation, retried: true)
        case .timedOut:
          if retry == .afterConnectionLossOrTimeOut, !retried {
            retried = true
            continue
          }
          throw .timedOut(operation: operation, after: timeout, retried: retried)
        case .tooLarge(let limit):
          throw .unexpectedResponse(
            operation: operation,
            problem: "the answer is larger than \(limit / (1024 * 1024)) MB, the most the desk "
              + "reads.")
        case .malformed(let problem):
          throw .unexpectedResponse(operation: operation, problem: problem)
        }
      }
    }
  }

  /// Decodes a JSON answer body, or says which field was wrong (never the values in it).
  func decode<T: Decodable>(
    _ type: T.Type, from response: IncomingResponse, operation: String
  ) throws(OrderChannelError) -> T {
    do {
      return try JSONDecoder().decode(type, from: Data(response.body))
    } catch let error as DecodingError {
      throw .unexpectedResponse(operation: operation, problem: Self.explain(error))
    } catch {
      throw .unexpectedResponse(operation: operation, problem: "the body is not valid JSON.")
    }
  }

  /// The error for a status the route does not expect, with the service's error body if any.
  func serviceError(_ response: IncomingResponse, operation: String) -> OrderChannelError {
    guard response.status >= 400 else {
      return .unexpectedResponse(
        operation: operation, problem: "the service answered with status \(response.status).")
    }
    let body = try? JSONDecoder().decode(APIErrorBody.self, from: Data(response.body))
    return .serviceError(operation: operation, status: response.status, error: body?.error)
  }

  /// JSON for a request body.
  ///
  /// The wire types encode without fail; an error here is a bug.
  func encode(_ value: some Encodable, operation: String) throws(OrderChannelError) -> [UInt8] {
    do {
      return Array(try JSONEncoder().encode(value))
    } catch {
      throw .unexpectedResponse(
        operation: operation, problem: "the request could not be encoded as JSON.")
    }
  }

  private static func explain(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      let names = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
      return names.isEmpty ? "the body" : "the field \(names.joined(separator: "."))"
    }
    switch error {
    case .keyNotFound(let key, let context):
      let parent = context.codingPath.isEmpty ? "" : " in \(path(context))"
      return "the field \(key.stringValue) is missing\(parent)."
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "\(path(context)) has the wrong type."
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "the body is not valid JSON." : "\(path(context)) has a value the desk cannot read."
    @unknown default:
      return "the body is not what the v1 API sends."
    }
  }
}

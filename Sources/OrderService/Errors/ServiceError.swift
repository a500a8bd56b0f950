import Hummingbird
import OrderAPI
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An error answer with its HTTP status and its JSON body: what every failing route returns.
struct ServiceError: Error, HTTPResponseError {
  let status: HTTPResponse.Status
  let body: APIError
  /// Headers the answer carries beside its body, such as `Retry-After`.
  var headers: HTTPFields = [:]

  init(_ status: HTTPResponse.Status, _ code: APIErrorCode, _ message: String) {
    self.status = status
    self.body = APIError(code: code, message: message)
  }

  init(_ status: HTTPResponse.Status, _ body: APIError) {
    self.status = status
    self.body = body
  }

  static func validation(_ errors: [FieldError]) -> ServiceError {
    ServiceError(.badRequest, .validation(errors))
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    var response = try JSONAnswer(status: status, body: APIErrorBody(body)).response
    response.headers.append(contentsOf: headers)
    return response
  }
}

/// A JSON response made once and sent as bytes, so it can also be stored for idempotent replay.
struct JSONAnswer: Sendable {
  let status: HTTPResponse.Status
  let bytes: [UInt8]

  init(status: HTTPResponse.Status, bytes: [UInt8]) {
    self.status = status
    self.bytes = bytes
  }

  init(status: HTTPResponse.Status, body: some Encodable) throws {
    self.status = status
    self.bytes = Array(try JSONAnswer.encoder.encode(body))
  }

  var response: Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()
}

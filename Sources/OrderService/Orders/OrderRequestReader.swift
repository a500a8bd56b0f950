import OrderAPI
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Reads request bodies, turning decoding failures into messages that say which field is wrong.
enum OrderRequestReader {
  static func decode(_ body: [UInt8]) throws(ServiceError) -> OrderRequest {
    try decode(OrderRequest.self, from: body)
  }

  static func decode<Body: Decodable>(
    _ type: Body.Type, from body: [UInt8]
  ) throws(ServiceError)
    -> Body
  {
    do {
      return try JSONDecoder().decode(Body.self, from: Data(body))
    } catch let error as DecodingError {
      throw ServiceError(.badRequest, .malformedJSON, message(for: error))
    } catch {
      throw ServiceError(.badRequest, .malformedJSON, "The request body is not valid JSON.")
    }
  }

  /// A sentence naming the field, never repeating the value that was sent.
  static func message(for error: DecodingError) -> String {
    func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
      let keys = codingPath + (last.map { [$0] } ?? [])
      guard !keys.isEmpty else { return "the body" }
      return keys.map { key in
        key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)"
      }.joined().trimmingPrefix(".").description
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "\(path(context.codingPath, key)) is missing."
    case .valueNotFound(_, let context):
      return "\(path(context.codingPath)) must not be null."
    case .typeMismatch(let type, let context):
      return "\(path(context.codingPath)) must be \(describe(type))."
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty { return "The request body is not valid JSON." }
      return "\(path(context.codingPath)) is not valid: \(context.debugDescription)"
    @unknown default:
      return "The request body could not be read."
    }
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type, is Int64.Type: "a whole number"
    case is Bool.Type: "true or false"
    default: type is any Collection.Type ? "a list" : "an object"
    }
  }
}

extension String {
  fileprivate func trimmingPrefix(_ prefix: String) -> Substring {
    hasPrefix(prefix) ? dropFirst(prefix.count) : Substring(self)
  }
}

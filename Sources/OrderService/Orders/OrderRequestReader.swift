import OrderAPI
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Reads request bodies, turning decoding failures into messages that say which field is wrong.
///
/// A body that is not JSON, is not an object, or repeats a key in one object is
/// `malformed_json`; JSON of the right shape with a field missing, null, of the wrong type or
/// not one of its values is `validation_failed` naming the field, as the API file says.
enum OrderRequestReader {
  static func decode(_ body: [UInt8]) throws(ServiceError) -> OrderRequest {
    try decode(OrderRequest.self, from: body)
  }

  static func decode<Body: Decodable>(
    _ type: Body.Type, from body: [UInt8]
  ) throws(ServiceError)
    -> Body
  {
    if let key = DuplicateJSONKeys.first(in: body) {
      throw ServiceError(
        .badRequest, .malformedJSON,
        "The body gives \(quoted(key)) twice; send each key once in an object.")
    }
    do {
      return try JSONDecoder().decode(Body.self, from: Data(body))
    } catch let error as DecodingError {
      // The decoder names no field for a number that does not fit the whole numbers it
      // reads (`1.5`, `1e400`); the body is JSON all the same, so say what is wrong with it.
      if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
        (try? JSONDecoder().decode(JSONObject.self, from: Data(body))) != nil
      {
        throw ServiceError(
          .badRequest, .malformedJSON,
          "A number in the body is not a whole number within 64 bits where one is needed.")
      }
      throw refusal(for: error)
    } catch {
      throw ServiceError(.badRequest, .malformedJSON, "The request body is not valid JSON.")
    }
  }

  /// The answer to a body the decoder refused, naming the field, never repeating a value
  /// that was sent unless it is shown to hold no card number.
  static func refusal(for error: DecodingError) -> ServiceError {
    let (keys, problem): ([any CodingKey], String)
    switch error {
    case .keyNotFound(let key, let context):
      (keys, problem) = (context.codingPath + [key], "is missing")
    case .valueNotFound(_, let context):
      (keys, problem) = (context.codingPath, "must not be null")
    case .typeMismatch(let type, let context):
      (keys, problem) = (context.codingPath, "must be \(describe(type))")
    case .dataCorrupted(let context):
      let detail = FreeText.redacted(
        TerminalText.neutralised(String(context.debugDescription.prefix(200))))
      (keys, problem) = (context.codingPath, "is not valid: \(detail)")
    @unknown default:
      return ServiceError(.badRequest, .malformedJSON, "The request body could not be read.")
    }
    guard !keys.isEmpty, let field = field(keys) else {
      if case .dataCorrupted = error {
        return ServiceError(.badRequest, .malformedJSON, "The request body is not valid JSON.")
      }
      return ServiceError(.badRequest, .malformedJSON, "The body must be a JSON object.")
    }
    return .validation([FieldError(field, "\(path(keys)) \(problem).")])
  }

  /// The field a decoding path belongs to: the path itself where the API names it, else the
  /// part of the request it lies in.
  static func field(_ keys: [any CodingKey]) -> OrderField? {
    let names = keys.filter { $0.intValue == nil }.map(\.stringValue)
    switch names.first {
    case "lines": return names.last == "quantity" ? .cartQuantity : .cart
    case "card": return .sealedCard
    case "amount": return .refundAmount
    case "country" where names.count == 1: return .country
    default:
      for end in stride(from: names.count, to: 0, by: -1) {
        if let field = OrderField(rawValue: names[..<end].joined(separator: ".")) { return field }
      }
      return nil
    }
  }

  /// `lines[0].quantity`: the path as a person reads it.
  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { key in
      key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)"
    }.joined().trimmingPrefix(".").description
  }

  /// A key as sent, quoted, cut short, with controls shown harmlessly and card numbers out.
  private static func quoted(_ key: String) -> String {
    let shown = key.count > 80 ? key.prefix(80) + "…" : Substring(key)
    return "\"" + FreeText.redacted(TerminalText.neutralised(String(shown))) + "\""
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

/// Any JSON object, its values unread: the decoder checks the syntax of the whole body first
/// and reads numbers only when asked, so this tells well-formed JSON from the rest.
private struct JSONObject: Decodable {
  private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  init(from decoder: any Decoder) throws {
    _ = try decoder.container(keyedBy: AnyKey.self)
  }
}

extension String {
  fileprivate func trimmingPrefix(_ prefix: String) -> Substring {
    hasPrefix(prefix) ? dropFirst(prefix.count) : Substring(self)
  }
}

import Foundation
import NIOCore
import NIOHTTP1
import OrderAPI
import OrderCore
import Testing

@testable import OrderClient
@testable import OrderService

/// How the service reads what a client sends: JSON only as JSON, each key once, a missing or
/// wrong field named, the optional fields of the API file really optional, and the search's
/// `limit` refused outside what the file allows.
@Suite(.serialized) struct RequestReadingTests {
  static let quote =
    #"{"currency":"EUR","country":"FI","lines":[{"sku":"INKWELL-PRO","quantity":1}]}"#

  // MARK: Content-Type

  @Test func aBodyThatIsNotSentAsJSONIsRefusedWith415() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      let order = try Orders.body(submission)
      let token = try await StaffRouteTests.token(service)
      let routes: [(path: String, body: [UInt8], headers: [(String, String)])] = [
        ("/v1/quotes", Array(Self.quote.utf8), []),
        ("/v1/orders", order, [("Idempotency-Key", submission.idempotencyKey.rawValue)]),
        (
          "/v1/orders/OD-7K3F9Q2M/refunds", Array(#"{"reason":"Ordered twice"}"#.utf8),
          [("Authorization", "Bearer \(token)"), ("Idempotency-Key", "refund-415")]
        ),
      ]
      for (path, body, headers) in routes {
        for contentType in [
          nil, "text/plain", "application/x-www-form-urlencoded", "application/jsonx",
          "multipart/form-data; boundary=x", "application/xml", "",
        ] as [String?] {
          let answer = try await service.exact(
            .POST, path, body: body,
            headers: headers + (contentType.map { [("Content-Type", $0)] } ?? []))
          #expect(answer.status == 415, "\(path) \(contentType ?? "none"): \(answer.text)")
          #expect(answer.errorCode == "unsupported_media_type")
          #expect(answer.text.contains("application/json"))
        }
      }
      #expect(service.processor.count == 0)
      // The twin: the same bodies as JSON, in any spelling of the type, are read.
      for contentType in ["application/json", "Application/JSON; charset=utf-8"] {
        let answer = try await service.exact(
          .POST, "/v1/quotes", body: Array(Self.quote.utf8),
          headers: [("Content-Type", contentType)])
        #expect(answer.status == 200, "\(contentType): \(answer.text)")
      }
      let accepted = try await service.exact(
        .POST, "/v1/orders", body: order,
        headers: [
          ("Content-Type", "application/json"),
          ("Idempotency-Key", submission.idempotencyKey.rawValue),
        ])
      #expect(accepted.status == 201, "\(accepted.text)")
    }
  }

  // MARK: Duplicate keys

  @Test func aKeyGivenTwiceIsRefusedByName() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      let order = String(decoding: try Orders.body(submission), as: UTF8.self)
      let key = submission.idempotencyKey.rawValue
      let doubled: [(body: String, names: String)] = [
        ("{\"currency\":\"JPY\"," + order.dropFirst(), "currency"),
        (
          order.replacingOccurrences(
            of: "\"email\":", with: "\"email\":\"eve@example.com\",\"email\":"),
          "customer.email"
        ),
        ("{\"\\u0063urrency\":\"JPY\"," + order.dropFirst(), "currency"),
        (
          order.replacingOccurrences(
            of: "\"quantity\":1", with: "\"quantity\":1,\"sku\":\"NIB-SET\""),
          "lines[0].sku"
        ),
      ]
      for (body, names) in doubled {
        let answer = try await service.submitRaw(Array(body.utf8), key: key)
        #expect(answer.status == 400, "\(names): \(answer.text)")
        #expect(answer.errorCode == "malformed_json")
        #expect(answer.text.contains("\\\"\(names)\\\" twice"), "\(answer.text)")
      }
      let quote = Self.quote.replacingOccurrences(
        of: "\"country\":\"FI\"", with: "\"country\":\"FI\",\"country\":\"DE\"")
      let quoted = try await service.raw(.POST, "/v1/quotes", body: Array(quote.utf8))
      #expect(quoted.status == 400 && quoted.text.contains("country"), "\(quoted.text)")
      let refund = try await service.raw(
        .POST, "/v1/orders/OD-7K3F9Q2M/refunds",
        body: Array(#"{"reason":"Ordered twice","reason":"Ordered once"}"#.utf8),
        headers: [
          ("Authorization", "Bearer \(try await StaffRouteTests.token(service))"),
          ("Idempotency-Key", "refund-twice"),
        ])
      #expect(refund.status == 400 && refund.text.contains("reason"), "\(refund.text)")
      // A key that is a card number is named without its digits.
      let card = try await service.submitRaw(
        Array(#"{"4242424242424242":1,"4242424242424242":2}"#.utf8), key: key)
      #expect(card.status == 400 && !card.text.contains("4242424242424242"), "\(card.text)")
      #expect(service.processor.count == 0)
      // The twin: the same order with each key once is taken.
      #expect(try await service.submitRaw(Array(order.utf8), key: key).status == 201)
    }
  }

  @Test func duplicateKeysAreFoundWhereverTheyAre() {
    let found: [(String, String?)] = [
      (#"{"a":1,"b":2}"#, nil),
      (#"{"a":1,"a":2}"#, "a"),
      (#"{"a":{"b":1},"b":{"b":1}}"#, nil),
      (#"[{"a":1},{"a":1}]"#, nil),
      (#"{"l":[{"a":1},{"a":1,"a":2}]}"#, "l[1].a"),
      (#"{"a":"\"a\":","a":1}"#, "a"),
      (#"{"a\"":1,"a\u0022":2}"#, "a\""),
      (#"{"\ud83d\ude00":1,"😀":2}"#, "😀"),
      (#"{"x":[1,2,{"y":{"z":[],"z":{}}}]}"#, "x[2].y.z"),
      (#"{"a":"}","a":"{"}"#, "a"),
      (#"{"a":1,"#, nil),
      (#"{"a":"\x"}"#, nil),
      ("", nil),
      ("}}]]", nil),
    ]
    for (body, path) in found {
      #expect(DuplicateJSONKeys.first(in: Array(body.utf8)) == path, "\(body)")
    }
    // Deep nesting is scanned without recursion.
    let deep = String(repeating: "[", count: 60_000) + #"{"a":1,"a":2}"#
    #expect(DuplicateJSONKeys.first(in: Array(deep.utf8))?.hasSuffix("a") == true)
  }

  // MARK: Missing and wrong fields

  @Test func aMissingOrWrongFieldIsAValidationErrorNamingIt() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      let valid = try #require(
        JSONSerialization.jsonObject(with: Data(Orders.body(submission))) as? [String: Any])
      func changed(_ change: (inout [String: Any]) -> Void) -> [String: Any] {
        var body = valid
        change(&body)
        return body
      }
      func customer(_ change: (inout [String: Any]) -> Void) -> [String: Any] {
        changed { body in
          var customer = body["customer"] as? [String: Any] ?? [:]
          change(&customer)
          body["customer"] = customer
        }
      }
      let cases: [(body: [String: Any], field: String, says: String)] = [
        (changed { $0["currency"] = nil }, "currency", "currency is missing"),
        (changed { $0["source"] = nil }, "source", "source is missing"),
        (changed { $0["lines"] = nil }, "cart", "lines is missing"),
        (
          changed { $0["lines"] = [["sku": "INKWELL-PRO"]] }, "cart.quantity",
          "lines[0].quantity is missing"
        ),
        (changed { $0["lines"] = [["quantity": 1]] }, "cart", "lines[0].sku is missing"),
        (changed { $0["customer"] = nil }, "customer", "customer is missing"),
        (customer { $0["email"] = nil }, "customer.email", "customer.email is missing"),
        (customer { $0["name"] = NSNull() }, "customer.name", "must not be null"),
        (customer { $0["address"] = nil }, "customer.address", "customer.address is missing"),
        (customer { $0["address"] = ["line1": "x"] }, "customer.address.country", "is missing"),
        (changed { $0["card"] = ["keyId": "k"] }, "card", "card.sealed is missing"),
        (changed { $0["currency"] = "XXX" }, "currency", "currency is not valid"),
        (changed { $0["currency"] = 7 }, "currency", "currency must be a string"),
        (changed { $0["source"] = "carrier pigeon" }, "source", "source is not valid"),
      ]
      for (body, field, says) in cases {
        let data = try JSONSerialization.data(withJSONObject: body)
        let answer = try await service.submitRaw(
          Array(data), key: submission.idempotencyKey.rawValue)
        #expect(answer.status == 400, "\(field): \(answer.text)")
        #expect(answer.errorCode == "validation_failed", "\(field): \(answer.text)")
        let error = try #require(try answer.json["error"] as? [String: Any])
        #expect(error["field"] as? String == field, "\(answer.text)")
        #expect((error["message"] as? String)?.contains(says) == true, "\(answer.text)")
      }
      // A body that is not a JSON object stays malformed: there is no field to name.
      for body in ["[]", "\"order\"", "7", "{", "{\"currency\":"] {
        let answer = try await service.submitRaw(
          Array(body.utf8), key: submission.idempotencyKey.rawValue)
        #expect(
          answer.status == 400 && answer.errorCode == "malformed_json", "\(body): \(answer.text)")
      }
      // So does a number no whole number can hold, which the decoder places nowhere.
      let order = String(decoding: try Orders.body(submission), as: UTF8.self)
      for quantity in ["1.5", "1e400", "9223372036854775808", "4242424242424242.5"] {
        let body = order.replacingOccurrences(
          of: "\"quantity\":1", with: "\"quantity\":\(quantity)")
        let answer = try await service.submitRaw(
          Array(body.utf8), key: submission.idempotencyKey.rawValue)
        #expect(
          answer.status == 400 && answer.errorCode == "malformed_json",
          "\(quantity): \(answer.text)")
        #expect(
          answer.text.contains("whole number") && !answer.text.contains("4242"), "\(answer.text)")
      }
      // A quote and a refund name their fields the same way.
      let quote = try await service.raw(
        .POST, "/v1/quotes", body: Array(#"{"currency":"EUR","lines":[]}"#.utf8))
      #expect(quote.errorCode == "validation_failed" && quote.text.contains("country is missing"))
      let refund = try await service.raw(
        .POST, "/v1/orders/OD-7K3F9Q2M/refunds",
        body: Array(#"{"reason":"Ordered twice","amount":{"minorUnits":100}}"#.utf8),
        headers: [
          ("Authorization", "Bearer \(try await StaffRouteTests.token(service))"),
          ("Idempotency-Key", "refund-missing"),
        ])
      #expect(refund.errorCode == "validation_failed", "\(refund.text)")
      #expect(
        try refund.json["error"].flatMap { $0 as? [String: Any] }?["field"] as? String == "amount")
      #expect(service.processor.count == 0)
    }
  }

  /// The phone and the address lines are optional in the API file, and so in the service:
  /// an order for downloads needs neither, one that ships is told what it lacks.
  @Test func theOptionalFieldsOfTheFileMayBeLeftOut() async throws {
    try await withService { service in
      for (lines, accepted) in [([("INKWELL-PRO", 1)], true), ([("INKWELL-PRO-BOX", 1)], false)] {
        let submission = try await Orders.submission(service.channel, lines: lines)
        var body = try #require(
          JSONSerialization.jsonObject(with: Data(Orders.body(submission))) as? [String: Any])
        body["customer"] = [
          "name": "Ada Lovelace", "email": "ada@example.com", "address": ["country": "DE"],
        ]
        let data = try JSONSerialization.data(withJSONObject: body)
        let answer = try await service.submitRaw(
          Array(data), key: submission.idempotencyKey.rawValue)
        if accepted {
          #expect(answer.status == 201, "\(answer.text)")
        } else {
          #expect(answer.status == 400 && answer.errorCode == "validation_failed", "\(answer.text)")
          #expect(answer.text.contains("customer.address.line1"), "\(answer.text)")
        }
      }
    }
  }

  // MARK: The search's limit

  @Test func aLimitOutsideOneTo200IsRefusedNotClamped() async throws {
    try await withService { service in
      for _ in 0..<3 {
        let submission = try await Orders.submission(service.channel)
        _ = try await service.channel.submit(submission)
      }
      let staff = [("Authorization", "Bearer \(try await StaffRouteTests.token(service))")]
      for limit in [
        "0", "-1", "201", "abc", "", "+5", "1.5", "1e2", "%205", "99999999999999999999",
      ] {
        let answer = try await service.raw(.GET, "/v1/orders?limit=\(limit)", headers: staff)
        #expect(answer.status == 400, "limit=\(limit): \(answer.text)")
        #expect(answer.errorCode == "validation_failed")
        #expect(
          try answer.json["error"].flatMap { $0 as? [String: Any] }?["field"] as? String == "limit")
      }
      // The text is counted in characters, as the file's maxLength counts.
      let long = try await service.raw(
        .GET, "/v1/orders?q=" + String(repeating: "%E8%AA%9E", count: 201), headers: staff)
      #expect(long.status == 400 && long.text.contains("\"field\":\"q\""), "\(long.text)")
      let longest = try await service.raw(
        .GET, "/v1/orders?q=" + String(repeating: "%E8%AA%9E", count: 200), headers: staff)
      #expect(longest.status == 200, "\(longest.text)")
      // The twin: the bounds themselves, and no limit at all, are searches.
      for (query, count) in [("?limit=1", 1), ("?limit=200", 3), ("?limit=007", 3), ("", 3)] {
        let answer = try await service.raw(.GET, "/v1/orders\(query)", headers: staff)
        #expect(answer.status == 200, "\(query): \(answer.text)")
        #expect((try answer.json["orders"] as? [Any])?.count == count)
      }
    }
  }
}

extension ServiceHarness {
  /// Sends a request with exactly `headers` (and `Host` and `Content-Length`), on a
  /// connection of its own: nothing is added, so a body can go without a `Content-Type`.
  func exact(
    _ method: HTTPMethod, _ path: String, body: [UInt8], headers: [(String, String)]
  ) async throws -> IncomingResponse {
    let channel = try newChannel()
    var fields = HTTPHeaders()
    fields.add(name: "Host", value: channel.endpoint.hostHeader)
    fields.add(name: "Content-Length", value: String(body.count))
    for (name, value) in headers { fields.add(name: name, value: value) }
    let connection = try await channel.usableConnection(for: .ordinary)
    defer { Task { await connection.close() } }
    return try await connection.exchange(
      OutgoingRequest(method: method, target: path, headers: fields, body: body),
      timeout: .seconds(10), maximumBodyBytes: 1 << 20)
  }
}

import Foundation
import OrderAPI
import OrderCore
import Testing

@testable import OrderClient

/// Wrong, hostile and oversized input gets a clear JSON error with a stable code, and the
/// service keeps serving.
@Suite(.serialized) struct BadInputTests {
  /// A valid order body to break one part at a time.
  func validBody(_ service: ServiceHarness, key: IdempotencyKey) async throws -> [String: Any] {
    let submission = try await Orders.submission(service.channel, key: key)
    return try #require(
      JSONSerialization.jsonObject(with: Data(Orders.body(submission))) as? [String: Any])
  }

  func send(
    _ object: Any, _ service: ServiceHarness, key: IdempotencyKey
  ) async throws
    -> IncomingResponse
  {
    let body = try JSONSerialization.data(withJSONObject: object)
    return try await service.submitRaw(Array(body), key: key.rawValue)
  }

  @Test func malformedAndMissingFieldsAreNamed() async throws {
    try await withService { service in
      let key = Orders.newKey()
      let cases: [(body: [UInt8], code: String, mentions: String)] = [
        (Array("{".utf8), "malformed_json", "JSON"),
        (Array("not json".utf8), "malformed_json", "JSON"),
        (Array("[]".utf8), "malformed_json", "body"),
        (Array("{\"currency\":\"EUR\"}".utf8), "validation_failed", "missing"),
        (
          Array(
            "{\"currency\":\"XXX\",\"source\":\"phone\",\"lines\":[],\"customer\":{},\"card\":{}}"
              .utf8),
          "validation_failed", "currency"
        ),
        ([0xFF, 0xFE, 0x00], "malformed_json", "JSON"),
      ]
      for (body, code, mentions) in cases {
        let answer = try await service.submitRaw(body, key: key.rawValue)
        #expect(answer.status == 400, "\(answer.text)")
        #expect(answer.errorCode == code)
        #expect(answer.text.contains(mentions), "\(answer.text)")
      }
      #expect(service.processor.count == 0)
    }
  }

  @Test func unknownSKUsAndBadQuantitiesAreRefused() async throws {
    try await withService { service in
      let key = Orders.newKey()
      var body = try await validBody(service, key: key)
      body["lines"] = [["sku": "NO-SUCH-THING", "quantity": 1]]
      let unknown = try await send(body, service, key: key)
      #expect(unknown.status == 400)
      #expect(unknown.errorCode == "unknown_sku")

      for quantity in [0, -1, 100, 10_000] {
        body["lines"] = [["sku": "INKWELL-PRO", "quantity": quantity]]
        let answer = try await send(body, service, key: key)
        #expect(answer.status == 400)
        #expect(answer.errorCode == "validation_failed")
        #expect(
          ((try answer.json["error"] as? [String: Any])?["field"] as? String) == "cart.quantity")
      }
      body["lines"] = [] as [Any]
      #expect(try await send(body, service, key: key).errorCode == "validation_failed")
      #expect(service.processor.count == 0)
    }
  }

  @Test func customerErrorsComeBackTogetherWithTheirFields() async throws {
    try await withService { service in
      let key = Orders.newKey()
      var body = try await validBody(service, key: key)
      body["lines"] = [["sku": "INKWELL-PRO-BOX", "quantity": 1]]
      body["customer"] = [
        "name": "\u{1B}]0;pwned\u{7}", "email": "nope", "phone": "",
        "address": ["line1": "", "line2": "", "city": "", "postalCode": "", "country": "DE"],
      ]
      let answer = try await send(body, service, key: key)
      #expect(answer.status == 400)
      let error = try #require(try answer.json["error"] as? [String: Any])
      let fields = try #require(error["fields"] as? [[String: Any]]).compactMap {
        $0["field"] as? String
      }
      #expect(
        Set(fields).isSuperset(of: [
          "customer.name", "customer.email", "customer.address.line1", "customer.address.city",
          "customer.address.postalCode",
        ]))
      #expect(!answer.text.contains("pwned"))
    }
  }

  /// A card number typed into the wrong field is refused by name, never echoed, and ends up
  /// in no file of the service's.
  @Test func aCardNumberInACustomerFieldIsRefusedAndStoredNowhere() async throws {
    let spellings: [(field: String, value: String)] = [
      ("customer.name", "Ada 4242 4242 4242 4242"),
      ("customer.phone", "378282246310005"),
      ("customer.email", "5555555555554444@example.com"),
      ("customer.address.line1", "Unter den Linden 1, 6011-1111-1111-1117"),
      ("customer.address.line2", "4000000000009995 12/29"),
      ("customer.address.city", "4000 0000 0000 0002"),
    ]
    try await withService(afterStop: CardDataTests.inspectFiles) { service in
      let key = Orders.newKey()
      var body = try await validBody(service, key: key)
      for (field, value) in spellings {
        var customer: [String: Any] = [
          "name": "Ada Lovelace", "email": "ada@example.com", "phone": "",
          "address": [
            "line1": "Unter den Linden 1", "line2": "", "city": "Berlin", "postalCode": "10117",
            "country": "DE",
          ],
        ]
        var address = customer["address"] as? [String: Any] ?? [:]
        switch field {
        case "customer.name": customer["name"] = value
        case "customer.phone": customer["phone"] = value
        case "customer.email": customer["email"] = value
        case "customer.address.line1": address["line1"] = value
        case "customer.address.line2": address["line2"] = value
        default: address["city"] = value
        }
        customer["address"] = address
        body["customer"] = customer
        let answer = try await send(body, service, key: key)
        #expect(answer.status == 422, "\(field): \(answer.text)")
        #expect(answer.errorCode == "card_number_in_text")
        let error = try #require(try answer.json["error"] as? [String: Any])
        let fields = (error["fields"] as? [[String: Any]] ?? []).compactMap {
          $0["field"] as? String
        }
        #expect(fields.contains(field) || error["field"] as? String == field, "\(answer.text)")
        #expect(answer.text.contains("looks like a card number"), "\(answer.text)")
        let digits = value.filter(\.isNumber)
        #expect(!answer.text.filter(\.isNumber).contains(digits.prefix(12)), "\(answer.text)")
      }
      #expect(service.processor.count == 0)
    }
  }

  @Test func pricesSentByTheClientAreIgnored() async throws {
    try await withService { service in
      let key = Orders.newKey()
      var body = try await validBody(service, key: key)
      body["total"] = ["minorUnits": 1, "currency": "EUR"]
      body["lines"] = [["sku": "INKWELL-PRO", "quantity": 1, "unitPrice": 1, "price": 1]]
      body["quote"] = ["total": ["minorUnits": 1, "currency": "EUR"]]
      let answer = try await send(body, service, key: key)
      #expect(answer.status == 201)
      let order = try JSONDecoder().decode(OrderResponse.self, from: Data(answer.body)).order
      // The customer is in GB, outside the EU VAT table: the total is the net catalog price.
      #expect(order.quote.total == Money(minorUnits: 8900, currency: .eur))
    }
  }

  @Test func idempotencyKeysAreRequiredAndChecked() async throws {
    try await withService { service in
      let body = try Orders.body(try await Orders.submission(service.channel))
      let missing = try await service.raw(.POST, "/v1/orders", body: body)
      #expect(missing.status == 400)
      #expect(missing.errorCode == "idempotency_key_missing")
      for key in [String(repeating: "k", count: 256), "has space", "ключ"] {
        let answer = try await service.submitRaw(body, key: key)
        #expect(answer.status == 400)
        #expect(answer.errorCode == "idempotency_key_invalid")
      }
      #expect(service.processor.count == 0)
    }
  }

  @Test func oversizedBodiesGet413AndTheServiceKeepsServing() async throws {
    try await withService { service in
      let huge = [UInt8](repeating: UInt8(ascii: " "), count: 1_000_000)
      let order = try await service.submitRaw(huge, key: "big")
      #expect(order.status == 413)
      #expect(order.errorCode == "body_too_large")
      let quote = try await service.raw(.POST, "/v1/quotes", body: huge)
      #expect(quote.status == 413)
      #expect(try await service.raw(.GET, "/healthz").status == 200)
    }
  }

  @Test func aCardThatCannotBeOpenedIsRefusedWithoutACharge() async throws {
    try await withService { service in
      let key = Orders.newKey()
      var body = try await validBody(service, key: key)
      var card = try #require(body["card"] as? [String: Any])
      card["sealed"] = Data(repeating: 7, count: 120).base64EncodedString()
      body["card"] = card
      let answer = try await send(body, service, key: key)
      #expect(answer.status == 400)
      #expect(answer.errorCode == "card_unreadable")

      // A card sealed for one key cannot be replayed under another.
      let other = try await validBody(service, key: Orders.newKey())
      let replayed = try await send(other, service, key: key)
      #expect(replayed.errorCode == "card_unreadable")
      #expect(service.processor.count == 0)
    }
  }

  @Test func unknownRoutesAndMethodsAnswerInJSON() async throws {
    try await withService { service in
      let route = try await service.raw(.GET, "/v2/everything")
      #expect(route.status == 404)
      #expect(route.errorCode == "not_found")
      let method = try await service.raw(.DELETE, "/v1/catalog")
      #expect(method.status == 404 || method.status == 405)
      #expect(method.errorCode != nil)
    }
  }

  @Test func quoteInputIsCheckedToo() async throws {
    try await withService { service in
      let cases: [(String, String)] = [
        ("{}", "validation_failed"),
        (
          #"{"currency":"EUR","country":"DE","lines":[{"sku":"NOPE-1","quantity":1}]}"#,
          "unknown_sku"
        ),
        (
          #"{"currency":"EUR","country":"DE","lines":[{"sku":"INKWELL-PRO","quantity":10000}]}"#,
          "validation_failed"
        ),
        (
          #"{"currency":"EUR","country":"D\u001b","lines":[{"sku":"INKWELL-PRO","quantity":1}]}"#,
          "validation_failed"
        ),
        (
          #"{"currency":"JPY","country":"DE","lines":[{"sku":"INKWELL-PRO-BOX-JA","quantity":1}]}"#,
          ""
        ),
      ]
      for (body, code) in cases {
        let answer = try await service.raw(.POST, "/v1/quotes", body: Array(body.utf8))
        if code.isEmpty {
          #expect(answer.status == 200, "\(answer.text)")
        } else {
          #expect(answer.status == 400, "\(body): \(answer.text)")
          #expect(answer.errorCode == code, "\(body): \(answer.text)")
        }
      }
    }
  }
}

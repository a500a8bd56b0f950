import Foundation
import OrderAPI
import OrderCore
import OrderDeskTestSupport
import Testing

@testable import OrderClient

/// Every free-text field the service accepts refuses a card number with
/// `422 card_number_in_text`, names the field, and keeps nothing of it.
@Suite(.serialized) struct CardNumberInTextTests {
  /// Numbers written the ways the shape-based check let through, none of them the card the
  /// orders are paid with.
  static let typed: [(number: String, spelling: String)] = [
    ("5555555555554444", "5555.5555.5555.4444"),
    ("6011111111111117", "6011  1111  1111  1117"),
    ("378282246310005", CardLeaks.fullWidth("378282246310005")),
    ("4222222222222", "4222222222222"),
    ("4000056655665556", "4000/0566/5566/5556"),
  ]
  static let paidWith = (number: "4242424242424242", cvc: "739")
  static var numbers: [String] { typed.map(\.number) + [paidWith.number] }

  static func inspect(_ directory: String) throws {
    let found = CardLeaks.findings(
      inDirectory: directory, numbers: numbers, cvcs: [paidWith.cvc])
    #expect(found.isEmpty, "\(found)")
  }

  /// The order body of `submission` with `value` at `path` in its customer.
  static func body(
    _ submission: OrderSubmission, _ path: [String], _ value: Any
  ) throws
    -> [UInt8]
  {
    var json = try #require(
      JSONSerialization.jsonObject(with: Data(Orders.body(submission))) as? [String: Any])
    var customer = try #require(json["customer"] as? [String: Any])
    if path.count == 2 {
      var address = try #require(customer["address"] as? [String: Any])
      address[path[1]] = value
      customer["address"] = address
    } else {
      customer[path[0]] = value
    }
    json["customer"] = customer
    return Array(try JSONSerialization.data(withJSONObject: json))
  }

  static func expectRefused(
    _ response: IncomingResponse, field: String, spelling: String
  ) throws {
    #expect(response.status == 422, "\(field)")
    #expect(response.errorCode == "card_number_in_text", "\(field)")
    let error = try #require(try response.json["error"] as? [String: Any])
    #expect(error["field"] as? String == field)
    #expect(
      CardLeaks.findings(in: response.text, numbers: numbers, cvcs: []).isEmpty,
      "the answer repeats the number")
  }

  @Test func everyCustomerFieldAndProductCodeRefusesACardNumber() async throws {
    try await withService(afterStop: Self.inspect) { service in
      let submission = try await Orders.submission(
        service.channel, number: Self.paidWith.number, cvc: Self.paidWith.cvc)
      let fields: [(path: [String], field: OrderField)] = [
        (["name"], .customerName), (["email"], .customerEmail), (["phone"], .customerPhone),
        (["address", "line1"], .addressLine1), (["address", "line2"], .addressLine2),
        (["address", "city"], .city), (["address", "postalCode"], .postalCode),
      ]
      for (path, field) in fields {
        for (_, spelling) in Self.typed {
          let response = try await service.submitRaw(
            try Self.body(submission, path, "Flat 3 \(spelling) x"), key: UUID().uuidString)
          try Self.expectRefused(response, field: field.rawValue, spelling: spelling)
        }
      }
      // A product code is free text too; its "unknown product" answer would repeat it.
      var json = try #require(
        JSONSerialization.jsonObject(with: Data(Orders.body(submission))) as? [String: Any])
      json["lines"] = [["sku": "5555-5555-5555-4444", "quantity": 1]]
      let response = try await service.submitRaw(
        Array(try JSONSerialization.data(withJSONObject: json)), key: UUID().uuidString)
      try Self.expectRefused(response, field: "cart", spelling: "5555-5555-5555-4444")
      #expect(service.processor.count == 0, "nothing reached the processor")

      // The same order without the number is taken: the check is not refusing everything.
      guard case .accepted = try await service.channel.submit(submission) else {
        Issue.record("the clean order was not accepted")
        return
      }
    }
  }

  @Test func staffTextAndTheLookUpRefuseACardNumber() async throws {
    try await withService(afterStop: Self.inspect) { service in
      let order = try await StaffRouteTests.order(service)
      for (_, spelling) in Self.typed {
        let refund = try await StaffRouteTests.refund(
          service, order.number, amount: 100, note: spelling)
        try Self.expectRefused(refund, field: "note", spelling: spelling)

        let token = try await StaffRouteTests.token(service)
        let query = PercentEncoding.encode(spelling)
        let search = try await service.raw(
          .GET, "/v1/orders?q=\(query)", headers: [("Authorization", "Bearer \(token)")])
        try Self.expectRefused(search, field: "q", spelling: spelling)

        let lookUp = try await service.raw(.GET, "/v1/orders/\(order.number)?email=\(query)")
        try Self.expectRefused(lookUp, field: "customer.email", spelling: spelling)
      }
      // An idempotency key is an identifier, not text: a UUID's digit groups now and then
      // read as a card number, and the order with it is taken.
      let uuidKey = "bench-10427-41111111-1111-1111-BA7E-000000000000"
      #expect(CardNumberScanner.containsCardNumber(uuidKey))
      // The card is sealed to the key, as the desk seals it.
      let sealedToKey = try await Orders.submission(
        service.channel, key: try #require(IdempotencyKey(uuidKey)))
      let keyed = try await service.submitRaw(try Orders.body(sealedToKey), key: uuidKey)
      #expect(keyed.status == 201, "\(keyed.text)")
      #expect(service.processor.refundCount == 0)

      // A path is echoed in the "no such route" answer and logged: the number is not.
      let lost = try await service.raw(.GET, "/v1/cards/5555.5555.5555.4444")
      #expect(lost.status == 404)
      #expect(lost.text.contains("[card number]"))
      #expect(CardLeaks.findings(in: lost.text, numbers: Self.numbers, cvcs: []).isEmpty)

      // A reason without a number is refunded.
      let honest = try await StaffRouteTests.refund(service, order.number, amount: 100)
      #expect(honest.status == 201)
    }
  }

  /// The twin of the checks above: a number put into the service's files on purpose, in the
  /// spellings the old check missed, is found.
  @Test func theFileCheckFindsANumberPlantedInTheServicesFiles() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("orderdesk-service-\(UUID().uuidString)").path
    defer { removeServiceDirectory(directory) }
    try await withService(directory: directory) { service in
      _ = try await StaffRouteTests.order(service)
    }
    #expect(CardLeaks.findings(inDirectory: directory, numbers: Self.numbers, cvcs: []).isEmpty)
    for (number, spelling) in Self.typed {
      let log = directory + "/logs/service.log"
      let original = try Data(contentsOf: URL(fileURLWithPath: log))
      try (original + Data("note: \(spelling)\n".utf8)).write(to: URL(fileURLWithPath: log))
      let found = CardLeaks.findings(inDirectory: directory, numbers: [number], cvcs: [])
      #expect(!found.isEmpty, "a planted \(number.suffix(4)) was not found")
      try original.write(to: URL(fileURLWithPath: log))
    }
  }
}

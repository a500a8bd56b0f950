import Foundation
import OrderAPI
import OrderClient
import OrderCore
import Testing

@Suite("Down, time-outs, retries and bad answers")
struct ChannelFailureTests {
  @Test func aClosedPortIsDown() async throws {
    let closed = try ClosedPort()
    defer { withExtendedLifetime(closed) {} }
    let port = closed.port
    let channel = HTTPSOrderChannel(
      endpoint: try ServiceEndpoint(parsing: "https://127.0.0.1:\(port)"),
      trust: .systemTrustStore)
    try await ChannelSupport.using(channel) { channel in
      let security = await channel.probe()
      guard case .down(let reason) = security else {
        Issue.record("expected down, got \(security)")
        return
      }
      #expect(reason.contains("refused the connection"))
      #expect(reason.contains("127.0.0.1:\(port)"))
      await #expect(throws: OrderChannelError.unavailable(reason: reason)) {
        _ = try await channel.catalog()
      }
    }
  }

  // The time-outs are proven by the states and errors they produce; the time limit only
  // guards against a hang.
  @Test(.timeLimit(.minutes(1))) func aServiceThatNeverCompletesTheHandshakeTimesOut() async throws
  {
    try await RawServer.run(.silent) { port, _ in
      let channel = HTTPSOrderChannel(
        endpoint: try ServiceEndpoint(parsing: "https://127.0.0.1:\(port)"),
        trust: .systemTrustStore, timeout: .milliseconds(300))
      try await ChannelSupport.using(channel) { channel in
        let security = await channel.probe()
        guard case .down(let reason) = security else {
          Issue.record("expected down, got \(security)")
          return
        }
        #expect(reason.contains("did not complete a TLS handshake within 300 ms"))
      }
    }
  }

  @Test(.timeLimit(.minutes(1))) func aServiceThatNeverAnswersTimesOutClearly() async throws {
    try await RawServer.run(.silent) { port, _ in
      let channel = HTTPSOrderChannel(
        endpoint: try ServiceEndpoint(parsing: "http://127.0.0.1:\(port)"),
        trust: .systemTrustStore, timeout: .milliseconds(300))
      try await ChannelSupport.using(channel) { channel in
        let error = await #expect(throws: OrderChannelError.self) {
          _ = try await channel.catalog()
        }
        #expect(
          error
            == .timedOut(
              operation: "reading the catalog", after: .milliseconds(300), retried: false))
        #expect(error?.description.contains("did not answer within 300 ms") == true)
      }
    }
  }

  @Test func aReadWhoseConnectionIsLostIsRetriedOnceThenReported() async throws {
    try await RawServer.run(.reply([], thenClose: true)) { port, accepted in
      let channel = HTTPSOrderChannel(
        endpoint: try ServiceEndpoint(parsing: "http://127.0.0.1:\(port)"),
        trust: .systemTrustStore)
      try await ChannelSupport.using(channel) { channel in
        let error = await #expect(throws: OrderChannelError.self) {
          _ = try await channel.catalog()
        }
        #expect(error == .connectionLost(operation: "reading the catalog", retried: true))
      }
      #expect(accepted.count == 2)
    }
  }

  @Test(arguments: [
    "HELLO\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
  ])
  func anAnswerThatIsNotHTTPIsMalformed(reply: String) async throws {
    try await RawServer.run(.reply(Array(reply.utf8), thenClose: false)) { port, _ in
      let channel = HTTPSOrderChannel(
        endpoint: try ServiceEndpoint(parsing: "http://127.0.0.1:\(port)"),
        trust: .systemTrustStore, timeout: .seconds(5))
      try await ChannelSupport.using(channel) { channel in
        let error = await #expect(throws: OrderChannelError.self) {
          _ = try await channel.catalog()
        }
        #expect(error?.description.contains("not valid HTTP/1.1") == true)
      }
    }
  }

  @Test func aSubmitWhoseConnectionDropsIsRetriedOnceWithTheSameKey() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      service.log.dropOrders(1)
      let channel = try ChannelSupport.pinned(service, to: identity)
      let submission = Fixtures.submission()
      let outcome = try await ChannelSupport.using(channel) { try await $0.submit(submission) }
      let record = try Fixtures.record
      #expect(outcome == .accepted(record))
      let key = submission.idempotencyKey.rawValue
      #expect(service.log.submittedKeys == [key, key])
      #expect(service.log.connections == 2)
    }
  }

  @Test func aSubmitThatTimesOutIsRetriedOnceWithTheSameKey() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      // The retry's time-out leaves room for a new handshake on a loaded machine; only the
      // first answer, held back twice as long, outlasts it.
      service.log.delayFirstOrder(by: .seconds(4))
      let channel = try ChannelSupport.pinned(service, to: identity, timeout: .seconds(2))
      let submission = Fixtures.submission()
      let outcome = try await ChannelSupport.using(channel) { try await $0.submit(submission) }
      let record = try Fixtures.record
      #expect(outcome == .accepted(record))
      let key = submission.idempotencyKey.rawValue
      #expect(service.log.submittedKeys == [key, key])
    }
  }

  @Test func aSubmitLostTwiceGivesAClearErrorAfterOneRetry() async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      service.log.dropOrders(5)
      let channel = try ChannelSupport.pinned(service, to: identity)
      let submission = Fixtures.submission()
      let error = await #expect(throws: OrderChannelError.self) {
        try await ChannelSupport.using(channel) { _ = try await $0.submit(submission) }
      }
      #expect(error == .connectionLost(operation: "submitting the order", retried: true))
      #expect(error?.description.contains("submitting it again is safe") == true)
      let key = submission.idempotencyKey.rawValue
      #expect(service.log.submittedKeys == [key, key])
    }
  }

  @Test func aMalformedCatalogIsACatalogError() async throws {
    try await withService { service, channel in
      service.log.can("GET /v1/catalog", status: 200, body: Array("not json".utf8))
      let error = await #expect(throws: OrderChannelError.self) { _ = try await channel.catalog() }
      guard case .invalidCatalog(let catalogError) = error else {
        Issue.record("expected invalidCatalog, got \(String(describing: error))")
        return
      }
      #expect(catalogError.source == "\(service.endpoint())/v1/catalog")
    }
  }

  @Test(arguments: [
    ("{\"quote\": 5}", "the field quote has the wrong type."),
    ("{}", "the field quote is missing."),
    ("[1,2", "the body is not valid JSON."),
    ("", "the body is not valid JSON."),
  ])
  func aMalformedQuoteIsAnUnexpectedResponse(body: String, problem: String) async throws {
    try await withService { service, channel in
      service.log.can("POST /v1/quotes", status: 200, body: Array(body.utf8))
      let error = await #expect(throws: OrderChannelError.self) {
        _ = try await channel.quote(
          QuoteRequest(currency: .eur, country: "DE", lines: Fixtures.lines))
      }
      #expect(error == .unexpectedResponse(operation: "pricing the cart", problem: problem))
    }
  }

  @Test func anOversizedAnswerIsRefusedAndTheNextRequestStillWorks() async throws {
    try await withService { service, channel in
      let huge = [UInt8](repeating: UInt8(ascii: " "), count: 9 * 1024 * 1024)
      service.log.can("GET /v1/catalog", status: 200, body: huge)
      let error = await #expect(throws: OrderChannelError.self) { _ = try await channel.catalog() }
      #expect(error?.description.contains("larger than 8 MB") == true)
      _ = try await channel.vaultKey()
      #expect(service.log.connections == 2)
    }
  }

  @Test func anErrorAnswerCarriesTheServicesErrorBody() async throws {
    try await withService { service, channel in
      let body = APIErrorBody(
        .validation([FieldError(.country, "Please choose a country.")]))
      service.log.can("POST /v1/quotes", status: 422, body: Fixtures.json(body))
      let error = await #expect(throws: OrderChannelError.self) {
        _ = try await channel.quote(
          QuoteRequest(currency: .eur, country: "DE", lines: Fixtures.lines))
      }
      #expect(
        error
          == .serviceError(operation: "pricing the cart", status: 422, error: body.error))
    }
  }

  @Test func aServiceMessageCannotPutEscapeSequencesOnTheScreen() async throws {
    try await withService { service, channel in
      let hostile = APIErrorBody(
        APIError(code: .internalError, message: "boom\u{1B}[2J\u{1B}]0;owned\u{07}"))
      service.log.can("GET /v1/catalog", status: 500, body: Fixtures.json(hostile))
      let error = await #expect(throws: OrderChannelError.self) { _ = try await channel.catalog() }
      let text = error?.description ?? ""
      #expect(text.contains("boom"))
      #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
  }

  @Test func anErrorAnswerWithoutJSONStillSaysTheStatus() async throws {
    try await withService { service, channel in
      service.log.can("GET /v1/catalog", status: 503, body: Array("<html>down</html>".utf8))
      let error = await #expect(throws: OrderChannelError.self) { _ = try await channel.catalog() }
      #expect(error == .serviceError(operation: "reading the catalog", status: 503, error: nil))
      #expect(error?.description == "The order service answered 503 while reading the catalog.")
    }
  }

  /// A pinned TLS service and a channel to it, for tests of answers.
  private func withService(
    _ body: (TestService, HTTPSOrderChannel) async throws -> Void
  ) async throws {
    let identity = try ChannelSupport.selfSigned()
    try await TestService.run(tls: .init(identity: identity)) { service in
      let channel = try ChannelSupport.pinned(service, to: identity)
      try await ChannelSupport.using(channel) { try await body(service, $0) }
    }
  }
}

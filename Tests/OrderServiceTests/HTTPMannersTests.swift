import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import OrderAPI
import OrderCore
import OrderService
import Testing

@testable import OrderClient

/// What every well-behaved HTTP service does: caching refused for private answers, HSTS, 405
/// with `Allow`, `HEAD`, `401` with `WWW-Authenticate`, `Expect: 100-continue`, transfer
/// codings it does not speak, and HTTP/2.
@Suite(.serialized) struct HTTPMannersTests {
  /// Every answer but the public ones says `no-store`: orders, look-ups, searches, refunds,
  /// downloads, quotes and errors.
  @Test func privateAnswersAreNeverStoredPublicOnesAreAskedForAgain() async throws {
    try await withService { service in
      let submission = try await Orders.submission(service.channel)
      let placed = try await service.submitRaw(
        try Orders.body(submission), key: submission.idempotencyKey.rawValue)
      #expect(placed.status == 201 || placed.status == 200, "\(placed.text)")
      let order = try JSONDecoder().decode(OrderResponse.self, from: Data(placed.body)).order
      let token = try await StaffRouteTests.token(service)
      let link = try #require(order.fulfilments.first?.downloadURL)
      let linkPath = String(link.dropFirst(service.service.url.count))
      let answers: [(String, IncomingResponse)] = [
        ("submit", placed),
        (
          "look-up", try await service.raw(.GET, "/v1/orders/\(order.number)?email=ada@example.com")
        ),
        ("failed look-up", try await service.raw(.GET, "/v1/orders/\(order.number)?email=x@y.z")),
        (
          "search",
          try await service.raw(
            .GET, "/v1/orders?q=ada", headers: [("Authorization", "Bearer \(token)")])
        ),
        ("refused search", try await service.raw(.GET, "/v1/orders?q=ada")),
        ("refund", try await StaffRouteTests.refund(service, order.number, amount: 100)),
        ("download", try await service.raw(.GET, linkPath)),
        (
          "quote",
          try await service.raw(
            .POST, "/v1/quotes",
            body: Array(
              #"{"currency":"EUR","country":"DE","lines":[{"sku":"INKWELL-PRO","quantity":1}]}"#
                .utf8))
        ),
        ("no route", try await service.raw(.GET, "/v1/nothing-here")),
      ]
      for (name, answer) in answers {
        #expect(answer.headers.first(name: "Cache-Control") == "no-store", "\(name)")
      }
      for path in ["/healthz", "/v1/catalog", "/v1/vault-key"] {
        let answer = try await service.raw(.GET, path)
        #expect(answer.status == 200)
        #expect(answer.headers.first(name: "Cache-Control") == "no-cache", "\(path)")
      }
    }
  }

  @Test func hstsOnTLSOnly() async throws {
    try await withService { service in
      let answer = try await service.raw(.GET, "/healthz")
      #expect(answer.headers.first(name: "Strict-Transport-Security") == "max-age=63072000")
      let error = try await service.raw(.GET, "/nowhere")
      #expect(error.headers.first(name: "Strict-Transport-Security") == "max-age=63072000")
    }
    try await withService(transport: .insecureHTTP) { service in
      let answer = try await service.raw(.GET, "/healthz")
      #expect(answer.status == 200)
      #expect(answer.headers.first(name: "Strict-Transport-Security") == nil)
    }
  }

  @Test func aWrongMethodIs405WithTheMethodsTheRouteAnswers() async throws {
    let routes: [(path: String, wrong: HTTPMethod, allow: String)] = [
      ("/healthz", .POST, "GET, HEAD"),
      ("/v1/catalog", .DELETE, "GET, HEAD"),
      ("/v1/vault-key", .PUT, "GET, HEAD"),
      ("/v1/quotes", .GET, "POST"),
      ("/v1/orders", .DELETE, "GET, HEAD, POST"),
      ("/v1/orders/OD-7K3F9Q2M", .POST, "GET, HEAD"),
      ("/v1/orders/OD-7K3F9Q2M/refunds", .GET, "POST"),
      ("/v1/downloads/OD-7K3F9Q2M/INKWELL-PRO", .PATCH, "GET, HEAD"),
    ]
    try await withService { service in
      for route in routes {
        let answer = try await service.raw(route.wrong, route.path)
        #expect(answer.status == 405, "\(route.path)")
        #expect(answer.headers.first(name: "Allow") == route.allow, "\(route.path)")
        #expect(answer.errorCode == "not_found")
        #expect(answer.text.contains(route.allow), "\(answer.text)")
      }
      let nowhere = try await service.raw(.POST, "/v1/nowhere")
      #expect(nowhere.status == 404)
      #expect(nowhere.headers.first(name: "Allow") == nil)
    }
  }

  @Test func headAnswersAsGetDoesWithoutTheBody() async throws {
    try await withService { service in
      for path in ["/healthz", "/v1/catalog", "/v1/vault-key"] {
        let get = try await service.raw(.GET, path)
        let head = try await service.raw(.HEAD, path)
        #expect(head.status == get.status, "\(path)")
        #expect(head.body.isEmpty)
        #expect(
          head.headers.first(name: "Content-Type") == get.headers.first(name: "Content-Type"))
      }
      let missing = try await service.raw(.HEAD, "/v1/orders/OD-7K3F9Q2M?email=ada@example.com")
      #expect(missing.status == 404)
      #expect(missing.body.isEmpty)
    }
  }

  @Test func staffRefusalsNameTheBearerSchemeWhichMatchesInAnyCase() async throws {
    try await withService { service in
      let token = try await StaffRouteTests.token(service)
      for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let answer = try await service.raw(
          .GET, "/v1/orders?q=ada", headers: [("Authorization", "\(scheme) \(token)")])
        #expect(answer.status == 200, "\(scheme)")
      }
      let missing = try await service.raw(.GET, "/v1/orders?q=ada")
      #expect(missing.status == 401)
      #expect(missing.headers.first(name: "WWW-Authenticate") == #"Bearer realm="orderdesk-staff""#)
      for header in ["Bearer wrong", "bearer \(token)x", "Basic \(token)", "Bearer"] {
        let refused = try await service.raw(
          .GET, "/v1/orders?q=ada", headers: [("Authorization", header)])
        #expect(refused.status == 401, "\(header)")
        let challenge = try #require(refused.headers.first(name: "WWW-Authenticate"))
        #expect(challenge.hasPrefix("Bearer "))
      }
      let wrong = try await service.raw(
        .GET, "/v1/orders?q=ada", headers: [("Authorization", "Bearer wrong")])
      #expect(wrong.headers.first(name: "WWW-Authenticate")?.contains("invalid_token") == true)
    }
  }

  @Test func anOversizedBodyThatAsksFirstIsRefusedAtOnce() async throws {
    try await withService { service in
      let client = try await RawClient.connect(port: service.service.port, .tls)
      let asked = ContinuousClock.now
      try await client.write(
        "POST /v1/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Idempotency-Key: big-one\r\nContent-Length: 10000000\r\nExpect: 100-continue\r\n\r\n")
      // No body is ever sent, so a service that waited for it would not answer before its idle
      // time-out (30 s): an answer within seconds is one given at once, however busy the host.
      #expect(await client.waitFor("body_too_large", within: .seconds(8)))
      #expect(client.text.hasPrefix("HTTP/1.1 413"), "\(client.text)")
      #expect(!client.text.contains("100 Continue"))
      #expect(await client.closedAfter(asked, within: .seconds(8)) != nil)
    }
  }

  @Test func aBodyThatAsksFirstGetsContinueThenItsAnswer() async throws {
    try await withService { service in
      let client = try await RawClient.connect(port: service.service.port, .tls)
      let body = #"{"currency":"EUR","country":"DE","lines":[{"sku":"INKWELL-PRO","quantity":1}]}"#
      try await client.write(
        "POST /v1/quotes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
      // The body is sent only after the 100, so without one nothing more would happen.
      #expect(await client.waitFor("HTTP/1.1 100 Continue\r\n\r\n", within: .seconds(8)))
      try await client.write(body)
      #expect(await client.waitFor("\"quote\"", within: .seconds(3)), "\(client.text)")
      #expect(client.text.contains("HTTP/1.1 200 OK"))
      await client.close()
    }
  }

  /// One service for every coding: a refused TLS connection is held by its close for up to
  /// five seconds, which each service's stop would wait for.
  @Test func anUnknownTransferCodingIsNotImplementedAndNotLoggedAsAFault() async throws {
    try await withService { service in
      for coding in ["gzip", "gzip, chunked", "compress", "identity"] {
        let client = try await RawClient.connect(port: service.service.port, .tls)
        try await client.write(
          "POST /v1/quotes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: \(coding)\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        #expect(await client.waitFor("\r\n\r\n", within: .seconds(2)))
        #expect(await client.closedAfter(.now, within: .seconds(2)) != nil)
        let status = String(client.text.prefix(12))
        #expect(status == "HTTP/1.1 501" || status == "HTTP/1.1 400", "\(client.text)")
        #expect(client.text.contains("unsupported_transfer_coding"), "\(coding)")
      }
      // The service still answers, and logged nothing as its own fault.
      #expect(try await service.raw(.GET, "/healthz").status == 200)
      let log = (try? String(contentsOfFile: service.logFile, encoding: .utf8)) ?? ""
      #expect(!log.contains(" error "), "\(log)")
      #expect(!log.contains(" critical "), "\(log)")
    }
  }

  @Test func chunkedBodiesAreStillRead() async throws {
    try await withService { service in
      let client = try await RawClient.connect(port: service.service.port, .tls)
      let body = #"{"currency":"EUR","country":"DE","lines":[{"sku":"INKWELL-PRO","quantity":1}]}"#
      let size = String(body.utf8.count, radix: 16)
      try await client.write(
        "POST /v1/quotes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n\(size)\r\n\(body)\r\n0\r\n\r\n")
      #expect(await client.waitFor("\"quote\"", within: .seconds(3)), "\(client.text)")
      await client.close()
    }
  }

  @Test func http2IsOfferedOverALPNAndAnswers() async throws {
    try await withService { service in
      var tls = TLSConfiguration.makeClientConfiguration()
      tls.certificateVerification = .none
      let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: .init(tlsConfiguration: tls))
      do {
        let health = try await client.execute(
          HTTPClientRequest(url: service.service.url + "/healthz"), timeout: .seconds(5))
        #expect(health.version == .http2)
        #expect(health.status.code == 200)
        #expect(health.headers.first(name: "cache-control") == "no-cache")
        var quote = HTTPClientRequest(url: service.service.url + "/v1/quotes")
        quote.method = .POST
        quote.headers.add(name: "content-type", value: "application/json")
        quote.body = .bytes(
          ByteBuffer(
            string:
              #"{"currency":"EUR","country":"DE","lines":[{"sku":"INKWELL-PRO","quantity":1}]}"#
          ))
        let quoted = try await client.execute(quote, timeout: .seconds(5))
        #expect(quoted.version == .http2)
        #expect(quoted.status.code == 200)
        let wrong = try await client.execute(
          HTTPClientRequest(url: service.service.url + "/v1/quotes"), timeout: .seconds(5))
        #expect(wrong.status.code == 405)
        #expect(wrong.headers.first(name: "allow") == "POST")
      } catch {
        try await client.shutdown()
        throw error
      }
      try await client.shutdown()
      // The desk's channel still speaks HTTP/1.1 to the same service.
      #expect(try await service.raw(.GET, "/healthz").status == 200)
    }
  }
}

import Foundation
import OrderClient
import OrderCore
import Testing

@Suite("Plain HTTP: the open lock")
struct PlainHTTPChannelTests {
  @Test func readsWorkButCardDataIsRefusedAndNeverSent() async throws {
    try await TestService.run(tls: nil) { service in
      let url = service.endpoint(https: false)
      let channel = HTTPSOrderChannel(
        endpoint: try ServiceEndpoint(parsing: url), trust: .systemTrustStore)
      try await ChannelSupport.using(channel) { channel in
        #expect(await channel.probe() == .notEncrypted(endpoint: url))
        #expect(try await channel.catalog().items.count > 0)
        let quote = try await channel.quote(
          QuoteRequest(currency: .eur, country: "DE", lines: Fixtures.lines))
        #expect(quote.lines.count == 1)

        let insecure = OrderChannelError.insecureChannel(.notEncrypted(endpoint: url))
        let card = Fixtures.card()
        await #expect(throws: insecure) {
          _ = try await channel.sealCard(
            card, idempotencyKey: IdempotencyKey("k-1")!, currentMonth: Fixtures.currentMonth)
        }
        await #expect(throws: insecure) { _ = try await channel.submit(Fixtures.submission()) }
        await #expect(throws: insecure) { _ = try await channel.vaultKey() }
        #expect(insecure.description.contains("not encrypted"))
      }
      let paths = service.log.entries.map(\.path)
      #expect(paths == ["/v1/catalog", "/v1/quotes"])
      let everything = service.log.entries.flatMap(\.body)
      #expect(!String(decoding: everything, as: UTF8.self).contains("4242"))
      #expect(service.log.submittedKeys.isEmpty)
    }
  }
}

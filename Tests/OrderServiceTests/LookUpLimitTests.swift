import Foundation
import OrderAPI
import OrderCore
import Testing

@testable import OrderClient
@testable import OrderService

/// Order look-ups are limited per client address and per order number, so that neither the
/// email on a known number nor the number for a known email can be guessed by the thousand.
@Suite("Order look-up limits")
struct LookUpLimitTests {
  static func limiter(
    perAddress: Int = .max, perOrder: Int = .max, clock: TestClock = TestClock()
  ) -> LookUpLimiter {
    LookUpLimiter(
      limits: LookUpLimits(perAddress: perAddress, perOrder: perOrder, window: 60),
      clock: { clock.now })
  }

  @Test func anAddressGetsItsLookUpsAndThenWaitsForTheNextToRefill() {
    let clock = TestClock()
    let limiter = Self.limiter(perAddress: 3, clock: clock)
    for index in 0..<3 {
      #expect(limiter.admit(address: "203.0.113.7", order: "OD-0000000\(index)") == .admitted)
    }
    // Three a minute refill one every 20 seconds.
    #expect(limiter.admit(address: "203.0.113.7", order: "OD-00000009") == .refused(retryAfter: 20))
    #expect(limiter.admit(address: "203.0.113.8", order: "OD-00000009") == .admitted)
    clock.advance(by: 19)
    #expect(limiter.admit(address: "203.0.113.7", order: "OD-00000009") == .refused(retryAfter: 1))
    clock.advance(by: 1)
    #expect(limiter.admit(address: "203.0.113.7", order: "OD-00000009") == .admitted)
  }

  @Test func anOrderNumberIsLimitedWhoeverAsks() {
    let limiter = Self.limiter(perOrder: 2)
    #expect(limiter.admit(address: "198.51.100.1", order: "OD-AAAAAAAA") == .admitted)
    #expect(limiter.admit(address: "198.51.100.2", order: "OD-AAAAAAAA") == .admitted)
    #expect(
      limiter.admit(address: "198.51.100.3", order: "OD-AAAAAAAA") == .refused(retryAfter: 30))
    #expect(limiter.admit(address: "198.51.100.3", order: "OD-BBBBBBBB") == .admitted)
  }

  @Test func aRefusalTakesNothingFromTheOtherBucket() {
    let limiter = Self.limiter(perAddress: 1, perOrder: 1)
    #expect(limiter.admit(address: "198.51.100.1", order: "OD-AAAAAAAA") == .admitted)
    // The order is spent; asking for it again from elsewhere must not spend that address too.
    #expect(limiter.admit(address: "198.51.100.2", order: "OD-AAAAAAAA") != .admitted)
    #expect(limiter.admit(address: "198.51.100.2", order: "OD-BBBBBBBB") == .admitted)
  }

  @Test func anIPv6SubscriberIsOneAddressWhateverItsLast64Bits() {
    let limiter = Self.limiter(perAddress: 2)
    #expect(limiter.admit(address: "2001:db8:1:2::1", order: nil) == .admitted)
    #expect(limiter.admit(address: "2001:db8:1:2::ffff:1", order: nil) == .admitted)
    #expect(limiter.admit(address: "2001:db8:1:2:a:b:c:d", order: nil) != .admitted)
    #expect(limiter.admit(address: "2001:db8:1:3::1", order: nil) == .admitted)
  }

  @Test func manyAddressesCannotFillTheMemory() {
    let limiter = Self.limiter(perAddress: 5)
    for index in 0..<(LookUpLimiter.maximumBuckets + 100) {
      let address = "10.\(index >> 16 & 255).\(index >> 8 & 255).\(index & 255)"
      #expect(limiter.admit(address: address, order: nil) == .admitted)
    }
    #expect(limiter.bucketCounts.addresses <= LookUpLimiter.maximumBuckets)
  }

  /// The twin: with the limits lifted, a thousand look-ups from one address for one number
  /// all go ahead, and no bucket is kept.
  @Test func liftedLimitsRefuseNothing() {
    let limiter = LookUpLimiter(limits: .unlimited, clock: { Date() })
    for _ in 0..<1_000 {
      #expect(limiter.admit(address: "203.0.113.7", order: "OD-AAAAAAAA") == .admitted)
    }
    #expect(limiter.bucketCounts == (0, 0))
  }

  @Test func theServiceAnswers429WithRetryAfterAndTheDeskGetsItInWords() async throws {
    try await withService(lookUpLimits: LookUpLimits(perAddress: 3, perOrder: 10, window: 60)) {
      service in
      for _ in 0..<3 {
        let answer = try await service.raw(.GET, "/v1/orders/OD-00000000?email=ada%40example.com")
        #expect(answer.status == 404)
      }
      let limited = try await service.raw(.GET, "/v1/orders/OD-00000000?email=ada%40example.com")
      #expect(limited.status == 429)
      let retryAfter = limited.headers.first(name: "Retry-After").flatMap { Int($0) }
      #expect(retryAfter.map { (1...20).contains($0) } == true, "\(limited.headers)")
      let error = try JSONDecoder().decode(APIErrorBody.self, from: Data(limited.body)).error
      #expect(error.code == .tooManyLookUps)

      let unknown = try #require(OrderNumber("OD-00000001"))
      do {
        _ = try await service.channel.lookUp(number: unknown, email: "ada@example.com")
        Issue.record("a limited look-up was answered")
      } catch let failure as OrderChannelError {
        guard case .serviceError(_, 429, let body) = failure else {
          Issue.record("unexpected \(failure)")
          return
        }
        #expect(body?.code == .tooManyLookUps)
        #expect("\(failure)".contains("Too many order look-ups"), "\(failure)")
      }
    }
  }
}

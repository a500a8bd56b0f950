import OrderCore
import Synchronization

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// How many order look-ups the service answers per client and per order number.
///
/// A look-up needs the order number and the email on it. Someone holding one of the two could
/// otherwise try the other by the thousand: every email for a number seen on a parcel, or every
/// number for a known email. Each client address (an IPv6 /64 as one) and each order number
/// gets `perWindow` look-ups, refilled evenly over `window` seconds.
public struct LookUpLimits: Sendable, Hashable {
  /// Look-ups one client address may make in a window: a customer checking a few orders, a
  /// shop's office behind one address, never a list.
  public var perAddress: Int
  /// Look-ups of one order number in a window, whoever makes them.
  public var perOrder: Int
  /// The window, in seconds.
  public var window: Int64

  public init(perAddress: Int, perOrder: Int, window: Int64) {
    self.perAddress = perAddress
    self.perOrder = perOrder
    self.window = window
  }

  /// 30 per address and 10 per order number each minute.
  public static let standard = LookUpLimits(perAddress: 30, perOrder: 10, window: 60)

  /// No limit: for load tests, whose many desks share one address.
  public static let unlimited = LookUpLimits(perAddress: .max, perOrder: .max, window: 60)
}

/// Counts look-ups per client address and per order number; a refused one says when to retry.
///
/// Token buckets in memory, one per address and one per number: a restart forgets them, which
/// costs an attacker a restart of the service they cannot cause. At most `maximumBuckets` are
/// kept of each kind; full buckets are dropped first, then the longest untouched.
final class LookUpLimiter: Sendable {
  /// The most buckets kept of each kind, so that many addresses cannot fill the memory.
  static let maximumBuckets = 50_000

  private struct Bucket {
    var tokens: Double
    var updatedAt: Double
  }

  private struct Buckets {
    var byAddress: [String: Bucket] = [:]
    var byOrder: [String: Bucket] = [:]
  }

  let limits: LookUpLimits
  private let clock: @Sendable () -> Date
  private let buckets = Mutex(Buckets())

  init(limits: LookUpLimits, clock: @escaping @Sendable () -> Date) {
    self.limits = limits
    self.clock = clock
  }

  /// Takes one look-up for `address` and `order`, or refuses with the seconds until one is free.
  ///
  /// A refusal takes nothing from either bucket.
  func admit(address: String?, order: String?) -> LookUpAdmission {
    let now = clock().timeIntervalSince1970
    let window = limits.window
    // A lifted limit keeps no bucket, so its key is not even worked out.
    let addressKey = limits.perAddress < .max ? address.map { ClientSubject.of(address: $0) } : nil
    let orderKey = limits.perOrder < .max ? order : nil
    return buckets.withLock { buckets in
      let wait = max(
        addressKey.map {
          Self.wait(buckets.byAddress[$0], limit: limits.perAddress, window: window, now: now)
        } ?? 0,
        orderKey.map {
          Self.wait(buckets.byOrder[$0], limit: limits.perOrder, window: window, now: now)
        } ?? 0)
      if wait > 0 { return .refused(retryAfter: wait) }
      if let addressKey {
        Self.take(
          &buckets.byAddress, addressKey, limit: limits.perAddress, window: window, now: now)
      }
      if let orderKey {
        Self.take(&buckets.byOrder, orderKey, limit: limits.perOrder, window: window, now: now)
      }
      return .admitted
    }
  }

  /// How many buckets are kept, of addresses and of order numbers.
  var bucketCounts: (addresses: Int, orders: Int) {
    buckets.withLock { ($0.byAddress.count, $0.byOrder.count) }
  }

  private static func refilled(_ bucket: Bucket?, limit: Int, window: Int64, now: Double) -> Double
  {
    guard let bucket else { return Double(limit) }
    let rate = Double(limit) / Double(window)
    return min(Double(limit), bucket.tokens + max(0, now - bucket.updatedAt) * rate)
  }

  /// Whole seconds until the bucket holds a look-up again; 0 when it holds one now.
  private static func wait(_ bucket: Bucket?, limit: Int, window: Int64, now: Double) -> Int {
    let tokens = refilled(bucket, limit: limit, window: window, now: now)
    if tokens >= 1 { return 0 }
    let rate = Double(limit) / Double(window)
    return max(1, Int(((1 - tokens) / rate).rounded(.up)))
  }

  private static func take(
    _ table: inout [String: Bucket], _ key: String, limit: Int, window: Int64, now: Double
  ) {
    let tokens = refilled(table[key], limit: limit, window: window, now: now)
    table[key] = Bucket(tokens: tokens - 1, updatedAt: now)
    if table.count > maximumBuckets { prune(&table, limit: limit, window: window, now: now) }
  }

  /// Drops the buckets that have refilled, and if that is not enough, the longest untouched.
  private static func prune(
    _ table: inout [String: Bucket], limit: Int, window: Int64, now: Double
  ) {
    table = table.filter {
      refilled($0.value, limit: limit, window: window, now: now) < Double(limit)
    }
    guard table.count > maximumBuckets * 9 / 10 else { return }
    let keep = table.sorted { $0.value.updatedAt > $1.value.updatedAt }.prefix(
      maximumBuckets * 9 / 10)
    table = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
  }
}

/// Whether a look-up may go ahead.
enum LookUpAdmission: Sendable, Hashable {
  case admitted
  case refused(retryAfter: Int)
}

/// An order's number as the customer quotes it, for example `OD-7K3F9Q2M`.
public struct OrderNumber: Sendable, Hashable, Codable, CustomStringConvertible {
  public let rawValue: String

  /// Accepts 4 to 32 characters of A–Z, 0–9 and `-`, ignoring case and surrounding spaces.
  public init?(_ text: String) {
    let trimmed = text.trimmingASCIIWhitespace()
    guard (4...32).contains(trimmed.utf8.count),
      trimmed.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0.isASCIIAlphanumeric })
    else { return nil }
    rawValue = trimmed.uppercased()
  }

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let number = OrderNumber(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not an order number"))
    }
    self = number
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// What the merchant side knows of a card: never the number, never the CVC.
public struct CardSummary: Sendable, Hashable, Codable {
  public var brand: CardBrand
  public var lastFour: String
  public var expiry: YearMonth

  public init(brand: CardBrand, lastFour: String, expiry: YearMonth) {
    self.brand = brand
    self.lastFour = lastFour
    self.expiry = expiry
  }
}

/// What the customer receives for a digital item: a licence key and where to download it.
public struct Fulfilment: Sendable, Hashable, Codable {
  public var sku: SKU
  public var licenceKey: String
  public var downloadURL: String
  /// When the download link stops working, as seconds since 1970 (UTC).
  public var downloadExpiresAt: Int64

  public init(sku: SKU, licenceKey: String, downloadURL: String, downloadExpiresAt: Int64) {
    self.sku = sku
    self.licenceKey = licenceKey
    self.downloadURL = downloadURL
    self.downloadExpiresAt = downloadExpiresAt
  }
}

/// An order as the service stored it: what a receipt and a look-up show.
public struct OrderRecord: Sendable, Hashable, Codable {
  public var number: OrderNumber
  public var status: OrderStatus
  public var payment: PaymentStatus
  public var source: OrderSource
  public var quote: Quote
  public var card: CardSummary
  public var fulfilments: [Fulfilment]
  /// When the order was accepted, as seconds since 1970 (UTC).
  public var createdAt: Int64

  public init(
    number: OrderNumber, status: OrderStatus, payment: PaymentStatus, source: OrderSource,
    quote: Quote, card: CardSummary, fulfilments: [Fulfilment], createdAt: Int64
  ) {
    self.number = number
    self.status = status
    self.payment = payment
    self.source = source
    self.quote = quote
    self.card = card
    self.fulfilments = fulfilments
    self.createdAt = createdAt
  }
}

extension UInt8 {
  var isASCIIAlphanumeric: Bool {
    (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
  }
}

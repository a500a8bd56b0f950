import PropertyBased
import Testing

@testable import OrderCore

@Suite("Cart properties")
struct CartPropertyTests {
  enum Operation: Sendable {
    case add(Int, Int)
    case set(Int, Int)
    case remove(Int)
  }

  static let skus = (0..<150).map { sku("ITEM-\($0)") }

  /// Operations biased so that both limits are reached.
  ///
  /// Half touch one of four SKUs, so lines fill to 99; the other half spread over 150, so
  /// long runs reach the cap of 100 lines. Adds are the most common.
  static let operation = zip(
    Gen.int(in: 0...5), Gen.int(in: 0...149), Gen.int(in: 0...3), Gen.int(in: -3...120)
  )
  .map { kind, wide, narrow, quantity -> Operation in
    let index = wide % 2 == 0 ? wide : narrow
    switch kind {
    case 0...3: return .add(index, quantity)
    case 4: return .set(index, quantity)
    default: return .remove(index)
    }
  }

  @Test(
    "whatever operations run, every line stays within 1...99 and the cart matches a simple model")
  func invariants() async {
    await propertyCheck(count: 300, input: Self.operation.array(of: 0...500)) { operations in
      var cart = Cart()
      var model: [(SKU, Int)] = []
      for operation in operations {
        let before = cart
        switch operation {
        case .add(let index, let quantity):
          let code = Self.skus[index]
          let current = model.first { $0.0 == code }?.1
          let allowed =
            (1...99).contains(quantity)
            && (current.map { $0 + quantity <= 99 } ?? (model.count < 100))
          do {
            try cart.add(code, quantity: quantity)
            #expect(allowed)
            if let position = model.firstIndex(where: { $0.0 == code }) {
              model[position].1 += quantity
            } else {
              model.append((code, quantity))
            }
          } catch {
            #expect(!allowed)
            #expect(cart == before)
          }
        case .set(let index, let quantity):
          let code = Self.skus[index]
          do {
            try cart.setQuantity(quantity, for: code)
            let position = try #require(model.firstIndex { $0.0 == code })
            #expect((1...99).contains(quantity))
            model[position].1 = quantity
          } catch {
            #expect(cart == before)
          }
        case .remove(let index):
          let code = Self.skus[index]
          let had = model.contains { $0.0 == code }
          let removed = cart.remove(code)
          #expect(removed == had)
          model.removeAll { $0.0 == code }
        }
        #expect(cart.lines.allSatisfy { Cart.quantityRange.contains($0.quantity) })
        #expect(cart.lines.count <= Cart.maximumLineCount)
        #expect(Set(cart.lines.map(\.sku)).count == cart.lines.count)
      }
      #expect(cart.lines.map(\.sku) == model.map(\.0))
      #expect(cart.lines.map(\.quantity) == model.map(\.1))
      #expect(cart.totalQuantity == model.reduce(0) { $0 + $1.1 })
    }
  }
}

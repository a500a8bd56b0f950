import DeskTheme
import OrderCore

extension Glyphs {
  /// An amount as the desk shows it.
  func price(_ money: Money) -> String {
    // Without UTF-8 a currency symbol such as € cannot be drawn; the code stands in for it.
    money.formatted(unicode ? .symbol : .code)
  }
}

extension Painter {
  /// The service's totals for the cart, or why they are not there yet.
  mutating func totals(_ context: ScreenContext) {
    let width = 44
    switch context.quote {
    case .ready(let quote):
      amount("Subtotal", glyphs.price(quote.subtotal), width: width)
      let country = Countries.country(code: quote.country)?.name ?? quote.country
      amount("VAT \(quote.taxRate) (\(country))", glyphs.price(quote.tax), width: width)
      if quote.requiresShipping {
        amount("Shipping", glyphs.price(quote.shipping), width: width)
      }
      amount("Total", glyphs.price(quote.total), slot: .accent, width: width)
      if context.customerCountry == nil {
        line("Tax is for \(country) until the customer's country is entered.", .muted)
      }
    case .loading:
      if let subtotal = context.subtotal {
        amount("Subtotal", glyphs.price(subtotal), width: width)
      }
      amount("Tax and total", "quoting…", slot: .muted, width: width)
    case .failed(let problem):
      if let subtotal = context.subtotal {
        amount("Subtotal", glyphs.price(subtotal), width: width)
      }
      paragraph("The service could not quote the totals: \(problem)", .error)
    case .none:
      break
    }
  }
}

extension TaxRates {
  /// The standard VAT rates of the 27 EU member states as of 1 January 2026.
  ///
  /// Checked against the changes through 2025: Finland 25.5 % since 1 September 2024,
  /// Slovakia 23 % since 1 January 2025, Estonia 24 % since 1 July 2025 and Romania 21 %
  /// since 1 August 2025. Mainland rates only: Madeira, the Azores, Greek islands and other
  /// special territories differ, and the desk does not ship or sell to them at other rates.
  /// Check the table when a member state announces a change, and date the comment again.
  public static let euStandard = TaxRates(uncheckedStandardRates: [
    "AT": TaxRate(uncheckedBasisPoints: 2_000),
    "BE": TaxRate(uncheckedBasisPoints: 2_100),
    "BG": TaxRate(uncheckedBasisPoints: 2_000),
    "HR": TaxRate(uncheckedBasisPoints: 2_500),
    "CY": TaxRate(uncheckedBasisPoints: 1_900),
    "CZ": TaxRate(uncheckedBasisPoints: 2_100),
    "DK": TaxRate(uncheckedBasisPoints: 2_500),
    "EE": TaxRate(uncheckedBasisPoints: 2_400),
    "FI": TaxRate(uncheckedBasisPoints: 2_550),
    "FR": TaxRate(uncheckedBasisPoints: 2_000),
    "DE": TaxRate(uncheckedBasisPoints: 1_900),
    "GR": TaxRate(uncheckedBasisPoints: 2_400),
    "HU": TaxRate(uncheckedBasisPoints: 2_700),
    "IE": TaxRate(uncheckedBasisPoints: 2_300),
    "IT": TaxRate(uncheckedBasisPoints: 2_200),
    "LV": TaxRate(uncheckedBasisPoints: 2_100),
    "LT": TaxRate(uncheckedBasisPoints: 2_100),
    "LU": TaxRate(uncheckedBasisPoints: 1_700),
    "MT": TaxRate(uncheckedBasisPoints: 1_800),
    "NL": TaxRate(uncheckedBasisPoints: 2_100),
    "PL": TaxRate(uncheckedBasisPoints: 2_300),
    "PT": TaxRate(uncheckedBasisPoints: 2_300),
    "RO": TaxRate(uncheckedBasisPoints: 2_100),
    "SK": TaxRate(uncheckedBasisPoints: 2_300),
    "SI": TaxRate(uncheckedBasisPoints: 2_200),
    "ES": TaxRate(uncheckedBasisPoints: 2_100),
    "SE": TaxRate(uncheckedBasisPoints: 2_500),
  ])
}

extension Catalog {
  /// The demo catalog as a version 1 catalog file: writing software, a photo editor, a
  /// backup utility, a font collection, developer tools, upgrades, a bundle and boxed
  /// editions that ship, priced net in EUR, USD, GBP and JPY.
  ///
  /// The vendor and every product name are made up.
  public static let demoJSON = #"""
    {
      "version": 1,
      "shipping": {
        "EUR": { "firstItem": 900, "eachAdditionalItem": 300 },
        "USD": { "firstItem": 1200, "eachAdditionalItem": 400 },
        "GBP": { "firstItem": 800, "eachAdditionalItem": 300 },
        "JPY": { "firstItem": 1500, "eachAdditionalItem": 500 }
      },
      "products": [
        {
          "sku": "INKWELL-STD",
          "product": "Inkwell",
          "edition": "Standard",
          "name": "Inkwell Standard",
          "description": "A calm writing app with chapters, word-count goals and export to PDF and EPUB. One person, up to three computers.",
          "kind": "download",
          "prices": { "EUR": 4900, "USD": 5400, "GBP": 4200, "JPY": 7800 }
        },
        {
          "sku": "INKWELL-PRO",
          "product": "Inkwell",
          "edition": "Pro",
          "name": "Inkwell Pro",
          "description": "Everything in Standard, plus outlining, research notes, revision history and manuscript formatting for publishers. One person, up to three computers.",
          "kind": "download",
          "prices": { "EUR": 8900, "USD": 9900, "GBP": 7700, "JPY": 14800 }
        },
        {
          "sku": "INKWELL-STUDIO",
          "product": "Inkwell",
          "edition": "Studio",
          "name": "Inkwell Studio",
          "description": "Everything in Pro, plus shared projects for up to five writers, editorial comments and print-ready typesetting.",
          "kind": "download",
          "prices": { "EUR": 14900, "USD": 16900, "GBP": 12900, "JPY": 24800 }
        },
        {
          "sku": "INKWELL-UPG-STD-PRO",
          "product": "Inkwell",
          "edition": "Pro",
          "name": "Inkwell Pro Upgrade from Standard",
          "description": "Turns an Inkwell Standard licence into Inkwell Pro. Documents, settings and the licence's computers carry over.",
          "kind": "download",
          "prices": { "EUR": 4500, "USD": 4900, "GBP": 3900, "JPY": 7400 },
          "upgradeFrom": ["INKWELL-STD"]
        },
        {
          "sku": "INKWELL-UPG-PRO-STUDIO",
          "product": "Inkwell",
          "edition": "Studio",
          "name": "Inkwell Studio Upgrade from Pro",
          "description": "Turns an Inkwell Pro licence, downloaded or boxed, into Inkwell Studio.",
          "kind": "download",
          "prices": { "EUR": 6500, "USD": 7400, "GBP": 5700, "JPY": 10800 },
          "upgradeFrom": ["INKWELL-PRO", "INKWELL-PRO-BOX"]
        },
        {
          "sku": "INKWELL-PRO-BOX",
          "product": "Inkwell",
          "edition": "Pro",
          "name": "Inkwell Pro Boxed Edition",
          "description": "Inkwell Pro on a 16 GB USB stick, with a 240-page printed manual and a licence card, in a retail box. Ships within two working days.",
          "kind": "boxed",
          "prices": { "EUR": 9900, "USD": 10900, "GBP": 8500, "JPY": 16800 }
        },
        {
          "sku": "INKWELL-PRO-BOX-JA",
          "product": "Inkwell",
          "edition": "Pro",
          "name": "Inkwell Pro Boxed Edition (日本語版)",
          "description": "The boxed edition for Japan: Japanese menus and dictionaries, a printed manual in Japanese and a USB stick. Ships within Japan only.",
          "kind": "boxed",
          "prices": { "JPY": 16800 }
        },
        {
          "sku": "LUMEN-PHOTO",
          "product": "Lumen",
          "name": "Lumen Photo Editor",
          "description": "A non-destructive photo editor with RAW development, layers, masks, lens corrections and batch export.",
          "kind": "download",
          "prices": { "EUR": 6900, "USD": 7900, "GBP": 5900, "JPY": 11800 }
        },
        {
          "sku": "LUMEN-FILM-LOOKS",
          "product": "Lumen",
          "name": "Lumen Film Looks",
          "description": "Eighty colour and grain presets modelled on classic film stocks, for Lumen Photo Editor.",
          "kind": "download",
          "prices": { "EUR": 1900, "USD": 2100, "GBP": 1600, "JPY": 2900 }
        },
        {
          "sku": "HARBOR-BACKUP-1Y",
          "product": "Harbor Backup",
          "edition": "Personal",
          "name": "Harbor Backup Personal, 1-Year Licence",
          "description": "Encrypted, versioned backups of one computer to an external drive or your own server, with updates for one year.",
          "kind": "download",
          "prices": { "EUR": 3900, "USD": 4400, "GBP": 3400, "JPY": 5800 }
        },
        {
          "sku": "HARBOR-BACKUP-FAM-1Y",
          "product": "Harbor Backup",
          "edition": "Family",
          "name": "Harbor Backup Family, 1-Year Licence",
          "description": "Harbor Backup for up to five computers in one household, with one shared restore key and updates for one year.",
          "kind": "download",
          "prices": { "EUR": 6900, "USD": 7900, "GBP": 5900, "JPY": 9800 }
        },
        {
          "sku": "TYPECASE-SERIF",
          "product": "Typecase",
          "edition": "Serif Collection",
          "name": "Typecase Serif Collection",
          "description": "Twelve text and display serif families in OpenType format, with small caps and old-style figures. Desktop licence for one person.",
          "kind": "download",
          "prices": { "EUR": 5900, "USD": 6500, "GBP": 4900, "JPY": 9800 }
        },
        {
          "sku": "FORGEKIT-DEV",
          "product": "Forgekit",
          "name": "Forgekit Developer Toolkit",
          "description": "Command-line tools to build, sign and package desktop apps for three platforms, with a year of updates. One developer.",
          "kind": "download",
          "prices": { "EUR": 19900, "USD": 21900, "GBP": 16900, "JPY": 32800 }
        },
        {
          "sku": "CREATOR-SUITE",
          "product": "Creator Suite",
          "name": "Creator Suite",
          "description": "Inkwell Pro, Lumen Photo Editor, the Typecase Serif Collection and a year of Harbor Backup Personal, for less than the four bought apart.",
          "kind": "download",
          "prices": { "EUR": 17900, "USD": 19900, "GBP": 15900, "JPY": 29800 },
          "includes": ["INKWELL-PRO", "LUMEN-PHOTO", "TYPECASE-SERIF", "HARBOR-BACKUP-1Y"]
        },
        {
          "sku": "CREATOR-SUITE-BOX",
          "product": "Creator Suite",
          "name": "Creator Suite Retail Box",
          "description": "The Creator Suite in a retail box: installers on a USB stick, printed quick-start guides and licence cards for all four products.",
          "kind": "boxed",
          "prices": { "EUR": 18900, "USD": 20900, "GBP": 16900, "JPY": 31800 },
          "includes": ["INKWELL-PRO", "LUMEN-PHOTO", "TYPECASE-SERIF", "HARBOR-BACKUP-1Y"]
        },
        {
          "sku": "SUPPORT-PRIORITY-1Y",
          "product": "Priority Support",
          "name": "Priority Support, 1 Year",
          "description": "Answers from the support team within one working day, by e-mail or phone, for every product on one account, for one year.",
          "kind": "download",
          "prices": { "EUR": 2900, "USD": 3200, "GBP": 2500, "JPY": 4800 }
        }
      ]
    }
    """#
}

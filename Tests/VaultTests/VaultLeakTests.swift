import CardSealing
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing
import Vault
import VaultAPI

@Suite("Vault leak test")
struct VaultLeakTests {
  typealias Kit = VaultTestKit

  /// Test cards, each with its own distinctive CVC (none of them inside any last four).
  static let cards: [(number: String, cvc: String)] = [
    ("4242424242424242", "739"), ("4000000000000002", "815"), ("4000000000009995", "386"),
    ("4000000000009987", "571"), ("4000000000009979", "628"), ("4000000000000069", "493"),
    ("4000000000000127", "758"), ("4000000000000119", "917"), ("5555555555554444", "264"),
    ("378282246310005", "3816"), ("6011111111111117", "582"),
  ]
  static let name = "Augusta Byron"

  /// Every way the card data could show up: the number as ``CardLeaks/spellings(of:)`` writes
  /// it, the CVC and the cardholder's name.
  static func forbiddenStrings(for card: (number: String, cvc: String)) -> [String] {
    CardLeaks.spellings(of: card.number) + [card.cvc, name]
  }

  /// The forbidden strings found in `bytes`, as UTF-8 and as UTF-16 (either byte order).
  static func findings(in bytes: Data, label: String) -> [String] {
    var found: [String] = []
    for card in cards {
      for text in forbiddenStrings(for: card) {
        let encodings = [
          Data(text.utf8), Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
          Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
        ]
        if encodings.contains(where: { bytes.range(of: $0) != nil }) {
          found.append(
            "\(label) holds \(text.count == 3 || text.count == 4 ? "a CVC" : "card data")")
        }
      }
    }
    // The numbers' other forms: integer columns, the last eight digits, a CVC beside its name.
    return found
      + CardLeaks.findings(
        in: Array(bytes), as: .binary, numbers: cards.map(\.number), cvcs: cards.map(\.cvc),
        place: label)
  }

  @Test func theScannerFindsWhatItLooksFor() {
    let planted = Data("xx 4000 0000 0000 9995 yy".utf8)
    #expect(!Self.findings(in: planted, label: "planted").isEmpty)
    #expect(!Self.findings(in: Data("cvc=3816".utf8), label: "planted").isEmpty)
    #expect(!Self.findings(in: Data("3782-822463-10005".utf8), label: "planted").isEmpty)
    #expect(Self.findings(in: Data("tok_abcdef last4 9995".utf8), label: "clean").isEmpty)
    // A number kept as an integer column, and dotted.
    let integer = withUnsafeBytes(of: Int64(4_000_000_000_009_995).bigEndian, Array.init)
    #expect(!Self.findings(in: Data([0x01] + integer + [0x02]), label: "planted").isEmpty)
    #expect(!Self.findings(in: Data("4000.0000.0000.9995".utf8), label: "planted").isEmpty)
  }

  @Test func noCardDataInAnyVaultFileOrLog() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let logs = LogRecorder()
    var approvals = 0
    var keyId = ""
    do {
      let vault = try Vault.open(in: directory, logs: logs)
      keyId = vault.publicKey.keyId
      for (index, card) in Self.cards.enumerated() {
        let key = Kit.key("leak-\(String(UnicodeScalar(UInt8(97 + index))))")
        let answer = try await vault.authorize(
          Kit.seal(card.number, cvc: card.cvc, name: Self.name, to: vault, key: key),
          idempotencyKey: key, amount: Kit.euros, reference: "OD-LEAK")
        if case .approved(_, let token, _) = answer {
          approvals += 1
          #expect(try await vault.storedCard(token: token) != nil)
        }
      }
      #expect(approvals == 4)
      // While the vault is open its WAL holds the recent pages; scan them too.
      let found = try scan(directory, keyId: keyId)
      #expect(found.isEmpty, "\(found)")
    }
    let found = try scan(directory, keyId: keyId)
    #expect(found.isEmpty, "\(found)")
    // The key id is 16 random hex digits, which hold a three-digit CVC now and then by chance;
    // everything else in the log is the same on every run.
    let log = logs.text.replacingOccurrences(of: keyId, with: "<key id>")
    #expect(!keyId.isEmpty && log.contains("<key id>"))
    #expect(Self.findings(in: Data(log.utf8), label: "the log").isEmpty)
    #expect(logs.text.contains("tok_") && logs.text.contains("insufficient_funds"))
  }

  /// Every finding in every byte of every file under the vault and key directories.
  ///
  /// The key ring lists the key id, 16 random hex digits that hold a three-digit CVC now and
  /// then by chance, so it is masked as in the log.
  private func scan(_ directory: TemporaryDirectory, keyId: String) throws -> [String] {
    let files = directory.allFiles()
    let names = Set(files.map(\.lastPathComponent))
    #expect(names.isSuperset(of: ["vault.sqlite", "vault-hpke.ring"]))
    #expect(names.contains { $0.hasPrefix("vault-hpke-") && $0.hasSuffix(".key") })
    #expect(names.contains { $0.hasPrefix("vault-kek-") && $0.hasSuffix(".key") })
    var found: [String] = []
    for file in files {
      var bytes = try Data(contentsOf: file)
      while let range = bytes.range(of: Data(keyId.utf8)) {
        bytes.replaceSubrange(range, with: Data("<key id>".utf8))
      }
      found += Self.findings(in: bytes, label: file.lastPathComponent)
    }
    return found
  }
}

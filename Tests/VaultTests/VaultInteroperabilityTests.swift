import CardSealing
import Foundation
import OrderCore
import OrderDeskTestSupport
import Testing
import Vault
import VaultAPI

/// A card sealed by an independent RFC 9180 implementation is authorized by the vault.
///
/// The implementation is Python's `cryptography` package. Requires `python3` with
/// `pip install cryptography` (46 or later).
@Suite("Vault interoperability with Python's cryptography")
struct VaultInteroperabilityTests {
  typealias Kit = VaultTestKit

  @Test(arguments: [
    ("4242424242424242", "739", nil), ("4000000000009995", "386", "insufficient_funds"),
    ("378282246310005", "3816", nil),
  ])
  func aCardSealedByPythonIsAuthorized(number: String, cvc: String, decline: String?) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let processor = RecordingProcessor()
    let vault = try Vault.open(in: directory, processor: processor)
    let key = Kit.key("python-\(number.suffix(4))")
    let sealed = try PythonHPKE.sealCard(
      number: number, cvc: cvc, month: 8, year: 2030, name: "Grace Hopper",
      publicKey: vault.publicKey.rawRepresentation,
      info: "orderdesk-card-v1:\(vault.publicKey.keyId):\(key.rawValue)")
    let answer = try await vault.authorize(
      SealedCard(keyId: vault.publicKey.keyId, sealed: sealed), idempotencyKey: key,
      amount: Kit.euros, reference: "OD-PYTHON")
    switch answer {
    case .approved(let summary, let token, _):
      #expect(decline == nil)
      #expect(summary.lastFour == String(number.suffix(4)))
      #expect(summary.expiry == YearMonth(year: 2030, month: 8))
      #expect(try await vault.storedCard(token: token)?.summary == summary)
    case .declined(let reason):
      #expect(reason.code == decline)
    }
    #expect(processor.calls == 1)
  }

  @Test func aCardSealedHereForTheVaultOpensInPython() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let vault = try Vault.open(in: directory)
    let key = Kit.key("swift-to-python")
    let sealed = try Kit.seal("6011111111111117", cvc: "582", to: vault, key: key)
    // The vault's private key, read from its file only to hand to the independent opener.
    let privateKey = try Data(contentsOf: URL(fileURLWithPath: directory.currentKeyFile()))
    let plaintext = try PythonHPKE.open(
      sealed: sealed.sealed, privateKey: privateKey,
      info: "orderdesk-card-v1:\(vault.publicKey.keyId):\(key.rawValue)")
    let object = try #require(try JSONSerialization.jsonObject(with: plaintext) as? [String: Any])
    #expect(object["number"] as? String == "6011111111111117")
    #expect(object["cvc"] as? String == "582")
    #expect(object["expMonth"] as? Int == 12 && object["expYear"] as? Int == 2029)
    #expect(object["name"] as? String == "Ada Lovelace")
  }
}

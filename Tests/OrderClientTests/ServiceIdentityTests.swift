import Crypto
import Foundation
import OrderDeskTestSupport
import TLSIdentity
import Testing
import X509

@Suite("The service's TLS identity on disk")
struct ServiceIdentityTests {
  private let now = Date(timeIntervalSince1970: 1_780_000_000)
  private let day: TimeInterval = 86_400

  @Test func aNewIdentityIsWrittenPrivatelyAndReusedAfter() async throws {
    try await withTemporaryDirectory { parent in
      let directory = (parent as NSString).appendingPathComponent("data/tls")
      let first = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      #expect(try permissions(directory) == 0o700)
      let keyFile = try #require(first.keyFile)
      let certificateFile = try #require(first.certificateFile)
      #expect(keyFile.hasSuffix("/service-key.pem"))
      #expect(certificateFile.hasSuffix("/service-cert.pem"))
      #expect(try permissions(keyFile) == 0o600)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
          == ["service-cert.pem", "service-key.pem"])

      let second = try ServiceIdentity.loadOrCreate(in: directory, now: now.addingTimeInterval(day))
      #expect(second.fingerprint == first.fingerprint)
      #expect(second.fingerprintSHA256 == first.fingerprintSHA256)
      let loaded = try ServiceIdentity.load(certificateFile: certificateFile, keyFile: keyFile)
      #expect(loaded.fingerprint == first.fingerprint)
    }
  }

  @Test func theCertificateIsAServerCertificateForTheNamesAskedFor() throws {
    let identity = try ServiceIdentity.selfSigned(
      hostNames: ["localhost", "Desk.Example"], ipAddresses: ["127.0.0.1", "::1"],
      notValidBefore: now, notValidAfter: now.addingTimeInterval(day))
    #expect(identity.subjectAlternativeNames == ["localhost", "desk.example", "127.0.0.1", "::1"])
    let leaf = identity.leaf
    #expect("\(leaf.subject)".contains("CN=OrderDesk order service"))
    #expect(try leaf.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
    #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
    #expect(identity.fingerprintSHA256.count == 64)
    #expect(identity.fingerprintSHA256 == identity.fingerprintSHA256.lowercased())
    #expect(
      identity.fingerprintSHA256
        == SHA256.hash(data: identity.leafDER).map { String(format: "%02x", $0) }.joined())
    #expect(identity.displayFingerprint.hasPrefix("sha256:"))
    #expect(identity.displayFingerprint.count == 7 + 32 * 3 - 1)
  }

  @Test func aNewIdentityIsBackdatedAndValidFor365DaysInAll() async throws {
    try await withTemporaryDirectory { directory in
      let identity = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      #expect(identity.validFrom < now)
      #expect(now.timeIntervalSince(identity.validFrom) <= 3600)
      // Mozilla's "intermediate" profile allows 366 days, the CA/Browser Forum 398.
      #expect(identity.validUntil.timeIntervalSince(identity.validFrom) == 365 * day)
      let extensions = identity.leaf.extensions
      let authorityKey = try #require(try extensions.authorityKeyIdentifier)
      let subjectKey = try #require(try extensions.subjectKeyIdentifier)
      #expect(authorityKey.keyIdentifier == subjectKey.keyIdentifier)
    }
  }

  @Test func anIdentityNearExpiryIsRenewedForTheSameKey() async throws {
    try await withTemporaryDirectory { directory in
      let first = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      let keyFile = try #require(first.keyFile)
      let keyBytes = try Data(contentsOf: URL(fileURLWithPath: keyFile))
      // 31 days left: kept.
      let stillFine = try ServiceIdentity.loadOrCreate(
        in: directory, now: first.validUntil.addingTimeInterval(-31 * day))
      #expect(stillFine.fingerprint == first.fingerprint)
      // 29 days left: a new certificate for the same key.
      let renewalDay = first.validUntil.addingTimeInterval(-29 * day)
      let renewed = try ServiceIdentity.loadOrCreate(in: directory, now: renewalDay)
      #expect(renewed.fingerprint != first.fingerprint)
      #expect(renewed.publicKeyFingerprint == first.publicKeyFingerprint)
      #expect(renewed.validUntil.timeIntervalSince(renewalDay) > 364 * day)
      #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)) == keyBytes)
      #expect(try permissions(keyFile) == 0o600)
      // A desk that pinned the key trusts the renewal; one that pinned the certificate does not.
      #expect(first.publicKeyPin.matches(certificateDER: renewed.leafDER))
      #expect(
        !CertificatePin(fingerprint: first.fingerprint).matches(certificateDER: renewed.leafDER))
      let again = try ServiceIdentity.loadOrCreate(
        in: directory, now: renewalDay.addingTimeInterval(day))
      #expect(again.fingerprint == renewed.fingerprint)
    }
  }

  @Test func anExpiredCertificateIsNeverServed() async throws {
    try await withTemporaryDirectory { directory in
      let first = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      let long = first.validUntil.addingTimeInterval(400 * day)
      let renewed = try ServiceIdentity.loadOrCreate(in: directory, now: long)
      #expect(renewed.validFrom <= long && renewed.validUntil > long)
      #expect(renewed.publicKeyFingerprint == first.publicKeyFingerprint)
    }
  }

  @Test func aCertificateValidForLongerThanAllowedIsReplacedKeepingItsKey() async throws {
    try await withTemporaryDirectory { directory in
      let first = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      let certificateFile = try #require(first.certificateFile)
      // What the service made before: two years for the same key, written in its place.
      let key = try P256.Signing.PrivateKey(pemRepresentation: first.privateKeyPEM)
      let twoYears = try ServiceIdentity.selfSigned(
        hostNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"],
        notValidBefore: now.addingTimeInterval(-3600),
        notValidAfter: now.addingTimeInterval(730 * day), key: key)
      try Data(twoYears.certificateChainPEM.utf8).write(to: URL(fileURLWithPath: certificateFile))
      let loaded = try ServiceIdentity.loadOrCreate(in: directory, now: now.addingTimeInterval(day))
      #expect(loaded.fingerprint != twoYears.fingerprint)
      #expect(loaded.validUntil.timeIntervalSince(loaded.validFrom) == 365 * day)
      #expect(loaded.publicKeyFingerprint == twoYears.publicKeyFingerprint)
      // Its twin: a certificate of exactly the allowed span is kept.
      let kept = try ServiceIdentity.loadOrCreate(
        in: directory, now: now.addingTimeInterval(2 * day))
      #expect(kept.fingerprint == loaded.fingerprint)
    }
  }

  @Test func anIdentityIsRenewedWhenTheClockIsBeforeItOrANameIsMissing() async throws {
    try await withTemporaryDirectory { directory in
      let first = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      let earlier = try ServiceIdentity.loadOrCreate(
        in: directory, now: now.addingTimeInterval(-2 * day))
      #expect(earlier.fingerprint != first.fingerprint)
      #expect(earlier.publicKeyFingerprint == first.publicKeyFingerprint)
      let moreNames = try ServiceIdentity.loadOrCreate(
        in: directory, hostNames: ["localhost", "desk.example"],
        now: now.addingTimeInterval(-2 * day))
      #expect(moreNames.fingerprint != earlier.fingerprint)
      #expect(moreNames.subjectAlternativeNames.contains("desk.example"))
    }
  }

  @Test func theKeyPinIsTheSHA256OfTheSubjectPublicKeyInfo() throws {
    let identity = try ServiceIdentity.selfSigned(
      hostNames: ["localhost"], ipAddresses: [], notValidBefore: now,
      notValidAfter: now.addingTimeInterval(day))
    let key = try P256.Signing.PrivateKey(pemRepresentation: identity.privateKeyPEM)
    // swift-crypto's own DER encoding of the public key is the SubjectPublicKeyInfo.
    let digest = Array(SHA256.hash(data: key.publicKey.derRepresentation))
    #expect(identity.publicKeyFingerprint.bytes == digest)
    #expect(identity.publicKeyPin.description == "sha256//" + Data(digest).base64EncodedString())
    let other = try ServiceIdentity.selfSigned(
      hostNames: ["localhost"], ipAddresses: [], notValidBefore: now,
      notValidAfter: now.addingTimeInterval(day))
    #expect(!identity.publicKeyPin.matches(certificateDER: other.leafDER))
    #expect(!identity.publicKeyPin.matches(certificateDER: Array("not a certificate".utf8)))
  }

  @Test func aKeyOthersCanReadIsRefused() async throws {
    try await withTemporaryDirectory { directory in
      let identity = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      let keyFile = try #require(identity.keyFile)
      try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
      #expect(throws: ServiceIdentityError.keyFileTooOpen(path: keyFile, mode: 0o644)) {
        try ServiceIdentity.loadOrCreate(in: directory, now: now)
      }
    }
  }

  @Test func aCertificateWithoutItsKeyIsRefusedButAKeyAloneIsReplaced() async throws {
    try await withTemporaryDirectory { directory in
      let first = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      let keyFile = try #require(first.keyFile)
      let certificateFile = try #require(first.certificateFile)
      try FileManager.default.removeItem(atPath: certificateFile)
      let second = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      #expect(second.fingerprint != first.fingerprint)
      try FileManager.default.removeItem(atPath: keyFile)
      #expect(
        throws: ServiceIdentityError.missingCompanion(existing: certificateFile, missing: keyFile)
      ) {
        try ServiceIdentity.loadOrCreate(in: directory, now: now)
      }
    }
  }

  @Test func damagedFilesAreNamedInTheError() async throws {
    try await withTemporaryDirectory { directory in
      let identity = try ServiceIdentity.loadOrCreate(in: directory, now: now)
      let keyFile = try #require(identity.keyFile)
      let certificateFile = try #require(identity.certificateFile)
      try Data("garbage".utf8).write(to: URL(fileURLWithPath: certificateFile))
      let error = #expect(throws: ServiceIdentityError.self) {
        try ServiceIdentity.loadOrCreate(in: directory, now: now)
      }
      #expect(error?.description.contains(certificateFile) == true)
      guard case .notACertificate = error else {
        Issue.record("expected notACertificate, got \(String(describing: error))")
        return
      }
      try Data(identity.certificateChainPEM.utf8).write(to: URL(fileURLWithPath: certificateFile))
      let other = try ServiceIdentity.selfSigned(
        hostNames: ["localhost"], ipAddresses: [], notValidBefore: now,
        notValidAfter: now.addingTimeInterval(day))
      try Data(other.privateKeyPEM.utf8).write(to: URL(fileURLWithPath: keyFile))
      #expect(
        throws: ServiceIdentityError.keyDoesNotMatchCertificate(
          certificateFile: certificateFile, keyFile: keyFile)
      ) {
        try ServiceIdentity.loadOrCreate(in: directory, now: now)
      }
    }
  }

  @Test func aRealCertificateIsLoadedWithItsChainAndCarefulErrors() async throws {
    try await withTemporaryDirectory { directory in
      let authority = try TestCertificateAuthority(now: now)
      let leaf = try authority.issue(
        hostNames: ["orders.example.com"], ipAddresses: [], notValidBefore: now,
        notValidAfter: now.addingTimeInterval(day))
      let chainFile = try ChannelSupport.write(
        leaf.certificateChainPEM + authority.certificatePEM, named: "chain.pem", in: directory)
      // `openssl ecparam -genkey` writes the curve's parameters before the key.
      let keyText =
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
        + leaf.privateKeyPEM
      let keyFile = try ChannelSupport.write(keyText, named: "key.pem", in: directory)
      let loaded = try ServiceIdentity.load(certificateFile: chainFile, keyFile: keyFile)
      #expect(loaded.certificateChain.count == 2)
      #expect(loaded.fingerprint == leaf.fingerprint)
      #expect(loaded.certificateChainPEM.components(separatedBy: "BEGIN CERTIFICATE").count == 3)
      #expect(!loaded.privateKeyPEM.contains("EC PARAMETERS"))

      let missing = (directory as NSString).appendingPathComponent("nope.pem")
      let error = #expect(throws: ServiceIdentityError.self) {
        try ServiceIdentity.load(certificateFile: missing, keyFile: keyFile)
      }
      #expect(error?.description.contains(missing) == true)

      let encrypted = try ChannelSupport.write(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
        named: "encrypted.pem", in: directory)
      #expect(throws: ServiceIdentityError.encryptedPrivateKey(path: encrypted)) {
        try ServiceIdentity.load(certificateFile: chainFile, keyFile: encrypted)
      }

      let secretLooking = try ChannelSupport.write(
        "-----BEGIN PRIVATE KEY-----\nU0VDUkVULUtFWS1CWVRFUw==\n-----END PRIVATE KEY-----\n",
        named: "bad-key.pem", in: directory)
      let keyError = #expect(throws: ServiceIdentityError.self) {
        try ServiceIdentity.load(certificateFile: chainFile, keyFile: secretLooking)
      }
      #expect(keyError?.description.contains(secretLooking) == true)
      #expect(keyError?.description.contains("U0VDUkVU") == false)

      let huge = try ChannelSupport.write(
        String(repeating: "A", count: 2 * 1024 * 1024), named: "huge.pem", in: directory)
      let hugeError = #expect(throws: ServiceIdentityError.self) {
        try ServiceIdentity.load(certificateFile: huge, keyFile: keyFile)
      }
      #expect(hugeError?.description.contains("too large") == true)

      let keyAsCertificate = #expect(throws: ServiceIdentityError.self) {
        try ServiceIdentity.load(certificateFile: keyFile, keyFile: keyFile)
      }
      #expect(keyAsCertificate?.description.contains("no CERTIFICATE block") == true)
    }
  }

  @Test(arguments: ["", "-bad.example", "a..b", "bad_name.example", "ünïcode.example", "a b"])
  func badHostNamesAreRefused(host: String) {
    #expect(throws: ServiceIdentityError.invalidHostName(host)) {
      try ServiceIdentity.selfSigned(
        hostNames: [host], ipAddresses: [], notValidBefore: now,
        notValidAfter: now.addingTimeInterval(day))
    }
  }

  @Test(arguments: ["", "256.0.0.1", "1.2.3", "::g", "fe80::1%eth0", "localhost", "1.2.3.4\0"])
  func badAddressesAreRefused(address: String) {
    #expect(throws: ServiceIdentityError.invalidIPAddress(address)) {
      try ServiceIdentity.selfSigned(
        hostNames: [], ipAddresses: [address], notValidBefore: now,
        notValidAfter: now.addingTimeInterval(day))
    }
  }

  @Test func printingAnIdentityNeverShowsTheKey() throws {
    let identity = try ServiceIdentity.selfSigned(
      hostNames: ["localhost"], ipAddresses: [], notValidBefore: now,
      notValidAfter: now.addingTimeInterval(day))
    var dumped = ""
    dump(identity, to: &dumped)
    for text in [
      "\(identity)", String(reflecting: identity), dumped,
    ] {
      #expect(!text.contains("PRIVATE KEY"))
      #expect(text.contains(identity.displayFingerprint))
    }
  }
}

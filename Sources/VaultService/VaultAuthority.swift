import Crypto
import Foundation
import SwiftASN1
import TLSIdentity
import X509

/// The vault's own small certificate authority: it issues the vault's server certificate and
/// one client certificate per enrolled order service, and keeps the list of withdrawn ones.
///
/// Its files live in the vault's directory, readable by the vault's user only:
///
/// | path | what |
/// |---|---|
/// | `ca/ca-cert.pem`, `ca/ca-key.pem` | the authority's certificate and key |
/// | `tls/vault-cert.pem`, `tls/vault-key.pem` | the certificate the vault listens with |
/// | `clients/NAME.pem` | each enrolled service's certificate, as issued |
/// | `clients/revoked` | the serial numbers of withdrawn certificates, one a line, in hex |
///
/// Only a process that can read the vault's directory can enrol a service: there is no call
/// for it over the network.
public struct VaultAuthority: Sendable {
  /// How long an enrolled service's certificate is valid.
  public static let clientValidity: TimeInterval = 397 * 24 * 3600
  /// How long the authority itself is valid.
  static let authorityValidity: TimeInterval = 10 * 365 * 24 * 3600

  public let directory: String
  /// The authority's certificate: what services trust the vault by.
  public let certificate: Certificate
  private let key: P256.Signing.PrivateKey

  var caDirectory: String { directory + "/ca" }
  var clientsDirectory: String { directory + "/clients" }
  var tlsDirectory: String { directory + "/tls" }
  /// The file of withdrawn serial numbers.
  public var revocationFile: String { clientsDirectory + "/revoked" }

  /// The authority in `directory`, made on first use.
  ///
  /// Like every change to the authority's files, this holds the directory's authority lock,
  /// so vaults and commands started at the same moment make one authority, not two halves.
  public static func loadOrCreate(in directory: String, now: Date) throws -> VaultAuthority {
    try IdentityFiles.makeDirectory(directory)
    return try AuthorityLock.holding(in: directory) {
      try unlockedLoadOrCreate(in: directory, now: now)
    }
  }

  private static func unlockedLoadOrCreate(
    in directory: String, now: Date
  ) throws
    -> VaultAuthority
  {
    let caDirectory = directory + "/ca"
    let certificateFile = caDirectory + "/ca-cert.pem"
    let keyFile = caDirectory + "/ca-key.pem"
    try IdentityFiles.makeDirectory(caDirectory)
    if FileManager.default.fileExists(atPath: certificateFile) {
      try IdentityFiles.checkPrivate(keyFile)
      let (privateKey, _) = try IdentityFiles.readPrivateKey(keyFile)
      guard let certificate = try IdentityFiles.readCertificates(certificateFile).first else {
        throw VaultAuthorityError("\(certificateFile) holds no certificate")
      }
      let keyPEM = try IdentityFiles.readText(keyFile)
      let key = try P256.Signing.PrivateKey(pemRepresentation: keyPEM)
      guard privateKey.publicKey == certificate.publicKey else {
        throw VaultAuthorityError("\(keyFile) is not the key of \(certificateFile)")
      }
      return VaultAuthority(directory: directory, certificate: certificate, key: key)
    }
    let key = P256.Signing.PrivateKey()
    let privateKey = Certificate.PrivateKey(key)
    // A name of its own, so that two vaults' authorities are told apart in every log.
    let name = ServiceIdentity.subjectName(
      commonName: "OrderDesk vault authority \(UInt32.random(in: 0...UInt32.max))")
    let extensions = try Certificate.Extensions {
      Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
      Critical(KeyUsage(keyCertSign: true, cRLSign: true))
      SubjectKeyIdentifier(hash: privateKey.publicKey)
    }
    let certificate = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: privateKey.publicKey,
      notValidBefore: now.addingTimeInterval(-3600),
      notValidAfter: now.addingTimeInterval(authorityValidity), issuer: name, subject: name,
      signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: privateKey)
    // The key first: a certificate without its key would be taken for a whole authority.
    try IdentityFiles.writeAtomically(Array(key.pemRepresentation.utf8), to: keyFile, mode: 0o600)
    try IdentityFiles.writeAtomically(
      Array(try certificate.serializeAsPEM().pemString.utf8), to: certificateFile, mode: 0o600)
    return VaultAuthority(directory: directory, certificate: certificate, key: key)
  }

  /// The authority's certificate as PEM, for a service's `--vault-ca` file.
  public var certificatePEM: String {
    get throws { try certificate.serializeAsPEM().pemString + "\n" }
  }

  /// The certificate and key the vault listens with, made again when the names it must carry
  /// change or it has less than 30 days left.
  public func serverIdentity(
    hostNames: [String], ipAddresses: [String], now: Date
  ) throws -> (certificatePEM: String, keyPEM: String) {
    try AuthorityLock.holding(in: directory) {
      try unlockedServerIdentity(hostNames: hostNames, ipAddresses: ipAddresses, now: now)
    }
  }

  private func unlockedServerIdentity(
    hostNames: [String], ipAddresses: [String], now: Date
  ) throws -> (certificatePEM: String, keyPEM: String) {
    try IdentityFiles.makeDirectory(tlsDirectory)
    let certificateFile = tlsDirectory + "/vault-cert.pem"
    let keyFile = tlsDirectory + "/vault-key.pem"
    let names = try CertificateNames.generalNames(hostNames: hostNames, ipAddresses: ipAddresses)
    if FileManager.default.fileExists(atPath: certificateFile),
      let existing = try? IdentityFiles.readCertificates(certificateFile).first,
      existing.issuer == certificate.subject,
      existing.notValidAfter > now.addingTimeInterval(30 * 24 * 3600),
      (try? existing.extensions.subjectAlternativeNames).flatMap({ $0 }).map(Array.init)
        == names
    {
      try IdentityFiles.checkPrivate(keyFile)
      return (try IdentityFiles.readText(certificateFile), try IdentityFiles.readText(keyFile))
    }
    let serverKey = P256.Signing.PrivateKey()
    let privateKey = Certificate.PrivateKey(serverKey)
    let extensions = try Certificate.Extensions {
      Critical(BasicConstraints.notCertificateAuthority)
      Critical(KeyUsage(digitalSignature: true))
      try ExtendedKeyUsage([.serverAuth])
      SubjectKeyIdentifier(hash: privateKey.publicKey)
      SubjectAlternativeNames(names)
    }
    let issued = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: privateKey.publicKey,
      notValidBefore: now.addingTimeInterval(-3600),
      notValidAfter: now.addingTimeInterval(Self.clientValidity),
      issuer: certificate.subject,
      subject: ServiceIdentity.subjectName(commonName: "OrderDesk vault"),
      signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
      issuerPrivateKey: Certificate.PrivateKey(key))
    let keyPEM = serverKey.pemRepresentation
    let certificatePEM = try issued.serializeAsPEM().pemString + "\n"
    try IdentityFiles.writeAtomically(Array(keyPEM.utf8), to: keyFile, mode: 0o600)
    try IdentityFiles.writeAtomically(Array(certificatePEM.utf8), to: certificateFile, mode: 0o600)
    return (certificatePEM, keyPEM)
  }

  /// Issues a client certificate for the order service `name` and writes it, its key and the
  /// authority's certificate into `outDirectory` as `client-cert.pem`, `client-key.pem` (0600)
  /// and `vault-ca.pem`.
  ///
  /// Enrolling a name again issues a new certificate and withdraws the one before, so a lost
  /// key is replaced by enrolling again; with `unlessEnrolled`, a certificate enrolled for
  /// the name and already in `outDirectory` with its key is kept instead. The check and the
  /// enrolment hold the authority's lock together, so services starting at the same moment
  /// enrol once and none withdraws another's certificate.
  @discardableResult
  public func enrol(
    _ name: String, outDirectory: String, now: Date,
    validity: TimeInterval = VaultAuthority.clientValidity, unlessEnrolled: Bool = false
  ) throws -> Certificate {
    try AuthorityLock.holding(in: directory) {
      if unlessEnrolled, let current = try enrolledAndWritten(name, in: outDirectory) {
        return current
      }
      return try unlockedEnrol(name, outDirectory: outDirectory, now: now, validity: validity)
    }
  }

  /// The certificate enrolled for `name`, if `outDirectory` holds that very certificate with
  /// a key and the authority's certificate.
  private func enrolledAndWritten(_ name: String, in outDirectory: String) throws -> Certificate? {
    let files = FileManager.default
    guard let enrolled = files.contents(atPath: clientsDirectory + "/\(name).pem"),
      files.contents(atPath: outDirectory + "/client-cert.pem") == enrolled,
      files.fileExists(atPath: outDirectory + "/client-key.pem"),
      files.fileExists(atPath: outDirectory + "/vault-ca.pem")
    else { return nil }
    return try self.enrolled(name)
  }

  private func unlockedEnrol(
    _ name: String, outDirectory: String, now: Date, validity: TimeInterval
  ) throws -> Certificate {
    try Self.check(name: name)
    try IdentityFiles.makeDirectory(clientsDirectory)
    try IdentityFiles.makeDirectory(outDirectory)
    if let previous = try enrolled(name) { try withdraw(previous.serialNumber) }
    let clientKey = P256.Signing.PrivateKey()
    let privateKey = Certificate.PrivateKey(clientKey)
    let extensions = try Certificate.Extensions {
      Critical(BasicConstraints.notCertificateAuthority)
      Critical(KeyUsage(digitalSignature: true))
      try ExtendedKeyUsage([.clientAuth])
      SubjectKeyIdentifier(hash: privateKey.publicKey)
    }
    let issued = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: privateKey.publicKey,
      notValidBefore: now.addingTimeInterval(-3600),
      notValidAfter: now.addingTimeInterval(validity),
      issuer: certificate.subject,
      subject: ServiceIdentity.subjectName(commonName: Self.commonNamePrefix + name),
      signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
      issuerPrivateKey: Certificate.PrivateKey(key))
    let certificatePEM = Array((try issued.serializeAsPEM().pemString + "\n").utf8)
    try IdentityFiles.writeAtomically(
      Array(clientKey.pemRepresentation.utf8), to: outDirectory + "/client-key.pem", mode: 0o600)
    try IdentityFiles.writeAtomically(
      certificatePEM, to: outDirectory + "/client-cert.pem", mode: 0o600)
    try IdentityFiles.writeAtomically(
      Array(try self.certificatePEM.utf8), to: outDirectory + "/vault-ca.pem", mode: 0o600)
    try IdentityFiles.writeAtomically(
      certificatePEM, to: clientsDirectory + "/\(name).pem", mode: 0o600)
    return issued
  }

  /// Withdraws the certificate enrolled for `name`: its next handshake with the vault fails.
  public func revoke(_ name: String) throws {
    try AuthorityLock.holding(in: directory) { try unlockedRevoke(name) }
  }

  private func unlockedRevoke(_ name: String) throws {
    try Self.check(name: name)
    guard let enrolled = try enrolled(name) else {
      throw VaultAuthorityError("no order service is enrolled as \(name)")
    }
    try withdraw(enrolled.serialNumber)
    try FileManager.default.removeItem(atPath: clientsDirectory + "/\(name).pem")
  }

  /// The enrolled services, by name.
  public func enrolledNames() -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: clientsDirectory)) ?? []
    return files.filter { $0.hasSuffix(".pem") }.map { String($0.dropLast(4)) }.sorted()
  }

  private func enrolled(_ name: String) throws -> Certificate? {
    let file = clientsDirectory + "/\(name).pem"
    guard FileManager.default.fileExists(atPath: file) else { return nil }
    return try IdentityFiles.readCertificates(file).first
  }

  private func withdraw(_ serial: Certificate.SerialNumber) throws {
    let existing = (try? IdentityFiles.readText(revocationFile)) ?? ""
    let line = RevocationList.text(serial)
    try IdentityFiles.writeAtomically(
      Array((existing + line + "\n").utf8), to: revocationFile, mode: 0o600)
  }

  /// The common name of a client certificate starts with this, then the enrolled name.
  static let commonNamePrefix = "orderdesk-service:"

  /// Names are what a file name and a log line can carry safely.
  static func check(name: String) throws {
    let bytes = name.utf8
    guard (1...64).contains(bytes.count),
      bytes.allSatisfy({ byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
          UInt8(ascii: "."):
          true
        default: false
        }
      }), bytes.first != UInt8(ascii: ".")
    else {
      throw VaultAuthorityError(
        "a service name is 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'")
    }
  }
}

/// A problem with the vault's authority or its files, in words for an operator.
public struct VaultAuthorityError: Error, CustomStringConvertible {
  public let description: String

  init(_ description: String) { self.description = description }
}

/// An exclusive lock on the authority's files (`authority.lock` in the vault's directory),
/// held across one change: making the authority, the listener's certificate, an enrolment or
/// a revocation.
enum AuthorityLock {
  static func holding<T>(in directory: String, _ body: () throws -> T) throws -> T {
    let path = directory + "/authority.lock"
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else {
      throw VaultAuthorityError("\(path) cannot be opened: \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw VaultAuthorityError("\(path) cannot be locked: \(String(cString: strerror(errno)))")
      }
    }
    defer { flock(descriptor, LOCK_UN) }
    return try body()
  }
}

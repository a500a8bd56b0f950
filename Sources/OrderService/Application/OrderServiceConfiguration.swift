import Logging
import OrderCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Everything the order service is started with; the composition root fills it in.
public struct OrderServiceConfiguration: Sendable {
  /// How the service speaks to its clients.
  public enum Transport: Sendable {
    /// TLS with a self-signed certificate made once in the data directory and reused.
    case selfSignedTLS
    /// TLS with a certificate chain and key from PEM files.
    case tls(certificateFile: String, keyFile: String)
    /// Plain HTTP, on purpose: for showing what an open lock looks like. Never a fallback.
    case insecureHTTP
  }

  public var host: String
  /// The port to listen on; 0 picks a free one (the running service reports which).
  public var port: Int
  /// Where the orders database, the certificate and the download signing key live; never any
  /// vault key.
  public var dataDirectory: String
  public var transport: Transport
  /// The catalog file's bytes and its name; `nil` serves the demo catalog.
  public var catalogFile: (bytes: [UInt8], source: String)?
  public var taxRates: TaxRates
  /// How many order look-ups each client address and each order number get.
  public var lookUpLimits: LookUpLimits
  /// Time-outs for each step of a connection, and the cap on open connections.
  public var connectionLimits: ConnectionLimits
  public var clock: @Sendable () -> Date
  public var logger: Logger

  public init(
    host: String = "127.0.0.1", port: Int = 8443, dataDirectory: String,
    transport: Transport = .selfSignedTLS, catalogFile: (bytes: [UInt8], source: String)? = nil,
    taxRates: TaxRates = .euStandard, lookUpLimits: LookUpLimits = .standard,
    connectionLimits: ConnectionLimits = .standard,
    clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
  ) {
    self.host = host
    self.port = port
    self.dataDirectory = dataDirectory
    self.transport = transport
    self.catalogFile = catalogFile
    self.taxRates = taxRates
    self.lookUpLimits = lookUpLimits
    self.connectionLimits = connectionLimits
    self.clock = clock
    self.logger = logger
  }
}

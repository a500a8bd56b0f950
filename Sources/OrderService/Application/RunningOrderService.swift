import TLSIdentity
import VaultAPI

/// An order service running in this process on a background task: the desk's embedded
/// default, and what tests and benchmarks talk to.
public final class RunningOrderService: Sendable {
  /// The port the service bound.
  public let port: Int
  /// `https://HOST:PORT`, or `http://…` when serving plain HTTP.
  public let url: String
  /// The certificate clients pin, or `nil` for plain HTTP.
  public let identity: ServiceIdentity?
  /// The data directory, where `orderdesk staff` manages the accounts staff sign in with.
  public let dataDirectory: String
  private let task: Task<Void, any Error>

  private init(
    port: Int, url: String, identity: ServiceIdentity?, dataDirectory: String,
    task: Task<Void, any Error>
  ) {
    self.port = port
    self.url = url
    self.identity = identity
    self.dataDirectory = dataDirectory
    self.task = task
  }

  /// Starts the service and returns once it accepts connections.
  public static func start(
    _ configuration: OrderServiceConfiguration, vault: some CardVault,
    staff: (any StaffAuthority)? = nil
  ) async throws
    -> RunningOrderService
  {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let service = try await OrderService(configuration: configuration, vault: vault, staff: staff) {
      port in
      continuation.yield(port)
      continuation.finish()
    }
    let task = Task {
      defer { continuation.finish() }
      try await service.run()
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else {
      // The server stopped before it listened: report why.
      try await task.value
      throw OrderServiceStartError.stoppedBeforeListening
    }
    let scheme = service.identity == nil ? "http" : "https"
    let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
    return RunningOrderService(
      port: port, url: "\(scheme)://\(host):\(port)", identity: service.identity,
      dataDirectory: service.dataDirectory, task: task)
  }

  /// Stops accepting connections and waits until the service has stopped.
  public func stop() async {
    task.cancel()
    _ = try? await task.value
  }
}

/// Why the service could not be started.
public enum OrderServiceStartError: Error, CustomStringConvertible {
  case stoppedBeforeListening

  public var description: String {
    switch self {
    case .stoppedBeforeListening: "the order service stopped before it was listening"
    }
  }
}

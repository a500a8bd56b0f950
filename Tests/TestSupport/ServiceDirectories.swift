import Foundation

/// Removes a service's data directory and the directory of the vault it started beside it
/// (`PATH-vault`), as a test leaves nothing behind.
public func removeServiceDirectory(_ path: String) {
  try? FileManager.default.removeItem(atPath: path)
  try? FileManager.default.removeItem(atPath: path + "-vault")
}

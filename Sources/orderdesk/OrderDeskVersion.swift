/// The version `orderdesk --version` prints.
enum OrderDeskVersion {
  static let current = "0.1.0"
}

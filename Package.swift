// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "OrderDesk",
  // Synchronization.Mutex guards the bytes of card secrets.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "orderdesk", targets: ["OrderDeskCommand"]),
    .library(name: "OrderCore", targets: ["OrderCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
  ],
  targets: [
    // The C boundary: ncursesw and the few shims Swift cannot call directly.
    // The module map links ncursesw directly: pkg-config's flags for it (-D_XOPEN_SOURCE)
    // are ones SwiftPM refuses, and the header defines what the shims need.
    .systemLibrary(
      name: "CNCurses",
      providers: [.apt(["libncurses-dev"])]
    ),
    // The domain: money, catalog, cart, pricing, customer, card rules, the order channel.
    // Imports no I/O library.
    .target(name: "OrderCore"),
    // The terminal edge: puts text on the screen through ncurses and reads keys.
    .target(name: "DeskTerminal", dependencies: ["CNCurses"]),
    // The `orderdesk` command: argument parsing and composition.
    .executableTarget(
      name: "OrderDeskCommand",
      dependencies: [
        "OrderCore",
        "DeskTerminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/orderdesk"
    ),
    .testTarget(
      name: "OrderCoreTests",
      dependencies: [
        "OrderCore",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "OrderDeskCommandTests",
      dependencies: ["OrderDeskCommand"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

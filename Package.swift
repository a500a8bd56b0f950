// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "OrderDesk",
  // Synchronization.Mutex guards the bytes of card secrets.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "orderdesk", targets: ["OrderDeskCommand"]),
    .executable(name: "orderdesk-benchmark", targets: ["OrderServiceBenchmark"]),
    .executable(name: "secretbytes-benchmark", targets: ["SecretBytesBenchmark"]),
    .library(name: "OrderCore", targets: ["OrderCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    .package(url: "https://github.com/swift-extras/swift-extras-base64.git", from: "1.2.0"),
  ],
  targets: [
    // The C boundary: ncursesw and the few shims Swift cannot call directly.
    // The module map links ncursesw directly: pkg-config's flags for it (-D_XOPEN_SOURCE)
    // are ones SwiftPM refuses, and the header defines what the shims need.
    .systemLibrary(
      name: "CNCurses",
      providers: [.apt(["libncurses-dev"])]
    ),
    // The C boundary for prctl(2), which Swift cannot call because it is variadic.
    .systemLibrary(name: "CProcessControl"),
    // The domain: money, catalog, cart, pricing, customer, card rules, the order channel.
    // Imports no I/O library.
    .target(name: "OrderCore"),
    // The v1 wire format shared by the order service and its clients: Codable bodies and
    // the stable error codes.
    .target(name: "OrderAPI", dependencies: ["OrderCore"]),
    // Card fields sealed to the vault's key (RFC 9180 HPKE), and opened by the vault.
    .target(
      name: "CardSealing",
      dependencies: ["OrderCore", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The port between the order service and the vault: authorize, refund, the published
    // keys, and the vault's wire format. Nothing in it can open a sealed card.
    .target(name: "VaultAPI", dependencies: ["OrderCore"]),
    // The vault ("fortress"): the only component that reads card data. Its own keys and its
    // own SQLite file; the payment processor behind a protocol.
    .target(
      name: "Vault",
      dependencies: [
        "OrderCore", "CardSealing", "VaultAPI",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Where orders are kept: the OrderStore protocol and its SQLite implementation.
    .target(
      name: "OrderStorage",
      dependencies: [
        "OrderCore",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    // The service's TLS identity: a self-signed certificate made once and reused, and
    // SHA-256 fingerprints for pinning.
    .target(
      name: "TLSIdentity",
      dependencies: [
        "OrderCore",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
      ]
    ),
    // The desk's side of the channel: HTTPS with keep-alive, certificate verification and
    // the security state read from the real handshake.
    .target(
      name: "OrderClient",
      dependencies: [
        "OrderCore", "OrderAPI", "CardSealing", "TLSIdentity",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOTLS", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "X509", package: "swift-certificates"),
      ]
    ),
    // The vault as its own process: its API on Hummingbird behind mutual TLS, its small CA
    // for enrolling order services, and the child process the desk and `serve` start.
    .target(
      name: "VaultService",
      dependencies: [
        "OrderCore", "VaultAPI", "Vault", "TLSIdentity",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The order service's side of the vault: a mutual-TLS client of `orderdesk vault`, and
    // the supervisor that runs one as a child process.
    .target(
      name: "VaultClient",
      dependencies: [
        "OrderCore", "VaultAPI",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The order service: the v1 API on Hummingbird over TLS. It reaches card data only
    // through the `CardVault` port, and links no code that can open a sealed card.
    .target(
      name: "OrderService",
      dependencies: [
        "OrderCore", "OrderAPI", "VaultAPI", "OrderStorage", "TLSIdentity", "StaffAccounts",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HummingbirdHTTP2", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOTLS", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // Staff accounts (bcrypt passphrase and TOTP second factor), their sessions, and the
    // hash-chained audit trail, each in its own SQLite file. No HTTP types.
    .target(
      name: "StaffAccounts",
      dependencies: [
        "OrderCore",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
        .product(name: "ExtrasBase64", package: "swift-extras-base64"),
      ]
    ),
    // Colour themes: semantic slots, glyphs, colours and the built-in themes. No file I/O.
    .target(name: "DeskTheme"),
    // Theme files: reading a theme from TOML, and finding theme files in `themes/` and the
    // person's own folder.
    .target(
      name: "ThemeFiles",
      dependencies: ["DeskTheme", "OrderCore", .product(name: "TOMLKit", package: "TOMLKit")]
    ),
    // The desk itself: state, update(state, event) -> effects, and render(state) into a cell
    // grid. No I/O: ncurses and the network are at the edges.
    .target(name: "DeskUI", dependencies: ["OrderCore", "DeskTheme"]),
    // The desk's loop: keys, timers, effects and the inbox, talking to the world only through
    // its ports (the order channel, the terminal, the audit log); a headless terminal for tests.
    .target(name: "DeskRuntime", dependencies: ["DeskUI", "OrderCore"]),
    // The terminal edge: puts a grid on the screen through ncurses and reads keys.
    .target(
      name: "DeskTerminal", dependencies: ["CNCurses", "DeskRuntime", "DeskUI", "DeskTheme"]),
    // The `orderdesk` command: argument parsing and composition.
    .executableTarget(
      name: "OrderDeskCommand",
      dependencies: [
        "OrderCore", "DeskUI", "DeskRuntime", "DeskTheme", "ThemeFiles", "DeskTerminal",
        "OrderService",
        "OrderClient", "TLSIdentity", "VaultAPI", "VaultService", "VaultClient", "Vault",
        "StaffAccounts",
        .target(name: "CProcessControl", condition: .when(platforms: [.linux])),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/orderdesk"
    ),
    // Benchmarks: built with the package, run on purpose (`swift run -c release …`).
    .executableTarget(
      name: "OrderServiceBenchmark",
      dependencies: [
        "OrderCore", "OrderService", "OrderClient", "TLSIdentity", "Vault", "VaultClient",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Benchmarks/OrderServiceBenchmark"
    ),
    .executableTarget(
      name: "SecretBytesBenchmark", dependencies: ["OrderCore"],
      path: "Benchmarks/SecretBytesBenchmark"),
    .testTarget(
      name: "OrderCoreTests",
      dependencies: [
        "OrderCore", "OrderDeskTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    // What several test targets share: Python's independent HPKE, for interoperability, a
    // seeded random generator, the search for leaked card data, and a throwaway certificate
    // authority.
    .target(
      name: "OrderDeskTestSupport",
      dependencies: [
        "OrderCore", "TLSIdentity", "StaffAccounts",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
        .product(name: "ExtrasBase64", package: "swift-extras-base64"),
      ],
      path: "Tests/TestSupport"
    ),
    .testTarget(
      name: "CardSealingTests",
      dependencies: [
        "CardSealing", "OrderCore", "OrderDeskTestSupport",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .testTarget(
      name: "VaultTests",
      dependencies: [
        "Vault", "VaultAPI", "CardSealing", "OrderCore", "OrderDeskTestSupport",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "OrderStorageTests",
      dependencies: [
        "OrderStorage", "OrderCore", "OrderDeskTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "OrderClientTests",
      dependencies: [
        "OrderClient", "OrderAPI", "OrderCore", "TLSIdentity", "CardSealing",
        "OrderDeskTestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "OrderServiceTests",
      dependencies: [
        "OrderService", "OrderClient", "OrderAPI", "OrderCore", "CardSealing", "TLSIdentity",
        "Vault", "VaultAPI", "VaultService", "VaultClient", "OrderStorage", "OrderDeskTestSupport",
        "StaffAccounts",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOTLS", package: "swift-nio"),
      ]
    ),
    .testTarget(
      name: "StaffAccountsTests",
      dependencies: [
        "StaffAccounts", "OrderCore", "OrderDeskTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
        .product(name: "ExtrasBase64", package: "swift-extras-base64"),
      ]
    ),
    .testTarget(name: "DeskThemeTests", dependencies: ["DeskTheme"]),
    .testTarget(name: "ThemeFilesTests", dependencies: ["ThemeFiles", "DeskTheme", "OrderCore"]),
    .testTarget(
      name: "DeskUITests",
      dependencies: ["DeskUI", "DeskRuntime", "DeskTheme", "OrderCore", "OrderDeskTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "DeskTerminalTests",
      dependencies: ["DeskTerminal", "DeskRuntime", "DeskUI", "DeskTheme", "CNCurses"]
    ),
    .testTarget(
      name: "DeskRuntimeTests",
      dependencies: [
        "DeskRuntime", "DeskUI", "DeskTheme", "OrderCore", "OrderClient", "OrderDeskTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]
    ),
    .testTarget(
      name: "OrderDeskCommandTests",
      dependencies: [
        "OrderDeskCommand", "DeskUI", "OrderClient", "OrderStorage", "OrderCore", "TLSIdentity",
        "Vault",
        "VaultAPI", "VaultClient", "OrderService", "OrderDeskTestSupport", "StaffAccounts",
        .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
        .product(name: "ExtrasBase64", package: "swift-extras-base64"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
        // The sslyze test's twin: a server with weak TLS settings, built as the service is.
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
import PackageDescription

/// One set of settings for every Swift target: Swift 6 language mode with strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "sluice",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
    ],
    targets: [
        // C edges: OpenSSL and the compression libraries from Debian, and the syscall/macro shim.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCompression", providers: [.apt(["zlib1g-dev", "libbrotli-dev", "libzstd-dev"])]),
        .target(name: "CSluice", dependencies: ["COpenSSL"]),

        // Pure core: no sockets, no OpenSSL.
        .target(name: "SluiceHTTP", swiftSettings: swiftSettings),
        .target(name: "SluicePolicy", dependencies: [
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        .target(name: "SluiceDetect", dependencies: ["CCompression"], swiftSettings: swiftSettings),
        .target(name: "SluiceAudit", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swiftSettings),
        .target(name: "SluiceEngine", dependencies: [
            "SluiceHTTP", "SluicePolicy", "SluiceDetect", "SluiceAudit",
        ], swiftSettings: swiftSettings),

        // Thin unsafe edges.
        .target(name: "SluiceTLS", dependencies: ["CSluice", "COpenSSL"], swiftSettings: swiftSettings),
        .target(name: "SluiceRuntime", dependencies: [
            "CSluice", "SluiceEngine", "SluiceTLS", "SluiceHTTP", "SluicePolicy", "SluiceAudit",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        .executableTarget(name: "sluice", dependencies: [
            "SluiceRuntime", "SluiceEngine", "SluicePolicy", "SluiceDetect", "SluiceAudit", "SluiceTLS",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swiftSettings),

        .testTarget(name: "SluiceHTTPTests", dependencies: ["SluiceHTTP"], swiftSettings: swiftSettings),
        .testTarget(name: "SluicePolicyTests", dependencies: ["SluicePolicy"], swiftSettings: swiftSettings),
        .testTarget(name: "SluiceDetectTests", dependencies: ["SluiceDetect"], swiftSettings: swiftSettings),
        .testTarget(name: "SluiceAuditTests", dependencies: ["SluiceAudit"], swiftSettings: swiftSettings),
        .testTarget(name: "SluiceEngineTests", dependencies: ["SluiceEngine", "SluiceHTTP", "SluicePolicy"], swiftSettings: swiftSettings),
        .testTarget(name: "SluiceTLSTests", dependencies: ["SluiceTLS"], swiftSettings: swiftSettings),
        .testTarget(name: "SluiceRuntimeTests", dependencies: ["SluiceRuntime"], swiftSettings: swiftSettings),
        .testTarget(name: "SluiceIntegrationTests", dependencies: ["sluice"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
    ]
)

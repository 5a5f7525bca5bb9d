// swift-tools-version:6.0
import PackageDescription

/// Settings every target shares: Swift 6 language mode with strict concurrency.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Vigil",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
        .library(name: "OpsgenieKit", targets: ["OpsgenieKit"]),
        .library(name: "OpsgenieSimulator", targets: ["OpsgenieSimulator"]),
        .library(name: "VigilCore", targets: ["VigilCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "OpsgenieKit",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OpsgenieSimulator",
            dependencies: [
                "OpsgenieKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "VigilCore",
            dependencies: ["OpsgenieKit", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "VigilTerminal",
            dependencies: ["CNCurses", "VigilCore"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "OpsgenieKit", "OpsgenieSimulator", "VigilCore", "VigilTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "vigil-bench",
            dependencies: ["VigilCore", "OpsgenieKit", "OpsgenieSimulator", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/VigilBenchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpsgenieKitTests",
            dependencies: ["OpsgenieKit", "OpsgenieSimulator", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpsgenieSimulatorTests",
            dependencies: ["OpsgenieSimulator", "OpsgenieKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VigilCoreTests",
            dependencies: ["VigilCore", "OpsgenieSimulator", .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                           .product(name: "Logging", package: "swift-log")],
            exclude: ["__Snapshots__"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "vigilTests",
            dependencies: ["vigil", "VigilCore"],
            exclude: ["fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VigilTerminalTests",
            dependencies: ["VigilTerminal"],
            swiftSettings: swiftSettings
        ),
    ]
)

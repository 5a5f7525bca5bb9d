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
        .library(name: "JSMOpsKit", targets: ["JSMOpsKit"]),
        .library(name: "ServiceSimulator", targets: ["ServiceSimulator"]),
        .library(name: "OperationsModel", targets: ["OperationsModel"]),
        .library(name: "VigilCore", targets: ["VigilCore"]),
        .library(name: "VigilRuntime", targets: ["VigilRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
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
        // The service-neutral vocabulary: alerts, heartbeats, on-call, actions, faults and the
        // `OperationsBackend` protocol. No HTTP.
        .target(
            name: "OperationsModel",
            swiftSettings: swiftSettings
        ),
        // The one HTTP transport both services use: pools, proxy, TLS trust, retries, fault
        // classes, redaction, shutdown.
        .target(
            name: "ServiceHTTP",
            dependencies: [
                "OperationsModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The published API descriptions (embedded byte for byte) and a checker of requests and
        // answers against them: the simulators refuse what the services refuse; tests walk the
        // clients' requests.
        .target(
            name: "ServiceSpecs",
            swiftSettings: swiftSettings
        ),
        // Opsgenie's wire formats, error bodies, rate-limit headers and remedies.
        .target(
            name: "OpsgenieKit",
            dependencies: [
                "OperationsModel", "ServiceHTTP",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // JSM Operations' wire formats, error bodies and remedies.
        .target(
            name: "JSMOpsKit",
            dependencies: [
                "OperationsModel", "ServiceHTTP",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceSimulator",
            dependencies: [
                "OpsgenieKit", "ServiceSpecs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The dashboard as values: state, events, effects, update, view. No I/O.
        .target(
            name: "VigilCore",
            dependencies: ["OperationsModel"],
            swiftSettings: swiftSettings
        ),
        // Runs the dashboard's effects against a backend and keeps the action journal.
        .target(
            name: "VigilRuntime",
            dependencies: ["VigilCore", "OperationsModel", .product(name: "Logging", package: "swift-log")],
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
                "OpsgenieKit", "JSMOpsKit", "ServiceSimulator", "ServiceHTTP", "VigilCore", "VigilRuntime", "VigilTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "vigil-bench",
            dependencies: ["VigilCore", "VigilRuntime", "VigilTerminal", "VigilTesting", "OpsgenieKit", "ServiceSimulator",
                           .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/VigilBenchmarks",
            swiftSettings: swiftSettings
        ),
        // Test support: a scripted HTTP server, a test clock, a live dashboard driver; for the loop a
        // scripted key source, a recording screen and a clock the test moves.
        .target(
            name: "VigilTesting",
            dependencies: [
                "OpsgenieKit", "ServiceSimulator", "VigilCore", "VigilRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpsgenieKitTests",
            dependencies: ["OpsgenieKit", "ServiceSimulator", "VigilTesting", "ServiceSpecs", "ServiceHTTP"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JSMOpsKitTests",
            dependencies: ["JSMOpsKit", "ServiceSimulator", "ServiceSpecs", "ServiceHTTP"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServiceSpecsTests",
            dependencies: ["ServiceSpecs", "ServiceHTTP", "OpsgenieKit", "JSMOpsKit", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServiceSimulatorTests",
            dependencies: ["ServiceSimulator", "OpsgenieKit", "ServiceSpecs"],
            swiftSettings: swiftSettings
        ),
        // Pure: builds without Hummingbird or AsyncHTTPClient.
        .testTarget(
            name: "VigilCoreTests",
            dependencies: ["VigilCore", "OperationsModel", .product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
            exclude: ["__Snapshots__"],
            swiftSettings: swiftSettings
        ),
        // The engine and journal over real HTTP against the simulator.
        .testTarget(
            name: "VigilRuntimeTests",
            dependencies: ["VigilRuntime", "VigilCore", "VigilTesting", "OpsgenieKit", "JSMOpsKit", "ServiceSimulator"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "vigilTests",
            dependencies: ["vigil", "VigilCore", "OpsgenieKit", "JSMOpsKit", "ServiceSimulator", "ServiceHTTP"],
            exclude: ["fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VigilTerminalTests",
            dependencies: ["VigilTerminal", "VigilCore"],
            swiftSettings: swiftSettings
        ),
    ]
)

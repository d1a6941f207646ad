// swift-tools-version:6.1
// lce: the LLM Compression Trade-off Evaluator. Shared/ holds one Swift module per folder,
// Services/ one executable per folder; dependencies point from Services to Shared only.
import PackageDescription

let package = Package(
    name: "lce",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lce", targets: ["CLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, librabbitmq-dev, libpq-dev).
        .systemLibrary(name: "CBLAS", path: "Shared/CBLAS"),
        .systemLibrary(name: "CRabbitMQ", path: "Shared/CRabbitMQ"),
        .systemLibrary(name: "CPostgres", path: "Shared/CPostgres"),

        // The engine.
        .target(name: "Tensor", dependencies: ["CBLAS"], path: "Shared/Tensor"),
        .target(name: "Models", dependencies: ["Tensor"], path: "Shared/Models"),

        // Service plumbing.
        .target(name: "Routing", path: "Shared/Routing"),
        .target(name: "ServiceKit", dependencies: [
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ], path: "Shared/ServiceKit"),

        // Executables.
        .executableTarget(name: "CLI", dependencies: [
            "Tensor", "ServiceKit", "CBLAS",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Services/CLI"),

        // Tests.
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], path: "Tests/TensorTests"),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Tensor"], path: "Tests/ModelsTests",
                    exclude: ["Checkpoints/Fixtures", "Tokenizer/Fixtures"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], path: "Tests/RoutingTests"),
        .testTarget(name: "ServiceKitTests", dependencies: [
            "ServiceKit",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ], path: "Tests/ServiceKitTests"),
    ],
    swiftLanguageModes: [.v5]
)

// swift-tools-version:6.1
// lce: the LLM Compression Trade-off Evaluator. Shared/ holds one Swift module per folder,
// Services/ one executable per folder; dependencies point from Services to Shared only.
import PackageDescription

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")

// Wider kernels are compiled in their own targets with their own instruction-set flags and chosen
// at run time from the CPU's features (Swift has no per-function target attributes).
#if arch(x86_64)
let simdFlags = ["-Xcc", "-mavx2", "-Xcc", "-mfma", "-Xcc", "-mf16c", "-O"]
let kernelTargets: [Target] = [
    .target(name: "TensorKernelsAVX2", path: "Shared/TensorKernelsAVX2", swiftSettings: [.unsafeFlags(simdFlags)]),
    .target(name: "TensorKernelsAVX512", path: "Shared/TensorKernelsAVX512",
            swiftSettings: [.unsafeFlags(simdFlags + ["-Xcc", "-mavx512f", "-Xcc", "-mavx512bw", "-Xcc", "-mavx512vl",
                                                      "-Xcc", "-mavx512vnni"])]),
]
let kernelDependencies: [Target.Dependency] = ["TensorKernelsAVX2", "TensorKernelsAVX512"]
#else
let kernelTargets: [Target] = []
let kernelDependencies: [Target.Dependency] = []
#endif

let package = Package(
    name: "lce",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lce", targets: ["CLI"]),
        .executable(name: "lce-router", targets: ["RouterService"]),
        .executable(name: "lce-worker", targets: ["WorkerService"]),
        .executable(name: "lce-metrics", targets: ["MetricsService"]),
        .executable(name: "lce-trainer", targets: ["TrainerService"]),
        .executable(name: "lce-evaluator", targets: ["EvaluatorService"]),
        .executable(name: "lce-bench-engine", targets: ["EngineBenchmark"]),
        .executable(name: "lce-bench-backbone", targets: ["BackboneBenchmark"]),
        .executable(name: "lce-bench-evaluation", targets: ["EvaluationBenchmark"]),
        .executable(name: "lce-bench-training", targets: ["TrainingBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, librabbitmq-dev, libpq-dev).
        .systemLibrary(name: "CBLAS", path: "Shared/CBLAS"),
        .systemLibrary(name: "CRabbitMQ", path: "Shared/CRabbitMQ"),
        .systemLibrary(name: "CPostgres", path: "Shared/CPostgres"),

        // The engine.
        .target(name: "Tensor", dependencies: ["CBLAS"] + kernelDependencies, path: "Shared/Tensor",
                swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "Models", dependencies: ["Tensor"], path: "Shared/Models"),
        .target(name: "Training", dependencies: ["Models", "Tensor"], path: "Shared/Training"),
        .target(name: "Evaluation", dependencies: ["Models", "Training"], path: "Shared/Evaluation"),

        // The backbone.
        .target(name: "Messaging", dependencies: ["CRabbitMQ", logging, lifecycle], path: "Shared/Messaging"),
        .target(name: "MetricsStore", dependencies: ["CPostgres", logging], path: "Shared/MetricsStore"),
        .target(name: "Routing", path: "Shared/Routing"),
        .target(name: "ServiceKit", dependencies: [logging, argumentParser, lifecycle, prometheus, hummingbird],
                path: "Shared/ServiceKit"),

        // Executables: wiring only.
        .executableTarget(name: "CLI", dependencies: ["Tensor", "Models", "Training", "Evaluation", "ServiceKit", "CBLAS",
                                               "MetricsStore", "Messaging", argumentParser, logging],
                          path: "Services/CLI"),
        .executableTarget(name: "RouterService", dependencies: ["Routing", "Messaging", "Models", "ServiceKit", argumentParser,
                                                         hummingbird, nioCore, nioPosix, prometheus, lifecycle, logging],
                          path: "Services/Router"),
        .executableTarget(name: "WorkerService", dependencies: ["Models", "Tensor", "Training", "Messaging", "Routing", "ServiceKit",
                                                         argumentParser, prometheus, lifecycle, logging],
                          path: "Services/Worker"),
        .executableTarget(name: "MetricsService", dependencies: ["Messaging", "MetricsStore", "ServiceKit", argumentParser,
                                                          prometheus, lifecycle, logging],
                          path: "Services/Metrics"),
        .executableTarget(name: "TrainerService", dependencies: ["Training", "Models", "Tensor", "Messaging", "ServiceKit",
                                                          argumentParser, prometheus, lifecycle, logging],
                          path: "Services/Trainer"),
        .executableTarget(name: "EvaluatorService", dependencies: ["Evaluation", "Models", "Tensor", "CBLAS", "Messaging",
                                                            "ServiceKit", argumentParser, prometheus, lifecycle, logging],
                          path: "Services/Evaluator"),

        // Benchmarks: print figures, never assert them.
        .target(name: "BenchmarkKit", dependencies: ["Models", "Tensor", "CBLAS"], path: "Benchmarks/BenchmarkKit"),
        .executableTarget(name: "EngineBenchmark", dependencies: ["BenchmarkKit", "Models", "Tensor", "ServiceKit", "CBLAS",
                                                           argumentParser],
                          path: "Benchmarks/EngineBenchmark"),
        .executableTarget(name: "TrainingBenchmark", dependencies: ["BenchmarkKit", "Training", "Models", "Tensor", "CBLAS",
                                                             argumentParser],
                          path: "Benchmarks/TrainingBenchmark", exclude: ["peft_reference.py"]),
        .executableTarget(name: "EvaluationBenchmark", dependencies: ["BenchmarkKit", "Evaluation", argumentParser],
                          path: "Benchmarks/EvaluationBenchmark"),
        .executableTarget(name: "BackboneBenchmark", dependencies: ["Messaging", "MetricsStore", logging, argumentParser],
                          path: "Benchmarks/BackboneBenchmark"),

        // Tests.
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], path: "Tests/TensorTests", exclude: ["Fixtures"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Tensor"], path: "Tests/ModelsTests",
                    exclude: ["Checkpoints/Fixtures", "Families/Fixtures", "Tokenizer/Fixtures"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Models", "Tensor"], path: "Tests/TrainingTests",
                    exclude: ["Fixtures", "TokenizerTraining/Fixtures"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Models"], path: "Tests/EvaluationTests",
                    exclude: ["BLEU/Fixtures", "Datasets/Fixtures", "CodeBLEU/Fixtures"]),
        .testTarget(name: "MetricsStoreTests", dependencies: ["MetricsStore"], path: "Tests/MetricsStoreTests"),
        .testTarget(name: "MessagingTests", dependencies: ["Messaging", logging, lifecycle], path: "Tests/MessagingTests"),
        .testTarget(name: "CLITests", dependencies: ["CLI", "Evaluation", "Models", "Tensor", "Training", "Messaging"], path: "Tests/CLITests"),
        .testTarget(name: "EndToEndTests", dependencies: ["Messaging", "MetricsStore", "Models", "Training", "Tensor"],
                    path: "Tests/EndToEndTests",
                    exclude: ["Fixtures"]),
        .testTarget(name: "DeployTests", dependencies: [
            "CLI", "RouterService", "WorkerService", "MetricsService", "TrainerService", "EvaluatorService", "ServiceKit",
            argumentParser,
            .product(name: "Yams", package: "Yams"),
        ], path: "Tests/DeployTests"),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], path: "Tests/RoutingTests"),
        .testTarget(name: "ServiceKitTests", dependencies: [
            "ServiceKit",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ], path: "Tests/ServiceKitTests"),
    ] + kernelTargets,
    swiftLanguageModes: [.v5]
)

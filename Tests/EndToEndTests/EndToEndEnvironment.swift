import Foundation
import Testing

/// What the end-to-end tests need from their surroundings: the broker and database URLs the
/// local scripts print, and the built service executables.
enum EndToEndEnvironment {
    static let variables = ProcessInfo.processInfo.environment

    /// `AMQP_URL` as `Deploy/local/services.sh env` prints it.
    static var amqpURL: String? { variables["AMQP_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    /// `DATABASE_URL` (the service role).
    static var databaseURL: String? { variables["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    /// `LCE_DATABASE_ADMIN_URL` (the owner role, so lce-metrics migrates before it consumes).
    static var adminURL: String? { variables["LCE_DATABASE_ADMIN_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    /// The repository root, from this file's real location (Tests/EndToEndTests/<file>).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The tiny served model made by Fixtures/make_tiny_model.py.
    static var modelDirectory: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tiny-llama")
    }

    /// Where lce-router, lce-worker and lce-metrics are: `LCE_BIN_DIR`, else the build folder
    /// beside this test bundle (the test runs from `swift build --show-bin-path`).
    static var binDirectory: URL {
        if let dir = variables["LCE_BIN_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var candidate = executable.deletingLastPathComponent()
        // The test runner is <bin>/lcePackageTests.xctest (a file on Linux); walk up until the services are beside it.
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("lce-router").path) { return candidate }
            candidate = candidate.deletingLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug")
    }

    static func binary(_ name: String) -> URL { binDirectory.appendingPathComponent(name) }

    /// The variant the tests' workers serve and their routers route to: the tiny model as stored. Not `base`: the
    /// demo (Deploy/local/demo.sh) runs a `base` worker on the same broker, and it would take the tests' requests.
    static let variant = "merged"

    /// The executables the tests start.
    static let services = ["lce-router", "lce-worker", "lce-metrics"]

    /// True when the broker, the database and the executables are all there.
    static var isReady: Bool { missing == nil }

    /// What is missing, in words, or nil.
    static var missing: String? {
        if amqpURL == nil || databaseURL == nil {
            return "AMQP_URL / DATABASE_URL unset: run Deploy/local/services.sh start and eval \"$(Deploy/local/services.sh env)\""
        }
        for name in services where !FileManager.default.isExecutableFile(atPath: binary(name).path) {
            return "\(binary(name).path) not built: run swift build (or set LCE_BIN_DIR)"
        }
        if !FileManager.default.fileExists(atPath: modelDirectory.appendingPathComponent("model.safetensors").path) {
            return "tiny model fixture missing: run Tests/EndToEndTests/Fixtures/make_tiny_model.py"
        }
        return nil
    }

    /// Why the tests skip, printed by the test runner.
    static var skipReason: Comment { Comment(rawValue: missing ?? "ready") }

    /// Restart tests stop shared services; they run only when asked (Deploy/local/test.sh runs them first, alone).
    static var restartTestsEnabled: Bool { variables["LCE_BROKER_RESTART_TESTS"] == "1" && isReady }

    static var restartSkipReason: Comment {
        Comment(rawValue: missing ?? "restart tests stop RabbitMQ/PostgreSQL: set LCE_BROKER_RESTART_TESTS=1 (Deploy/local/test.sh does)")
    }

    /// A short id unique to this run, put into worker ids and prompts so rows of earlier runs never count.
    static func runID(_ prefix: String) -> String { "e2e-\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import MetricsStore

/// The PostgreSQL that Deploy/local/postgres.sh starts, as the environment names it.
enum TestDatabase {
    /// Service-role URL (`DATABASE_URL`).
    static let serviceURL = ProcessInfo.processInfo.environment["DATABASE_URL"]
    /// Owner-role URL for migrations (`LCE_DATABASE_ADMIN_URL`).
    static let adminURL = ProcessInfo.processInfo.environment["LCE_DATABASE_ADMIN_URL"]

    /// True when both URLs are set, so integration tests can run.
    static var isConfigured: Bool { serviceURL != nil && adminURL != nil }

    /// Why integration tests skip.
    static let skipReason: Comment = "DATABASE_URL / LCE_DATABASE_ADMIN_URL unset: run `eval \"$(Deploy/local/postgres.sh env)\"` after `Deploy/local/postgres.sh start`"

    /// The repository's postgres.sh, found from this file's real (symlink-resolved) location.
    static var script: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Deploy/local/postgres.sh")
    }

    /// True when the URLs point at the cluster postgres.sh runs, so the tests may stop and start it.
    ///
    /// `LCE_SKIP_RESTART_TESTS=1` turns the restart tests off when other suites share the server.
    static var isLocalCluster: Bool {
        guard isConfigured, ProcessInfo.processInfo.environment["LCE_SKIP_RESTART_TESTS"] != "1", let serviceURL, let url = try? PostgresURL(serviceURL),
              FileManager.default.isExecutableFile(atPath: script.path) else { return false }
        let port = Int(ProcessInfo.processInfo.environment["LCE_PG_PORT"] ?? "5433")
        return url.host == "127.0.0.1" && url.port == port && FileManager.default.fileExists(atPath: pidFile.path)
    }

    /// postmaster.pid of the cluster postgres.sh runs, present while it is up.
    static var pidFile: URL {
        let root = script.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let state = ProcessInfo.processInfo.environment["LCE_STATE_DIR"].map { URL(fileURLWithPath: $0) }
            ?? root.appendingPathComponent(".lce/state")
        return state.appendingPathComponent("postgres/data/postmaster.pid")
    }

    /// Runs `postgres.sh <command>` and returns its exit status.
    ///
    /// posix_spawn and waitpid rather than Foundation's Process, whose waitUntilExit can hang
    /// when called from a test task on Linux.
    @discardableResult
    static func runScript(_ command: String) throws -> Int32 {
        let arguments = ["/bin/bash", script.path, command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, &argv, environ)
        guard spawned == 0 else { throw PostgresError.invalidArgument("cannot run \(script.path): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WEXITSTATUS, which Swift does not import as a macro.
        return (status >> 8) & 0xff
    }

    /// A migrated store on the service role.
    static func migratedStore() async throws -> MetricsStore {
        try await Migrator().migrate(url: adminURL ?? "")
        return try await MetricsStore.connect(serviceURL ?? "")
    }

    /// Runs `body` with a fresh schema owned by the owner role, dropped afterwards even on failure.
    static func withScratchSchema(_ prefix: String, _ body: (String) async throws -> Void) async throws {
        let schema = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        let owner = try await PostgresConnection.connect(adminURL ?? "")
        try await owner.execute("CREATE SCHEMA \(schema)")
        do {
            try await body(schema)
        } catch {
            _ = try? await owner.execute("DROP SCHEMA \(schema) CASCADE")
            await owner.close()
            throw error
        }
        try await owner.execute("DROP SCHEMA \(schema) CASCADE")
        await owner.close()
    }

    /// An owner-role connection whose unqualified names resolve in a private schema.
    static func adminConnection(searchPath schema: String) throws -> PostgresConnection {
        var url = try PostgresURL(adminURL ?? "")
        url.options["options"] = "-c search_path=\(schema)"
        return PostgresConnection(url: url)
    }
}

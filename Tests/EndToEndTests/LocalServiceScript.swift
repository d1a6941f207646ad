import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Deploy/local/rabbitmq.sh and postgres.sh, run the way an operator would to stop and start a shared service.
enum LocalServiceScript {
    /// Runs `Deploy/local/<script> <command>` on its own thread and returns its exit status.
    static func run(_ script: String, _ command: String) async throws -> Int32 {
        let path = EndToEndEnvironment.repositoryRoot.appendingPathComponent("Deploy/local/\(script)").path
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try spawnAndWait(["/bin/bash", path, command]) })
            }.start()
        }
    }

    private static func spawnAndWait(_ arguments: [String]) throws -> Int32 {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The broker must not inherit the test runner's pipes, or whoever reads them waits as long as it lives.
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { throw EndToEndError("cannot run \(arguments.joined(separator: " ")): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status >> 8) & 0xff
    }
}

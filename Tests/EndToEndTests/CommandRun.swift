import Foundation

/// A short-lived lce command (`lce dead list`, ...) run as a user would, with its output.
struct CommandRun {
    let status: Int32
    let output: String
    let errorOutput: String

    /// Runs `executable` from the build folder with `arguments` and the tests' broker and database in its
    /// environment, waits up to `timeout`, and returns what it printed.
    static func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:],
                    timeout: Duration = .seconds(60)) async throws -> CommandRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lce-e2e-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (out, err) = (folder.appendingPathComponent("out"), folder.appendingPathComponent("err"))
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = EndToEndEnvironment.binary(executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AMQP_URL"] = EndToEndEnvironment.amqpURL
        environment["DATABASE_URL"] = EndToEndEnvironment.databaseURL
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            process.terminate()
            throw EndToEndError("\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        return CommandRun(status: process.terminationStatus,
                          output: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                          errorOutput: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

import Foundation

/// Runs a program to completion and reads the JSON object it prints last on stdout: how each
/// training method (this executable again) and the PyTorch reference hand back their figures.
enum ChildProcess {
    /// Why a child failed or printed nothing readable.
    struct Failure: Error, CustomStringConvertible {
        /// The message, with the end of the child's stderr.
        let description: String
    }

    /// The path of this executable, to start it again in a hidden mode.
    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs `executable` with `arguments` and decodes its last stdout line starting with "{" as `T`.
    /// stderr goes to a temporary file (a pipe nobody reads could fill and block the child).
    static func runJSON<T: Decodable>(_ executable: String, _ arguments: [String], as type: T.Type) throws -> T {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bench-training-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errorHandle.close()
        let errors = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        let name = (executable as NSString).lastPathComponent
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(name) exited with status \(process.terminationStatus): "
                          + errors.trimmingCharacters(in: .whitespacesAndNewlines).suffix(600))
        }
        guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw Failure(description: "\(name) printed no JSON line; stderr: \(errors.suffix(400))")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(line.utf8))
        } catch {
            throw Failure(description: "\(name) printed unreadable JSON (\(error)): \(line.prefix(300))")
        }
    }
}

import Foundation

/// llama.cpp on the same GGUF through ../shared/tools/peer-decode.py, when its Python is present.
struct LlamaCppPeer {
    /// The peer's Python (LCE_PEER_PYTHON, or the venv get-llama-cpp-peer.sh makes).
    let python: String
    /// peer-decode.py (LCE_PEER_SCRIPT, or ../shared/tools/ from the working directory or /work).
    let script: String

    /// One peer run's figures, as peer-decode.py prints them.
    struct Run: Decodable {
        let prompt_tokens: Int
        let prefill_tok_s: Double
        let decode_tokens: Int
        let decode_tok_s: Double
    }

    /// Why the peer could not be run or read.
    struct Failure: Error, CustomStringConvertible {
        /// The message.
        let description: String
    }

    /// The peer when both its Python and the script exist, nil otherwise.
    static func locate() -> LlamaCppPeer? {
        let env = ProcessInfo.processInfo.environment
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let python = env["LCE_PEER_PYTHON"] ?? home + "/.cache/lce/llama-cpp-peer/venv/bin/python"
        let cwd = FileManager.default.currentDirectoryPath
        let scripts = [env["LCE_PEER_SCRIPT"], cwd + "/../shared/tools/peer-decode.py", "/work/shared/tools/peer-decode.py"]
        guard FileManager.default.isExecutableFile(atPath: python),
              let script = scripts.compactMap({ $0 }).first(where: { FileManager.default.fileExists(atPath: $0) })
        else { return nil }
        return LlamaCppPeer(python: python, script: script)
    }

    /// Runs the peer once on `model` with `threads` threads, decoding up to `tokens` tokens after `prompt`.
    func run(model: String, threads: Int, tokens: Int, prompt: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, model, "--threads", "\(threads)", "--tokens", "\(tokens)", "--prompt", prompt]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix("{") })
        else {
            throw Failure(description: "\(script) exited with \(process.terminationStatus): \(errorText.suffix(400))")
        }
        do {
            return try JSONDecoder().decode(Run.self, from: Data(line.utf8))
        } catch {
            throw Failure(description: "\(script) printed unreadable JSON (\(error)): \(line.prefix(200))")
        }
    }
}

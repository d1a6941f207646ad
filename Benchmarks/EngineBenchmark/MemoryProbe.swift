import Foundation
import Models
import ServiceKit
import Tensor

/// Peak resident memory while generating from a GGUF file, measured in a child process of its own
/// so that the benchmark's other variants (an F32 copy is ~2 GiB) do not count.
enum MemoryProbe {
    /// What the child reports.
    struct Figures: Codable {
        /// VmHWM after loading and generating.
        let peakResidentBytes: Int
        /// The session's KV cache (default context, as `lce generate` allocates it).
        let kvCacheBytes: Int
        /// The session's activation buffers.
        let activationBytes: Int
        /// The GGUF file's size.
        let fileBytes: Int
        /// Positions the cache holds.
        let context: Int
    }

    /// Why the probe failed.
    struct Failure: Error, CustomStringConvertible {
        /// The message.
        let description: String
    }

    /// In the child: load `model`, generate `tokens` tokens after the benchmark prompt with the
    /// default context, and print the figures as one JSON line.
    static func runChild(model: String, tokens: Int) throws {
        let loaded = try LoadedModel.load(path: model)
        let generator = Generator(model: loaded.model)
        let prompt = loaded.promptTokens(BenchmarkPrompt.text)
        try generator.generate(prompt: prompt, options: GenerationOptions(maxTokens: tokens))
        let attributes = try FileManager.default.attributesOfItem(atPath: model)
        let figures = Figures(peakResidentBytes: ResourceUsage.peakResidentBytes(),
                              kvCacheBytes: generator.session.cache.byteCount,
                              activationBytes: generator.session.activations.byteCount,
                              fileBytes: (attributes[.size] as? NSNumber)?.intValue ?? 0,
                              context: generator.session.contextCapacity)
        print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
    }

    /// In the parent: runs this executable again with `--memory-probe` and reads its figures.
    static func measure(model: String, threads: Int, tokens: Int) throws -> Figures {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--memory-probe", "--model", model, "--threads", "\(threads)", "--tokens", "\(tokens)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last else {
            throw Failure(description: "the memory probe exited with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(Figures.self, from: Data(line.utf8))
    }
}

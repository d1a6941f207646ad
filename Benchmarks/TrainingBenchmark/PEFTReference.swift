import BenchmarkKit
import Foundation

/// The same LoRA configuration trained by PyTorch + PEFT through peft_reference.py (next to this
/// file), for the speed and memory ratio. Only the benchmark runs it; no test needs Python.
struct PEFTReference {
    /// The interpreter that imports torch, peft and transformers.
    let python: String
    /// peft_reference.py.
    let script: String

    /// What the script prints.
    struct Figures: Decodable {
        /// Library versions.
        let torch: String, peft: String, transformers: String
        /// Intra-op threads torch used.
        let threads: Int
        /// Elements the optimizer updates.
        let trainable_parameters: Int
        /// Tokens per step.
        let tokens_per_step: Int
        /// Seconds of each warm-up and timed step.
        let warmup_seconds: [Double], step_seconds: [Double]
        /// First and last training loss.
        let first_loss: Double, last_loss: Double
        /// ru_maxrss after loading and after the steps, in bytes.
        let resident_after_load_bytes: Int, peak_resident_bytes: Int

        /// Tokens per second over the median step.
        var tokensPerSecond: Double { Double(tokens_per_step) / step_seconds.median }
    }

    /// The reference when a Python with torch and peft is found: `explicit` (--python) only when
    /// given, else `python3` on PATH, else the training venv; otherwise the reason it is skipped.
    static func locate(explicit: String?, script explicitScript: String?) -> Result<PEFTReference, ChildProcess.Failure> {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("peft_reference.py").path
        let cwd = FileManager.default.currentDirectoryPath + "/Benchmarks/TrainingBenchmark/peft_reference.py"
        guard let script = [explicitScript, here, cwd].compactMap({ $0 }).first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            return .failure(.init(description: "peft_reference.py not found (give --peft-script PATH)"))
        }
        let candidates = explicit.map { [$0] } ?? ["python3", "/work/venvs/training/bin/python"]
        var reasons: [String] = []
        for candidate in candidates {
            guard let path = resolve(candidate) else { reasons.append("\(candidate): not found"); continue }
            if let problem = importProblem(path) { reasons.append("\(candidate): \(problem)"); continue }
            return .success(PEFTReference(python: path, script: script))
        }
        return .failure(.init(description: reasons.joined(separator: "; ")))
    }

    /// An executable path for `name` (a path, or a name looked up on PATH).
    static func resolve(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// nil when `python` imports torch, peft and transformers, else what failed.
    static func importProblem(_ python: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import torch, peft, transformers"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do { try process.run() } catch { return "\(error)" }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus != 0 else { return nil }
        return text.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
    }

    /// Trains LoRA on the Hugging Face checkpoint `model` and returns the script's figures.
    func run(model: String, sequences: Int, length: Int, warmup: Int, steps: Int, threads: Int, rank: Int, alpha: Double,
             dropout: Double, targetModules: [String]) throws -> Figures {
        try ChildProcess.runJSON(python, [
            script, "--model", model, "--batch-size", "\(sequences)", "--sequence-length", "\(length)",
            "--warmup", "\(warmup)", "--steps", "\(steps)", "--threads", "\(threads)", "--r", "\(rank)",
            "--alpha", "\(alpha)", "--dropout", "\(dropout)", "--target-modules", targetModules.joined(separator: ","),
        ], as: Figures.self)
    }
}

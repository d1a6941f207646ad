import ArgumentParser
import Foundation
import Tensor
import Training

/// `lce-bench-training`: LoRA, QLoRA and full fine-tuning of one model on one batch in one run:
/// tokens/s, peak resident memory, the step's FLOP rate against sgemm, the adapter's size, and
/// the same LoRA through PyTorch + PEFT when they are importable.
@main
struct TrainingBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-bench-training",
        abstract: "Measure LoRA, QLoRA and full fine-tuning speed and memory against sgemm and PyTorch + PEFT.",
        discussion: """
        Each method runs in a child process of this executable (peak resident memory only grows within a \
        process): it opens the base, trains --warmup then --steps optimizer steps (AdamW, clipping at 1) \
        on one fixed batch of --batch-size × --sequence-length seeded token ids, timing sgemm on one \
        layer's projections at m = the batch's tokens after each timed step (the machine's load changes \
        by the minute), then reads its peak RSS less the sgemm operands. The step's matmul FLOPs are \
        counted from the model's shape. A GGUF model is dequantized once into a Float32 Hugging Face \
        checkpoint under --cache (LoRA, full fine-tuning and PyTorch train on it); QLoRA trains over the \
        GGUF's own 4-bit blocks. PyTorch + PEFT run peft_reference.py with the same LoRA configuration, \
        batch and thread count.

        Examples:
          lce-bench-training                                   # the bundled default model, all methods
          lce-bench-training --model ~/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf --methods lora,qlora
          lce-bench-training --methods lora --steps 3 --no-peft
        """)

    @Option(name: .long, help: "A Hugging Face model directory or a LLaMA/Qwen2 GGUF file (default: the bundled model).")
    var model: String?

    @Option(name: .long, help: "Comma-separated methods to measure: lora, qlora, full.")
    var methods = "lora,qlora,full"

    @Option(name: .long, help: "Sequences per batch.")
    var batchSize = 2

    @Option(name: .long, help: "Tokens per sequence.")
    var sequenceLength = 128

    @Option(name: .long, help: "Untimed optimizer steps first.")
    var warmup = 2

    @Option(name: .long, help: "Timed optimizer steps (the median is reported).")
    var steps = 5

    @Option(name: .long, help: "Threads for the engine and OpenBLAS (and torch.set_num_threads).")
    var threads = 2

    @Option(name: .long, help: "LoRA rank r.")
    var r = 8

    @Option(name: .long, help: "lora_alpha.")
    var alpha = 16.0

    @Option(name: .long, help: "lora_dropout.")
    var dropout = 0.05

    @Option(name: .long, help: "Comma-separated LoRA target modules.")
    var targetModules = "q_proj,v_proj"

    @Option(name: .long, help: "Python with torch, peft and transformers (default: python3, then /work/venvs/training/bin/python).")
    var python: String?

    @Option(name: .long, help: "The PyTorch reference script (default: peft_reference.py next to the benchmark's source).")
    var peftScript: String?

    @Flag(name: .long, help: "Skip the PyTorch + PEFT reference.")
    var noPeft = false

    @Option(name: .long, help: "Where a GGUF model's Float32 checkpoint is written once and reused.")
    var cache = "~/.cache/lce/bench"

    @Option(name: .long, help: "Seconds of sgemm timed after each timed step.")
    var sgemmSeconds = 0.5

    @Option(name: .long, help: .hidden)
    var only: String?

    @Option(name: .long, help: .hidden)
    var checkpoint: String?

    @Option(name: .long, help: .hidden)
    var gguf: String?

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard batchSize >= 1, sequenceLength >= 2 else { throw ValidationError("--batch-size must be >= 1 and --sequence-length >= 2") }
        guard warmup >= 0, steps >= 1, sgemmSeconds > 0 else { throw ValidationError("--warmup >= 0, --steps >= 1, --sgemm-seconds > 0") }
        guard r >= 1 else { throw ValidationError("--r must be at least 1") }
        guard dropout >= 0, dropout < 1 else { throw ValidationError("--dropout must be in [0, 1)") }
        _ = try chosenMethods()
    }

    /// The methods --methods names, in the order lora, qlora, full.
    func chosenMethods() throws -> [TrainingMethod] {
        let names = methods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in names where TrainingMethod(rawValue: name) == nil {
            throw ValidationError("--methods: '\(name)' is not lora, qlora or full")
        }
        guard !names.isEmpty else { throw ValidationError("--methods names no method") }
        return TrainingMethod.allCases.filter { names.contains($0.rawValue) }
    }

    var targets: [String] { targetModules.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() throws {
        Threading.count = threads
        if let only {
            guard let method = TrainingMethod(rawValue: only), let checkpoint else {
                throw ValidationError("--only needs lora, qlora or full and --checkpoint")
            }
            let figures = try MethodRun(method: method, directory: checkpoint, gguf: gguf, rank: r, alpha: alpha, dropout: dropout,
                                        targetModules: targets, sequences: batchSize, length: sequenceLength, warmup: warmup,
                                        steps: steps, sgemmSeconds: sgemmSeconds).run()
            print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
            return
        }
        // Line-buffered, so a long run shows each method as it finishes even when piped to a file.
        setvbuf(stdout, nil, _IOLBF, 0)
        try BenchmarkReport(options: self, methods: try chosenMethods()).run()
    }

    /// The model path with ~ expanded; the bundled default model when none was given.
    func modelPath() throws -> String {
        if let model { return (model as NSString).expandingTildeInPath }
        let candidates = [FileManager.default.currentDirectoryPath + "/Deploy/models/default",
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                              .appendingPathComponent("../../Deploy/models/default").standardized.path]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/config.json") }) else {
            throw ValidationError("the bundled model (Deploy/models/default) was not found; give --model PATH")
        }
        return found
    }

    /// The arguments that make a child measure `method` like this run.
    func childArguments(_ method: TrainingMethod, checkpoint: String, gguf: String?) -> [String] {
        ["--only", method.rawValue, "--checkpoint", checkpoint, "--threads", "\(threads)", "--batch-size", "\(batchSize)",
         "--sequence-length", "\(sequenceLength)", "--warmup", "\(warmup)", "--steps", "\(steps)", "--r", "\(r)",
         "--alpha", "\(alpha)", "--dropout", "\(dropout)", "--target-modules", targetModules,
         "--sgemm-seconds", "\(sgemmSeconds)"] + (gguf.map { ["--gguf", $0] } ?? [])
    }
}

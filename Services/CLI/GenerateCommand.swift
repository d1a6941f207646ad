import ArgumentParser
import Foundation
import Models
import ServiceKit
import Tensor
import Training

/// `lce generate`: loads a model (optionally as an 8- or 4-bit variant), streams a continuation of
/// the prompt to stdout and ends with one line of figures on stderr.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a continuation of a prompt with the project's own engine, streaming it to stdout.",
        discussion: """
        The model is a GGUF file or a Hugging Face directory (config.json, *.safetensors, \
        tokenizer.json). --variant base runs the weights as stored; q8 and q4 quantize the linear layers \
        in this process first (Q8_0; Q4_K where a row is whole 256-element super-blocks, Q4_0 \
        otherwise). The last line, on stderr, gives prompt tokens, prefill and decode tokens/s, peak \
        memory and load time.

        Examples:
          M=~/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf
          lce generate --model $M --max-tokens 64 $'def is_even(n: int) -> bool:\\n'
          lce generate --model $M --variant q8 --temperature 0.7 --top-p 0.9 --seed 7 \\
                       --stop $'\\n\\n' "def add("
          echo "print(" | lce generate --model $M -      # the prompt from stdin
          lce generate --model Deploy/models/default --adapter ~/.lce/adapters/code "def reverse_string(s):"
        """)

    /// Which weights generation runs on.
    enum Variant: String, ExpressibleByArgument, CaseIterable {
        case base, q8, q4

        /// The layout the linear weights are quantized to, or nil to keep them as stored.
        var target: DType? {
            switch self {
            case .base: return nil
            case .q8: return .q8_0
            case .q4: return .q4_K
            }
        }
    }

    /// A problem with the command's input, reported as one line.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to do about it.
        let description: String
    }

    @Option(name: .long, help: "A GGUF file or a Hugging Face model directory.")
    var model: String

    @Option(name: .long, help: "The most new tokens to generate.")
    var maxTokens = 256

    @Option(name: .long, help: "Softmax temperature; 0 is greedy decoding.")
    var temperature: Float = 0

    @Option(name: .long, help: "Sample only among the k most likely tokens (0 keeps all).")
    var topK = 0

    @Option(name: .long, help: "Sample only among the most likely tokens holding this probability mass (1 keeps all).")
    var topP: Float = 1

    @Option(name: .long, help: "Seed of the sampler: the same seed gives the same text.")
    var seed: UInt64 = 0

    @Option(name: .long, parsing: .singleValue, help: "Stop before this text (repeatable).")
    var stop: [String] = []

    @Option(name: .long, help: "Threads for the kernels and OpenBLAS (default: all cores).")
    var threads: Int?

    @Option(name: .long, help: "Positions the KV cache holds (default: the model's context, at most 4096).")
    var context: Int?

    @Option(name: .long, help: "base (weights as stored), q8 or q4 (quantized in this process).")
    var variant: Variant = .base

    @Option(name: .long, help: "A PEFT adapter directory (this project's or Python PEFT's) to generate through.")
    var adapter: String?

    @Argument(help: "The prompt text, or - to read it from stdin.")
    var prompt: String

    func validate() throws {
        guard maxTokens >= 0 else { throw ValidationError("--max-tokens must be 0 or more, got \(maxTokens)") }
        guard topK >= 0 else { throw ValidationError("--top-k must be 0 or more, got \(topK)") }
        guard topP > 0, topP <= 1 else { throw ValidationError("--top-p must be in (0, 1], got \(topP)") }
        guard temperature.isFinite, temperature >= 0 else { throw ValidationError("--temperature must be 0 or more") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let context, context < 1 { throw ValidationError("--context must be at least 1, got \(context)") }
    }

    func run() throws {
        if let threads { Threading.count = threads }
        let path = (model as NSString).expandingTildeInPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "model not found: \(path) (give a GGUF file or a Hugging Face model directory)")
        }
        let text = try promptText()
        guard !text.isEmpty else { throw Failure(description: "the prompt is empty") }

        let loadStart = DispatchTime.now().uptimeNanoseconds
        var loaded = try LoadedModel.load(path: path)
        if let target = variant.target {
            loaded = LoadedModel(model: try ModelQuantizer.quantize(loaded.model, to: target),
                                 tokenizer: loaded.tokenizer, path: loaded.path)
        }
        if let adapter {
            let directory = (adapter as NSString).expandingTildeInPath
            guard FileManager.default.fileExists(atPath: directory + "/" + AdapterConfig.fileName) else {
                throw Failure(description: "--adapter \(directory): no \(AdapterConfig.fileName) there (a PEFT adapter directory)")
            }
            // Folded into the weights in memory (nothing written); over q8/q4 attached as low-rank terms instead.
            loaded = try loaded.applyingAdapter(directory: directory, overQuantizedBase: variant.target != nil)
        }
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9

        let modelContext = loaded.model.shape.contextLength
        if let context, context > modelContext {
            throw Failure(description: "--context \(context) is longer than the model's context of \(modelContext) tokens")
        }
        let generator = Generator(model: loaded.model, contextCapacity: context)
        let tokens = loaded.promptTokens(text)
        let capacity = generator.session.contextCapacity
        guard tokens.count <= capacity else {
            throw Failure(description: "the prompt is \(tokens.count) tokens, longer than the context of \(capacity) tokens"
                          + " (shorten the prompt or raise --context, up to the model's \(modelContext))")
        }

        let options = GenerationOptions(maxTokens: maxTokens, temperature: temperature, topK: topK, topP: topP,
                                        seed: seed, stopSequences: stop, stopTokenIDs: loaded.stopTokenIDs)
        let stdout = FileHandle.standardOutput
        let result = try generator.generate(prompt: tokens, options: options,
                                            detokenizer: loaded.tokenizer.streamingDecoder()) { step in
            if !step.text.isEmpty { stdout.write(Data(step.text.utf8)) }
            return true
        }
        stdout.write(Data("\n".utf8))
        FileHandle.standardError.write(Data((Self.summary(result, loadSeconds: loadSeconds) + "\n").utf8))
    }

    /// The prompt argument, or stdin when it is "-".
    private func promptText() throws -> String {
        guard prompt == "-" else { return prompt }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "stdin is not UTF-8 text")
        }
        return text
    }

    /// The closing stderr line: prompt tokens, both phases' rates, peak memory, load time.
    static func summary(_ result: GenerationResult, loadSeconds: Double) -> String {
        summary(promptTokens: result.promptTokenCount, prefillRate: result.prefillTokensPerSecond,
                decodeRate: result.decodeTokensPerSecond, newTokens: result.tokens.count,
                finish: result.finishReason.rawValue, peakBytes: ResourceUsage.peakResidentBytes(), loadSeconds: loadSeconds)
    }

    /// The closing line from its figures.
    static func summary(promptTokens: Int, prefillRate: Double, decodeRate: Double, newTokens: Int, finish: String,
                        peakBytes: Int, loadSeconds: Double) -> String {
        func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
        return "prompt \(promptTokens) tokens, prefill \(f(prefillRate)) tokens/s, decode \(f(decodeRate)) tokens/s"
            + " (\(newTokens) tokens, \(finish)), peak memory \(f(Double(peakBytes) / 1_048_576, 0)) MiB,"
            + " load \(f(loadSeconds, 2)) s"
    }
}

import Dispatch
import Foundation
import Models
import Tensor

/// Runs a set of variants of one model on the same tasks with the same decoding settings and scores each:
/// BLEU, CodeBLEU, pass@1 in the sandbox, exact match, perplexity on the reference text, and the speed,
/// memory and size profile. One variant is loaded at a time, so peak memory is each variant's own.
public struct VariantEvaluation: Sendable {
    /// The base model: a GGUF file or a Hugging Face directory.
    public var modelPath: String
    /// A model with a LoRA adapter merged in, for the `merged` variant.
    public var mergedModelPath: String?
    /// Where each adapter named by a `lora.<name>` / `qlora.<name>` variant lives (a PEFT adapter directory).
    public var adapterDirectories: [String: String]
    /// The tasks.
    public var dataset: EvaluationDataset
    /// Decoding and scoring settings shared by every variant.
    public var settings: ComparisonSettings
    /// The machine, stored on every row.
    public var hardware: EvaluationHardware
    /// Context positions to allocate per session (default: the model's, at most 4096).
    public var contextTokens: Int?
    /// Loads a model with its tokenizer; tests swap in a tokenizer of their own.
    public var load: @Sendable (String) throws -> LoadedModel

    /// Describes a comparison; nothing runs until `run`.
    public init(modelPath: String, mergedModelPath: String? = nil, adapterDirectories: [String: String] = [:],
                dataset: EvaluationDataset,
                settings: ComparisonSettings = ComparisonSettings(), hardware: EvaluationHardware, contextTokens: Int? = nil,
                load: @escaping @Sendable (String) throws -> LoadedModel = { try LoadedModel.load(path: $0) }) {
        self.modelPath = modelPath
        self.mergedModelPath = mergedModelPath
        self.adapterDirectories = adapterDirectories
        self.dataset = dataset
        self.settings = settings
        self.hardware = hardware
        self.contextTokens = contextTokens
        self.load = load
    }

    /// Progress of a run: units done of the total (each task's generation is one unit, a variant's perplexity another).
    public typealias Progress = @Sendable (_ variant: String, _ done: Int, _ total: Int) -> Void

    /// Units of work `run` reports for `variants`.
    public func progressTotal(variants: [EvaluationVariant]) -> Int {
        variants.count * (dataset.problems.count + (settings.perplexity ? 1 : 0))
    }

    /// The configuration hash of one variant's row.
    public func configHash(variant: EvaluationVariant) throws -> String {
        let path = variant == .merged ? (mergedModelPath ?? modelPath) : modelPath
        return try ConfigurationHash.of(VariantConfiguration(
            settings: settings, dataset: dataset.name, datasetDigest: dataset.digest, tasks: dataset.problems.count,
            modelFile: URL(fileURLWithPath: path).lastPathComponent, modelBytes: try? DiskSize.bytes(atPath: path),
            variant: variant.description))
    }

    /// Evaluates every variant in order and returns one row per variant; a variant that cannot be built yet gets a row
    /// saying why. `sandbox` runs pass@k (nil skips it). Each row goes to `finished` as soon as it is complete, before the
    /// next variant loads. Errors of the whole run (no tasks, an unreadable model) throw.
    public func run(variants: [EvaluationVariant], sandbox: Sandbox?, progress: Progress? = nil,
                    finished: (@Sendable (VariantResult) async throws -> Void)? = nil) async throws -> [VariantResult] {
        try settings.validate()
        guard !dataset.problems.isEmpty else { throw ComparisonError.emptyDataset(dataset.name) }
        let total = progressTotal(variants: variants)
        var results: [VariantResult] = []
        for (index, variant) in variants.enumerated() {
            let offset = index * (dataset.problems.count + (settings.perplexity ? 1 : 0))
            let hash = try configHash(variant: variant)
            let generated: GeneratedVariant
            do {
                generated = try await generate(variant) { done in progress?(variant.description, offset + done, total) }
            } catch let error as ComparisonError {
                guard case .variantUnavailable(_, let reason) = error else { throw error }
                let unavailable = VariantResult(variant: variant.description, model: modelPath, dataset: dataset.name,
                                                unavailableReason: reason, configHash: hash, hardware: hardware)
                results.append(unavailable)
                try await finished?(unavailable)
                progress?(variant.description, offset + dataset.problems.count + (settings.perplexity ? 1 : 0), total)
                continue
            }
            let result = try await score(generated, variant: variant, configHash: hash, sandbox: sandbox)
            results.append(result)
            try await finished?(result)
        }
        return results
    }
}

import Evaluation
import Foundation
import Messaging

/// What an eval job asks for, resolved against this service: the model file, the tasks, the variants and the settings.
struct EvalJobPlan {
    /// The dataset name that means the bundled code-task eval split.
    static let bundledDataset = "bundled"

    let modelPath: String
    /// The model of the `merged` variant, when the job names one.
    let mergedModelPath: String?
    let dataset: EvaluationDataset
    let variants: [EvaluationVariant]
    /// The registry directory of every adapter a `lora.<name>` / `qlora.<name>` variant names.
    let adapterDirectories: [String: String]
    let settings: ComparisonSettings

    init(job: EvalJob, defaultModel: String, lceHome: String) throws {
        modelPath = try Self.resolveModel(job.baseModel, defaultModel: defaultModel, lceHome: lceHome)
        mergedModelPath = try job.mergedModel.map { try Self.resolveModel($0, defaultModel: defaultModel, lceHome: lceHome) }
        if job.dataset == Self.bundledDataset || job.dataset == EvaluationDataset.bundledEvalName {
            dataset = EvaluationDataset.bundledEval(limit: job.limit)
        } else {
            let path = job.dataset.hasPrefix("/") ? job.dataset : lceHome + "/datasets/" + job.dataset
            guard FileManager.default.fileExists(atPath: path) else { throw EvaluatorError.datasetNotFound(job.dataset) }
            dataset = try EvaluationDataset.load(path: path, limit: job.limit)
        }
        variants = try job.variants.map { try EvaluationVariant(parsing: $0) }
        var adapters: [String: String] = [:]
        for variant in variants {
            if case .lora(let name) = variant { adapters[name] = lceHome + "/adapters/" + name }
            if case .qlora(let name) = variant { adapters[name] = lceHome + "/adapters/" + name }
        }
        adapterDirectories = adapters
        let metrics = Set(job.metrics.map { $0.lowercased() })
        settings = ComparisonSettings(maxTokens: job.maxTokens, temperature: job.temperature,
                                      passAtK: metrics.contains("pass@k") || metrics.contains("pass@1"),
                                      samplesPerTask: job.samplesPerTask, passAtKValues: job.k,
                                      perplexity: metrics.contains("perplexity"))
        try settings.validate()
    }

    /// A model named by path, by name under `LCE_HOME/models`, or the service's default.
    static func resolveModel(_ name: String?, defaultModel: String, lceHome: String) throws -> String {
        guard let name, !name.isEmpty else { return defaultModel }
        for candidate in [name, lceHome + "/models/" + name] where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        throw EvaluatorError.modelNotFound(name)
    }
}

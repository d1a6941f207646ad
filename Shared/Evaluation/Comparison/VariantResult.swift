/// One row of the trade-off table: a variant's quality scores, profile and provenance, or why it was not evaluated.
public struct VariantResult: Sendable, Equatable, Codable {
    /// The variant id (`base`, `q8`, `lora.python`).
    public var variant: String
    /// The base model's path or name.
    public var model: String
    /// The dataset's name.
    public var dataset: String
    /// Nil when evaluated; otherwise why the variant could not be (e.g. "not available yet: ...").
    public var unavailableReason: String?
    /// Tasks evaluated.
    public var samples: Int
    /// Corpus BLEU (0-100) of completions against canonical solutions, as sacrebleu computes it.
    public var bleu: Double?
    /// sacrebleu's signature of the BLEU settings.
    public var bleuSignature: String?
    /// Corpus CodeBLEU with its four parts.
    public var codeBLEU: CodeBLEUScore?
    /// pass@1: with one draw per task, the fraction of tasks whose completion passed the tests.
    public var passAt1: Double?
    /// The unbiased pass@k estimates, keyed `pass@<k>` (pass@1 among them when asked for).
    public var passAtK: [String: Double]?
    /// Fraction of completions equal to the canonical solution.
    public var exactMatch: Double?
    /// Perplexity on the tasks' reference text.
    public var perplexity: Double?
    /// Speed, memory and size.
    public var profile: GenerationProfile?
    /// Hash of the settings, dataset, model and variant.
    public var configHash: String
    /// The machine it ran on.
    public var hardware: EvaluationHardware
    /// Per-task records.
    public var sampleResults: [SampleEvaluation]

    /// Creates a row.
    public init(variant: String, model: String, dataset: String, unavailableReason: String? = nil, samples: Int = 0,
                bleu: Double? = nil, bleuSignature: String? = nil, codeBLEU: CodeBLEUScore? = nil, passAt1: Double? = nil,
                passAtK: [String: Double]? = nil, exactMatch: Double? = nil, perplexity: Double? = nil, profile: GenerationProfile? = nil,
                configHash: String, hardware: EvaluationHardware, sampleResults: [SampleEvaluation] = []) {
        self.variant = variant
        self.model = model
        self.dataset = dataset
        self.unavailableReason = unavailableReason
        self.samples = samples
        self.bleu = bleu
        self.bleuSignature = bleuSignature
        self.codeBLEU = codeBLEU
        self.passAt1 = passAt1
        self.passAtK = passAtK
        self.exactMatch = exactMatch
        self.perplexity = perplexity
        self.profile = profile
        self.configHash = configHash
        self.hardware = hardware
        self.sampleResults = sampleResults
    }

    /// Whether the variant was evaluated.
    public var isAvailable: Bool { unavailableReason == nil }
}

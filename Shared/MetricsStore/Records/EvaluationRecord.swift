import Foundation

/// One variant's results in one evaluation run (an `evaluation.completed` per-variant result).
public struct EvaluationRecord: Sendable, Equatable, ExperimentMember {
    /// The event's id; a second event with the same id is ignored.
    public var eventID: UUID
    /// The evaluation job's id; one row per run and variant.
    public var runID: UUID
    /// Experiment it belongs to; an unknown experiment is created, named by its id.
    public var experimentID: UUID?
    /// The experiment's name, when the producer knows it (see `setExperiment(named:)`).
    public var experimentName: String?
    /// Base model name; created if unknown.
    public var model: String
    /// Variant id (`base`, `lora.<adapter>`, ...); created if unknown.
    public var variant: String
    /// Dataset name or path.
    public var dataset: String?
    /// Number of samples evaluated.
    public var samples: Int?
    /// Corpus BLEU (0...100, as sacrebleu reports).
    public var bleu: Double?
    /// CodeBLEU (0...1).
    public var codeBLEU: Double?
    /// CodeBLEU's n-gram match part.
    public var codeBLEUNgram: Double?
    /// CodeBLEU's keyword-weighted n-gram part.
    public var codeBLEUWeightedNgram: Double?
    /// CodeBLEU's syntax-tree match part.
    public var codeBLEUSyntax: Double?
    /// CodeBLEU's data-flow match part.
    public var codeBLEUDataflow: Double?
    /// pass@1 (0...1).
    public var passAt1: Double?
    /// pass@k for `k`.
    public var passAtK: Double?
    /// The k of `passAtK`.
    public var k: Int?
    /// Fraction of exact matches (0...1).
    public var exactMatch: Double?
    /// Perplexity on held-out text.
    public var perplexity: Double?
    /// Time to first token.
    public var ttftMilliseconds: Double?
    /// Time per output token after the first.
    public var timePerOutputTokenMilliseconds: Double?
    /// Request latency, 50th percentile.
    public var latencyP50Milliseconds: Double?
    /// Request latency, 95th percentile.
    public var latencyP95Milliseconds: Double?
    /// Request latency, 99th percentile.
    public var latencyP99Milliseconds: Double?
    /// Generation throughput.
    public var tokensPerSecond: Double?
    /// Peak resident memory.
    public var peakRSSBytes: Int64?
    /// Model load time.
    public var loadTimeMilliseconds: Double?
    /// Size on disk of what the variant loads.
    public var sizeBytes: Int64?
    /// Hardware fingerprint (CPU model, ISA flags, threads, BLAS kernel) as JSON.
    public var hardware: PostgresJSON
    /// Hash of the evaluation configuration.
    public var configHash: String?
    /// When the variant's evaluation finished.
    public var evaluatedAt: Date

    /// Creates an evaluation record; every measurement is optional.
    public init(
        eventID: UUID,
        runID: UUID,
        experimentID: UUID? = nil,
        model: String,
        variant: String,
        dataset: String? = nil,
        samples: Int? = nil,
        bleu: Double? = nil,
        codeBLEU: Double? = nil,
        codeBLEUNgram: Double? = nil,
        codeBLEUWeightedNgram: Double? = nil,
        codeBLEUSyntax: Double? = nil,
        codeBLEUDataflow: Double? = nil,
        passAt1: Double? = nil,
        passAtK: Double? = nil,
        k: Int? = nil,
        exactMatch: Double? = nil,
        perplexity: Double? = nil,
        ttftMilliseconds: Double? = nil,
        timePerOutputTokenMilliseconds: Double? = nil,
        latencyP50Milliseconds: Double? = nil,
        latencyP95Milliseconds: Double? = nil,
        latencyP99Milliseconds: Double? = nil,
        tokensPerSecond: Double? = nil,
        peakRSSBytes: Int64? = nil,
        loadTimeMilliseconds: Double? = nil,
        sizeBytes: Int64? = nil,
        hardware: PostgresJSON = .emptyObject,
        configHash: String? = nil,
        evaluatedAt: Date
    ) {
        self.eventID = eventID
        self.runID = runID
        self.experimentID = experimentID
        self.model = model
        self.variant = variant
        self.dataset = dataset
        self.samples = samples
        self.bleu = bleu
        self.codeBLEU = codeBLEU
        self.codeBLEUNgram = codeBLEUNgram
        self.codeBLEUWeightedNgram = codeBLEUWeightedNgram
        self.codeBLEUSyntax = codeBLEUSyntax
        self.codeBLEUDataflow = codeBLEUDataflow
        self.passAt1 = passAt1
        self.passAtK = passAtK
        self.k = k
        self.exactMatch = exactMatch
        self.perplexity = perplexity
        self.ttftMilliseconds = ttftMilliseconds
        self.timePerOutputTokenMilliseconds = timePerOutputTokenMilliseconds
        self.latencyP50Milliseconds = latencyP50Milliseconds
        self.latencyP95Milliseconds = latencyP95Milliseconds
        self.latencyP99Milliseconds = latencyP99Milliseconds
        self.tokensPerSecond = tokensPerSecond
        self.peakRSSBytes = peakRSSBytes
        self.loadTimeMilliseconds = loadTimeMilliseconds
        self.sizeBytes = sizeBytes
        self.hardware = hardware
        self.configHash = configHash
        self.evaluatedAt = evaluatedAt
    }
}

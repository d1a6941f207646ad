import Foundation

/// One variant's latest results, as `tradeoff_summary` and `pareto_frontier` return them.
public struct TradeoffRow: Sendable, Equatable {
    /// Experiment id, nil for evaluations outside an experiment.
    public var experimentID: UUID?
    /// Experiment name.
    public var experiment: String?
    /// Base model name.
    public var model: String
    /// Variant id.
    public var variant: String
    /// Variant kind.
    public var kind: String
    /// The evaluation job the numbers come from.
    public var runID: UUID
    /// When the variant was evaluated.
    public var evaluatedAt: Date
    /// pass@1, else CodeBLEU, else BLEU / 100.
    public var quality: Double?
    /// Corpus BLEU.
    public var bleu: Double?
    /// CodeBLEU.
    public var codeBLEU: Double?
    /// pass@1.
    public var passAt1: Double?
    /// Perplexity.
    public var perplexity: Double?
    /// Time to first token.
    public var ttftMilliseconds: Double?
    /// p95 latency.
    public var latencyP95Milliseconds: Double?
    /// Throughput.
    public var tokensPerSecond: Double?
    /// Peak resident memory in MiB.
    public var peakRSSMegabytes: Double?
    /// Size on disk in MiB.
    public var sizeMegabytes: Double?

    init(row: PostgresRow) throws {
        experimentID = try row.decodeIfPresent("experiment_id")
        experiment = try row.decodeIfPresent("experiment")
        model = try row.decode("model")
        variant = try row.decode("variant")
        kind = try row.decode("kind")
        runID = try row.decode("run_id")
        evaluatedAt = try row.decode("evaluated_at")
        quality = try row.decodeIfPresent("quality")
        bleu = try row.decodeIfPresent("bleu")
        codeBLEU = try row.decodeIfPresent("codebleu")
        passAt1 = try row.decodeIfPresent("pass_at_1")
        perplexity = try row.decodeIfPresent("perplexity")
        ttftMilliseconds = try row.decodeIfPresent("ttft_ms")
        latencyP95Milliseconds = try row.decodeIfPresent("latency_p95_ms")
        tokensPerSecond = try row.decodeIfPresent("tokens_per_second")
        peakRSSMegabytes = try row.decodeIfPresent("peak_rss_mb")
        sizeMegabytes = try row.decodeIfPresent("size_mb")
    }
}

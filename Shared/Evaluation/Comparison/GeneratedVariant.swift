/// What one variant produced before scoring: a completion and timing per task, perplexity and the memory, load and size figures.
struct GeneratedVariant: Sendable {
    var completions: [String]
    var timings: [RequestTiming]
    var perplexity: Perplexity?
    var peakRSSBytes: Int64?
    var loadTimeMs: Double
    var sizeBytes: Int64?
}

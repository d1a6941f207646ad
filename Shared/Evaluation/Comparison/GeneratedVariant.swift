/// What one variant produced before scoring: the completions and their timings, perplexity and the memory, load and size figures.
struct GeneratedVariant: Sendable {
    /// Task by task, each task's `samplesPerTask` draws together.
    var completions: [String]
    var timings: [RequestTiming]
    var perplexity: Perplexity?
    var peakRSSBytes: Int64?
    var loadTimeMs: Double
    var sizeBytes: Int64?
}

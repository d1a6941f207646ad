/// Speed, memory and size of one variant over a set of requests: what the trade-off table shows
/// beside the quality scores.
public struct GenerationProfile: Sendable, Equatable, Codable {
    /// Requests measured.
    public var requests: Int
    /// Mean time to first token in milliseconds.
    public var timeToFirstTokenMs: Double?
    /// Mean time per output token after the first, in milliseconds.
    public var timePerOutputTokenMs: Double?
    /// Request latency percentiles in milliseconds.
    public var latencyP50Ms: Double?
    /// 95th percentile of request latency in milliseconds.
    public var latencyP95Ms: Double?
    /// 99th percentile of request latency in milliseconds.
    public var latencyP99Ms: Double?
    /// Mean request latency in milliseconds (the prototype's "mean").
    public var latencyMeanMs: Double?
    /// Population standard deviation of request latency in milliseconds (the prototype's "deviation").
    public var latencyStdMs: Double?
    /// Decode rate: tokens after each request's first over the time after its first token, summed over requests
    /// (prefill is TTFT's figure; counting it here would make a variant that stops early look slow).
    public var tokensPerSecond: Double?
    /// Tokens generated in all.
    public var completionTokens: Int
    /// Peak resident memory while the variant was loaded and generating, in bytes.
    public var peakRSSBytes: Int64?
    /// Time to load (and, for in-process variants, quantize) the model, in milliseconds.
    public var loadTimeMs: Double?
    /// Size on disk of what the variant loads, in bytes.
    public var sizeBytes: Int64?

    /// Creates a profile from its figures.
    public init(requests: Int, timeToFirstTokenMs: Double? = nil, timePerOutputTokenMs: Double? = nil,
                latencyP50Ms: Double? = nil, latencyP95Ms: Double? = nil, latencyP99Ms: Double? = nil,
                latencyMeanMs: Double? = nil, latencyStdMs: Double? = nil, tokensPerSecond: Double? = nil,
                completionTokens: Int = 0, peakRSSBytes: Int64? = nil, loadTimeMs: Double? = nil, sizeBytes: Int64? = nil) {
        self.requests = requests
        self.timeToFirstTokenMs = timeToFirstTokenMs
        self.timePerOutputTokenMs = timePerOutputTokenMs
        self.latencyP50Ms = latencyP50Ms
        self.latencyP95Ms = latencyP95Ms
        self.latencyP99Ms = latencyP99Ms
        self.latencyMeanMs = latencyMeanMs
        self.latencyStdMs = latencyStdMs
        self.tokensPerSecond = tokensPerSecond
        self.completionTokens = completionTokens
        self.peakRSSBytes = peakRSSBytes
        self.loadTimeMs = loadTimeMs
        self.sizeBytes = sizeBytes
    }

    /// Aggregates request timings; the memory, load and size figures are measured outside the requests and passed in.
    public init(timings: [RequestTiming], peakRSSBytes: Int64? = nil, loadTimeMs: Double? = nil, sizeBytes: Int64? = nil) {
        let latencies = timings.map { $0.totalSeconds * 1000 }.sorted()
        let firsts = timings.compactMap { $0.timeToFirstTokenSeconds.map { $0 * 1000 } }
        let perToken = timings.compactMap { $0.timePerOutputTokenSeconds.map { $0 * 1000 } }
        let tokens = timings.reduce(0) { $0 + $1.completionTokens }
        let decoding = timings.filter { $0.timePerOutputTokenSeconds != nil }
        let decodeTokens = decoding.reduce(0) { $0 + $1.completionTokens - 1 }
        let decodeSeconds = decoding.reduce(0.0) { $0 + $1.totalSeconds - ($1.timeToFirstTokenSeconds ?? 0) }
        self.init(requests: timings.count,
                  timeToFirstTokenMs: Percentiles.mean(firsts),
                  timePerOutputTokenMs: Percentiles.mean(perToken),
                  latencyP50Ms: Percentiles.value(sorted: latencies, percentile: 50),
                  latencyP95Ms: Percentiles.value(sorted: latencies, percentile: 95),
                  latencyP99Ms: Percentiles.value(sorted: latencies, percentile: 99),
                  latencyMeanMs: Percentiles.mean(latencies),
                  latencyStdMs: Percentiles.standardDeviation(latencies),
                  tokensPerSecond: decodeSeconds > 0 ? Double(decodeTokens) / decodeSeconds : nil,
                  completionTokens: tokens, peakRSSBytes: peakRSSBytes, loadTimeMs: loadTimeMs, sizeBytes: sizeBytes)
    }
}

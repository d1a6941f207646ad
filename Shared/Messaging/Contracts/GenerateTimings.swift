import Foundation

/// How long the parts of one generation took, in milliseconds.
public struct GenerateTimings: Codable, Sendable, Equatable {
    /// Time from the request's publish to the worker taking it.
    public var queueMs: Double
    /// Time from the worker taking it to the first generated token (prefill).
    public var timeToFirstTokenMs: Double
    /// Mean time per generated token after the first.
    public var timePerOutputTokenMs: Double
    /// The worker's whole generation time.
    public var generationMs: Double
    /// Time from the request's publish to the reply's.
    public var totalMs: Double

    /// Creates a value.
    public init(queueMs: Double = 0, timeToFirstTokenMs: Double = 0, timePerOutputTokenMs: Double = 0, generationMs: Double = 0, totalMs: Double = 0) {
        self.queueMs = queueMs
        self.timeToFirstTokenMs = timeToFirstTokenMs
        self.timePerOutputTokenMs = timePerOutputTokenMs
        self.generationMs = generationMs
        self.totalMs = totalMs
    }

    enum CodingKeys: String, CodingKey {
        case queueMs = "queue_ms"
        case timeToFirstTokenMs = "time_to_first_token_ms"
        case timePerOutputTokenMs = "time_per_output_token_ms"
        case generationMs = "generation_ms"
        case totalMs = "total_ms"
    }
}
